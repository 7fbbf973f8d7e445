import { planWaveRelease } from "../../../../shared/src/warehouse";
import type { ServiceContext } from "../../useCases/context";
import { agingActions } from "../../useCases/warehouse/agingActions";
import { capacityBySegment } from "../../useCases/warehouse/capacityBySegment";
import { pushPullModes } from "../../useCases/warehouse/pushPullModes";
import { slottingBySegment } from "../../useCases/warehouse/slottingBySegment";
import { slowMoverPoints } from "../../useCases/warehouse/slowMoverPoints";
import type { Handlers } from "../route";

/** Warehouse and inventory risk by segment over the stored data; wave release over the orders the request carries. */
export function warehouseHandlers(ctx: ServiceContext): Handlers<"planSlotting" | "allocateSharedCapacity" | "releaseWaves" | "readAgingActions" | "readSlowMoverReorderPoints" | "readPushPull"> {
  return {
    planSlotting: async ({ body }) => ({ json: await slottingBySegment(ctx.db, body) }),
    allocateSharedCapacity: async ({ body }) => ({ json: await capacityBySegment(ctx.db, body) }),
    releaseWaves: async ({ body }) => ({ json: planWaveRelease(body.orders, body.waves, body.rules) }),
    readAgingActions: async ({ query }) => ({ json: await agingActions(ctx.db, query) }),
    readSlowMoverReorderPoints: async ({ query }) => ({ json: await slowMoverPoints(ctx.db, query) }),
    readPushPull: async ({ query }) => ({ json: await pushPullModes(ctx.db, query) }),
  };
}
