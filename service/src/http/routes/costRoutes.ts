import type { ServiceContext } from "../../useCases/context";
import { freightAllocation } from "../../useCases/freightAllocation";
import type { Handlers } from "../route";

/** Cost-to-serve over stored data: freight spread to customers and segments. */
export function costHandlers(ctx: ServiceContext): Handlers<"readFreightAllocation"> {
  return {
    readFreightAllocation: async ({ query }) => ({ json: await freightAllocation(ctx.db, query) }),
  };
}
