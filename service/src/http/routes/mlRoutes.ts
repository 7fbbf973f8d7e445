import type { ServiceContext } from "../../useCases/context";
import type { RouteSpec } from "../route";

/** Clustering, recommendations, KPIs, health check and corrective actions (issue 7). */
export function mlRoutes(_ctx: ServiceContext): RouteSpec[] {
  return [];
}
