import type { ServiceContext } from "../../useCases/context";
import { costDrivers } from "../../useCases/costDrivers";
import { freightAllocation } from "../../useCases/freightAllocation";
import type { Handlers } from "../route";

/** Cost-to-serve over stored data: freight spread to customers and segments, and the activity drivers per segment. */
export function costHandlers(ctx: ServiceContext): Handlers<"readFreightAllocation" | "readCostDrivers"> {
  return {
    readFreightAllocation: async ({ query }) => ({ json: await freightAllocation(ctx.db, query) }),
    readCostDrivers: async () => ({ json: await costDrivers(ctx.db) }),
  };
}
