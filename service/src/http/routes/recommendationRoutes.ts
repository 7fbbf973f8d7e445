import type { ServiceContext } from "../../useCases/context";
import type { RouteSpec } from "../route";

/** Rule and model recommendations, and the models behind them (issue 7). */
export function recommendationRoutes(_ctx: ServiceContext): RouteSpec[] {
  return [];
}
