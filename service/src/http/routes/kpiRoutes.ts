import type { ServiceContext } from "../../useCases/context";
import type { RouteSpec } from "../route";

/** KPIs per segment, breaches, segment health check, root causes and corrective actions (issue 7). */
export function kpiRoutes(_ctx: ServiceContext): RouteSpec[] {
  return [];
}
