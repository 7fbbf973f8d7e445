import type { Role } from "../../../shared/src/api/roles";

/** The caller of a request, as its token names it. */
export interface Actor {
  tokenId: string;
  name: string;
  role: Role;
}
