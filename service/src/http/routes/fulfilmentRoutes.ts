import type { ServiceContext } from "../../useCases/context";
import { fulfilmentPaths } from "../../useCases/fulfilmentPaths";
import { readFulfilmentRules, replaceFulfilmentRules } from "../../useCases/fulfilmentRules";
import { promiseOpenOrders } from "../../useCases/orderPromising";
import { planShipments } from "../../useCases/shipmentPlan";
import type { Handlers } from "../route";

/** Order promising and fulfilment paths over the stored order book, and the planner's rule tables. */
export function fulfilmentHandlers(ctx: ServiceContext): Handlers<"readFulfilmentRules" | "replaceFulfilmentRules" | "readAtp" | "readFulfilmentPaths" | "planShipments"> {
  return {
    readFulfilmentRules: async () => ({ json: await readFulfilmentRules(ctx.db) }),
    replaceFulfilmentRules: async ({ body, actor }) => ({ json: await replaceFulfilmentRules(ctx, actor, body) }),
    readAtp: async ({ query }) => ({ json: await promiseOpenOrders(ctx, query) }),
    readFulfilmentPaths: async ({ query }) => ({ json: await fulfilmentPaths(ctx, query) }),
    planShipments: async ({ body }) => ({ json: await planShipments(ctx, body) }),
  };
}
