import type { ServiceContext } from "../../useCases/context";
import { incentivePlan, incentiveReport, replaceIncentivePlan } from "../../useCases/incentives";
import type { Handlers } from "../route";

/** Incentives on profitability after cost-to-serve: the plan finance sets and the report per account owner. */
export function incentiveHandlers(ctx: ServiceContext): Handlers<"readIncentivePlan" | "putIncentivePlan" | "readIncentiveReport"> {
  return {
    readIncentivePlan: async () => ({ json: await incentivePlan(ctx.db) }),
    putIncentivePlan: async ({ body, actor }) => ({ json: await replaceIncentivePlan(ctx, actor, body) }),
    readIncentiveReport: async ({ query }) => ({ json: await incentiveReport(ctx.db, query, ctx.now()) }),
  };
}
