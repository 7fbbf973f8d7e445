import type { ServiceContext } from "../../useCases/context";
import { getModel, modelIdSchema, trainModel, trainModelSchema } from "../../useCases/models";
import { listRecommendations, listRecommendationsSchema } from "../../useCases/recommendations";
import { generateRecommendations, generateWithSourceSchema } from "../../useCases/recommendationsGenerate";
import { defineRoute, type RouteSpec } from "../route";

/** Rule and model recommendations, and the models behind them (issue 7). */
export function recommendationRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    defineRoute({
      method: "post",
      path: "/recommendations/generate",
      summary: "Generate segment-change recommendations as pending change requests",
      permission: "run",
      body: generateWithSourceSchema,
      handler: async ({ body, actor }) => {
        const result = await generateRecommendations(ctx, actor!, body);
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
    defineRoute({
      method: "post",
      path: "/models",
      summary: "Train, evaluate and store a segment classifier",
      permission: "run",
      body: trainModelSchema,
      handler: async ({ body, actor }) => ({ status: 201, json: await trainModel(ctx, actor!, body) }),
    }),
    defineRoute({
      method: "get",
      path: "/models/:id",
      summary: "A stored model with its data window, features, weights and evaluation",
      permission: "read",
      params: modelIdSchema,
      handler: async ({ params }) => ({ json: await getModel(ctx, params.id) }),
    }),
  ];
}
