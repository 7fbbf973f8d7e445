import type { GenerateRecommendations } from "../../../shared/src/api";
import type { Actor } from "../auth/actor";
import type { ServiceContext } from "./context";
import { latestModel, modelProposals } from "./models";
import { generateRuleRecommendations, raiseRecommendations, ruleProposals } from "./recommendations";

export async function generateModelRecommendations(ctx: ServiceContext, actor: Actor, dimension: "product" | "customer") {
  const model = await latestModel(ctx.db, dimension);
  const { proposals, window } = await modelProposals(ctx.db, dimension, model);
  return raiseRecommendations(ctx, actor, dimension, "recommendation-model", proposals, window, model.id);
}

export async function generateRecommendations(ctx: ServiceContext, actor: Actor, request: GenerateRecommendations) {
  if (request.source === "rule") return generateRuleRecommendations(ctx, actor, request);
  if (request.source === "model") return generateModelRecommendations(ctx, actor, request.dimension);
  // Both sets of proposals before any change request: a 422 from either (no model, no rule part) raises nothing.
  const model = await latestModel(ctx.db, request.dimension);
  const byModel = await modelProposals(ctx.db, request.dimension, model);
  const byRule = await ruleProposals(ctx.db, request.dimension, request);
  const rule = await raiseRecommendations(ctx, actor, request.dimension, "recommendation-rule", byRule.proposals, byRule.window);
  const modelResult = await raiseRecommendations(ctx, actor, request.dimension, "recommendation-model", byModel.proposals, byModel.window, model.id);
  return {
    dimension: request.dimension,
    source: "both" as const,
    created: rule.created + modelResult.created,
    alreadyPending: rule.alreadyPending + modelResult.alreadyPending,
    recommendations: [...rule.recommendations, ...modelResult.recommendations],
    bySource: {
      rule: { created: rule.created, alreadyPending: rule.alreadyPending, window: rule.window },
      model: { created: modelResult.created, alreadyPending: modelResult.alreadyPending, window: modelResult.window },
    },
  };
}
