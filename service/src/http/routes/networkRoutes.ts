import type { ServiceContext } from "../../useCases/context";
import { runNetworkDesign } from "../../useCases/networkDesign";
import type { Handlers } from "../route";

/** Most customer × DC pairs the synchronous route designs; the job takes any size. */
export const SYNC_NETWORK_PAIRS = 20_000;

/** Network design answered in the request, for small companies and scripts; the pane starts it as a job. */
export function networkHandlers(ctx: ServiceContext): Handlers<"designNetwork"> {
  return {
    designNetwork: async ({ body, actor }) => ({ json: await runNetworkDesign(ctx, actor, body, undefined, SYNC_NETWORK_PAIRS) }),
  };
}
