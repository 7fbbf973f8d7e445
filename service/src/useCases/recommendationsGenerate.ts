import type { GenerateRecommendations, RecommendationSource } from "../../../shared/src/api";
import type { Actor } from "../auth/actor";
import { expireDue } from "./changeRequests";
import type { ServiceContext } from "./context";
import { latestModel, modelProposals } from "./models";
import { combineProposals, raiseProposals, type EntityProposal, type RaiseOutcome } from "./raiseRecommendations";
import { recommendationsById } from "./recommendationRows";
import { ruleProposals, type Proposal } from "./recommendations";
import { sweepObsolete } from "./retireObsolete";

interface SourceRun {
  proposals: Proposal[];
  window: unknown;
  modelId?: string;
}

/**
 * Generate recommendations from the rule, the latest model or both, as
 * pending change requests, one per entity. Obsolete pending requests are
 * retired first, so an entity whose old request no longer applies can get a
 * fresh one. Both sources' proposals are computed before any request is
 * raised: a 422 from either (no model, no rule part) raises nothing.
 * Run as a job, each step is reported; the last report comes before any
 * request is raised, so a cancel stops it with nothing stored.
 */
export async function generateRecommendations(ctx: ServiceContext, actor: Actor, request: GenerateRecommendations, job?: { progress(done: number, total: number, label: string): Promise<void> }) {
  const dimension = request.dimension;
  const step = async (done: number, label: string) => job?.progress(done, 4, label);
  const { swept, runs, proposals } = await proposeRecommendations(ctx, request, step);
  await step(3, `raising ${proposals.length.toLocaleString("en-US")} recommendations`);
  const outcomes = await raiseProposals(ctx, actor, dimension, proposals);
  const count = (kind: RaiseOutcome["outcome"], source?: RecommendationSource) => outcomes.filter((o) => o.outcome === kind && (!source || o.sources.includes(source))).length;
  const shown = outcomes.filter((o) => o.outcome !== "alreadyPending" && o.recommendationId).map((o) => o.recommendationId!);
  const primary = runs.rule ?? runs.model!;
  return {
    dimension,
    source: request.source,
    window: primary.window,
    created: count("created"),
    alreadyPending: count("alreadyPending"),
    merged: count("merged"),
    retired: swept.length + outcomes.reduce((n, o) => n + o.retired, 0),
    recommendations: await recommendationsById(ctx.db, shown),
    ...(request.source === "both"
      ? {
          bySource: Object.fromEntries((["rule", "model"] as const).map((s) => [s, { created: count("created", s), alreadyPending: count("alreadyPending", s), merged: count("merged", s), window: runs[s]!.window }])),
        }
      : {}),
  };
}

/**
 * Steps 0–2 of a generation, shared with scheduled runs: retire expired and
 * obsolete requests, compute each source's proposals and combine them per
 * entity (sorted by entity). Nothing is raised.
 */
export async function proposeRecommendations(ctx: ServiceContext, request: GenerateRecommendations, step: (done: number, label: string) => Promise<void>) {
  const dimension = request.dimension;
  await step(0, "retiring expired and obsolete requests");
  await expireDue(ctx);
  const swept = await sweepObsolete(ctx, dimension);
  const runs: Partial<Record<RecommendationSource, SourceRun>> = {};
  await step(1, "computing proposals");
  if (request.source !== "rule") {
    const model = await latestModel(ctx.db, dimension);
    runs.model = { ...(await modelProposals(ctx.db, dimension, model)), modelId: model.id };
  }
  if (request.source !== "model") runs.rule = await ruleProposals(ctx.db, dimension, request);
  await step(2, "combining proposals");
  const byEntity = new Map<string, { rule?: Proposal; model?: Proposal }>();
  for (const source of ["rule", "model"] as const) for (const p of runs[source]?.proposals ?? []) byEntity.set(p.entityId, { ...byEntity.get(p.entityId), [source]: p });
  const proposals: EntityProposal[] = [...byEntity.values()].map(({ rule, model }) =>
    combineProposals(rule && { proposal: rule, window: runs.rule!.window }, model && { proposal: model, window: runs.model!.window, modelId: runs.model!.modelId! }),
  );
  proposals.sort((a, b) => (a.entityId < b.entityId ? -1 : 1));
  return { swept, runs, proposals };
}
