import { clusteringRequestSchema, runClustering } from "../../useCases/mlClustering";
import type { ServiceContext } from "../../useCases/context";
import { defineRoute, type RouteSpec } from "../route";

/** Clustering, recommendations, KPIs, health check and corrective actions (issue 7). */
export function mlRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    defineRoute({
      method: "post",
      path: "/clustering",
      summary: "Cluster customers or products by behaviour",
      permission: "run",
      body: clusteringRequestSchema,
      handler: async ({ body, actor }) => {
        const result = await runClustering(ctx, actor!, body);
        return { status: result.changeRequest ? 201 : 200, json: result };
      },
    }),
  ];
}
