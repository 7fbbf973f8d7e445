import { issueApiToken, listApiTokens, revokeApiToken } from "../../useCases/apiTokens";
import type { ServiceContext } from "../../useCases/context";
import type { Handlers } from "../route";

/** API tokens for automation: list, issue, revoke. */
export function tokenHandlers(ctx: ServiceContext): Handlers<"listTokens" | "issueToken" | "revokeToken"> {
  return {
    listTokens: async ({ actor }) => ({ json: { tokens: await listApiTokens(ctx, actor) } }),
    issueToken: async ({ body, actor }) => ({ status: 201, json: await issueApiToken(ctx, actor, body) }),
    revokeToken: async ({ params, actor }) => ({ json: await revokeApiToken(ctx, actor, params.id) }),
  };
}
