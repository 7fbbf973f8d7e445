import type { ServiceContext } from "../../useCases/context";
import { generateRecommendationsSchema, generateRuleRecommendations, listRecommendations, listRecommendationsSchema } from "../../useCases/recommendations";
import { defineRoute, type RouteSpec } from "../route";

/** Rule and model recommendations, and the models behind them (issue 7). */
export function recommendationRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    defineRoute({
      method: "post",
      path: "/recommendations/generate",
      summary: "Generate segment-change recommendations as pending change requests",
      permission: "run",
      body: generateRecommendationsSchema,
      handler: async ({ body, actor }) => {
        const result = await generateRuleRecommendations(ctx, actor!, body);
        return { status: result.created ? 201 : 200, json: result };
      },
    }),
    defineRoute({
      method: "get",
      path: "/recommendations",
      summary: "List recommendations with confidence, rationale and impact",
      permission: "read",
      query: listRecommendationsSchema,
      handler: async ({ query }) => ({ json: await listRecommendations(ctx, query) }),
    }),
  ];
}
