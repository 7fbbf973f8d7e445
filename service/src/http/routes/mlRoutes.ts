import type { ServiceContext } from "../../useCases/context";
import { getModel, trainModel } from "../../useCases/models";
import { runClustering } from "../../useCases/mlClustering";
import { listRecommendations } from "../../useCases/recommendationRows";
import { generateRecommendations } from "../../useCases/recommendationsGenerate";
import type { Handlers } from "../route";

/** Clustering, rule and model recommendations, and the models behind them. */
export function mlHandlers(ctx: ServiceContext): Handlers<"cluster" | "generateRecommendations" | "listRecommendations" | "trainModel" | "readModel"> {
  return {
    cluster: async ({ body, actor }) => {
      const result = await runClustering(ctx, actor, body);
      return { status: result.changeRequest ? 201 : 200, json: result };
    },
    generateRecommendations: async ({ body, actor }) => {
      const result = await generateRecommendations(ctx, actor, body);
      return { status: result.created ? 201 : 200, json: result };
    },
    listRecommendations: async ({ query }) => ({ json: await listRecommendations(ctx, query) }),
    trainModel: async ({ body, actor }) => ({ status: 201, json: await trainModel(ctx, actor, body) }),
    readModel: async ({ params }) => ({ json: await getModel(ctx, params.id) }),
  };
}
