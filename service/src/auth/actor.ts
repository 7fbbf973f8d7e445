import type { Permission, Role } from "../../../shared/src/api/roles";

/** The caller of a request. */
export interface Actor {
  /** the API token it came with; null when signed in with the identity provider */
  tokenId: string | null;
  /** the stable id four-eyes compares: the IdP's user id, or the owner named when the token was issued */
  subject: string;
  /** the display name written to the audit trail */
  name: string;
  role: Role;
  /** an API token limited to some of its role's permissions; absent: the whole role */
  scopes?: readonly Permission[];
}
