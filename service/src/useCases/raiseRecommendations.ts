import { randomUUID } from "node:crypto";
import type { ApprovalStep, RationaleItem, RecommendationSource, SourceConfidence } from "../../../shared/src/api";
import { segmentDirection } from "../../../shared/src/segmentation";
import type { Actor } from "../auth/actor";
import { changeFingerprint } from "../store/changeFingerprint";
import { pendingWithFingerprint } from "../store/changeRequests";
import { insertRecommendation, pendingRecommendations, updateRecommendation } from "../store/recommendations";
import type { RecommendationTable } from "../store/schema";
import { appendAudit } from "./audit";
import { createAssignmentChangeRequest, DuplicateRequestError } from "./changeRequests";
import type { ServiceContext } from "./context";
import type { Proposal } from "./recommendations";
import { confidencesOf, KIND, sourcesOf } from "./recommendationRows";
import { auditRetired, retireRequest } from "./retireObsolete";

/** A proposal of one or both sources for one entity, ready to raise. */
export interface EntityProposal {
  entityId: string;
  from: string;
  to: string;
  detail: Proposal["detail"];
  justification: string;
  impact: unknown;
  /** the request's own source: the rule whenever it fired */
  source: RecommendationSource;
  sources: RecommendationSource[];
  confidences: SourceConfidence[];
  /** each item tagged with the source it comes from */
  rationale: RationaleItem[];
  window: unknown;
  modelId: string | null;
}

type StepRole = ApprovalStep["role"];

const tag = (items: readonly unknown[], source: RecommendationSource) => items.map((i) => ({ ...(i as RationaleItem), source }));

/**
 * Rule and model for one entity as ONE proposal. When both fire, the rule's
 * target is the request's: its threshold is deterministic and explained
 * period by period, while the model's class is a probability over a window
 * it was trained on. The model's say stays on the request: its probability
 * among the confidences (with the segment it proposes) and its features in
 * the rationale, so a disagreement (rule A → B, model A → C) is in front of
 * the approver rather than raised as a second, competing request.
 */
export function combineProposals(rule: { proposal: Proposal; window: unknown } | undefined, model: { proposal: Proposal; window: unknown; modelId: string } | undefined): EntityProposal {
  const primary = rule ?? model!;
  const source: RecommendationSource = rule ? "rule" : "model";
  const confidences: SourceConfidence[] = [];
  if (rule) confidences.push({ source: "rule", kind: KIND.rule, value: rule.proposal.confidence, to: rule.proposal.to });
  if (model) confidences.push({ source: "model", kind: KIND.model, value: model.proposal.confidence, to: model.proposal.to });
  const disagreement = rule && model && model.proposal.to !== rule.proposal.to ? `; the model proposes ${model.proposal.to} instead` : "";
  return {
    entityId: primary.proposal.entityId,
    from: primary.proposal.from,
    to: primary.proposal.to,
    detail: primary.proposal.detail,
    justification: [rule?.proposal.justification, model?.proposal.justification].filter(Boolean).join("; ") + disagreement,
    impact: primary.proposal.impact,
    source,
    sources: confidences.map((c) => c.source),
    confidences,
    rationale: [...(rule ? tag(rule.proposal.rationale, "rule") : []), ...(model ? tag(model.proposal.rationale, "model") : [])],
    window: primary.window,
    modelId: model?.modelId ?? null,
  };
}

export interface RaiseOptions {
  /** the steps a schedule asks of the requests it raises (the approval rules win when they ask for more) */
  approvalSteps?: readonly StepRole[];
}

export interface RaiseOutcome {
  entityId: string;
  sources: RecommendationSource[];
  outcome: "created" | "alreadyPending" | "merged";
  recommendationId?: string;
  /** requests withdrawn because a merged request superseded them */
  retired: number;
}

/**
 * Raise each entity's proposal, one pending request per entity: a proposal
 * identical to a pending request is counted as already pending; one that the
 * other source already has pending for the entity is merged into that
 * request (same target: the sources join; different target: the rule's
 * stays, and a pending model request the rule disagrees with is retired and
 * raised again with the rule's target and the model's evidence).
 */
export async function raiseProposals(ctx: ServiceContext, actor: Actor, dimension: "product" | "customer", proposals: readonly EntityProposal[], options: RaiseOptions = {}): Promise<RaiseOutcome[]> {
  const pendingByEntity = new Map<string, RecommendationTable[]>();
  for (const r of await pendingRecommendations(ctx.db, dimension)) pendingByEntity.set(r.entity_id, [...(pendingByEntity.get(r.entity_id) ?? []), r]);
  const outcomes: RaiseOutcome[] = [];
  for (const p of proposals) {
    const pending = pendingByEntity.get(p.entityId) ?? [];
    const same = pending.find((r) => r.to_segment === p.to);
    const other = pending.find((r) => r.to_segment !== p.to);
    const base = { entityId: p.entityId, sources: p.sources, retired: 0 };
    if (same) {
      const joining = p.sources.filter((s) => !sourcesOf(same).includes(s));
      if (joining.length === 0) outcomes.push({ ...base, outcome: "alreadyPending", recommendationId: same.id });
      else {
        await mergeInto(ctx, actor, same, p, joining);
        outcomes.push({ ...base, outcome: "merged", recommendationId: same.id });
      }
      continue;
    }
    if (other) {
      const theirs = sourcesOf(other);
      if (p.sources.some((s) => theirs.includes(s))) {
        // This source already has its say on the entity: one request per entity.
        outcomes.push({ ...base, outcome: "alreadyPending", recommendationId: other.id });
      } else if (p.source === "rule") {
        const created = await raise(ctx, actor, dimension, withEvidenceOf(p, other), options, other);
        outcomes.push(created ? { ...base, outcome: "created", recommendationId: created, retired: 1 } : { ...base, outcome: "alreadyPending" });
      } else {
        await mergeInto(ctx, actor, other, p, p.sources);
        outcomes.push({ ...base, outcome: "merged", recommendationId: other.id });
      }
      continue;
    }
    const created = (await pendingWithFingerprint(ctx.db, dimension, changeFingerprint([{ entityId: p.entityId, segment: p.to }]))) ? undefined : await raise(ctx, actor, dimension, p, options);
    outcomes.push(created ? { ...base, outcome: "created", recommendationId: created } : { ...base, outcome: "alreadyPending" });
  }
  return outcomes;
}

/** The rule's proposal carrying the evidence of the model's pending request for the same entity. */
function withEvidenceOf(p: EntityProposal, model: RecommendationTable): EntityProposal {
  const theirs = confidencesOf(model);
  return {
    ...p,
    sources: [...p.sources, ...sourcesOf(model).filter((s) => !p.sources.includes(s))],
    confidences: [...p.confidences, ...theirs.filter((c) => !p.sources.includes(c.source))],
    rationale: [...p.rationale, ...(JSON.parse(model.rationale) as RationaleItem[]).map((i) => ({ ...i, source: i.source ?? ("model" as const) }))],
    justification: `${p.justification}; the model proposes ${model.to_segment} instead`,
    modelId: model.model_id,
  };
}

/** A new pending request with its recommendation; a request it supersedes is retired in the same transaction. Undefined when an identical request is pending. */
async function raise(ctx: ServiceContext, actor: Actor, dimension: "product" | "customer", p: EntityProposal, options: RaiseOptions, supersedes?: RecommendationTable): Promise<string | undefined> {
  const id = randomUUID();
  try {
    await createAssignmentChangeRequest(
      ctx,
      actor,
      { dimension, changes: [{ entityId: p.entityId, segment: p.to, detail: p.detail }], justification: p.justification },
      p.source === "rule" ? "recommendation-rule" : "recommendation-model",
      undefined,
      ctx.db,
      async (trx, changeRequestId) => {
        await insertRecommendation(trx, {
          id,
          change_request_id: changeRequestId,
          dimension,
          source: p.source === "rule" ? "recommendation-rule" : "recommendation-model",
          entity_id: p.entityId,
          from_segment: p.from,
          to_segment: p.to,
          confidence: p.confidences[0].value,
          rationale: JSON.stringify(p.rationale),
          impact: JSON.stringify(p.impact),
          data_window: JSON.stringify(p.window),
          model_id: p.modelId,
          created_at: ctx.now().toISOString(),
          sources: JSON.stringify(p.sources),
          confidences: JSON.stringify(p.confidences),
          direction: segmentDirection(p.from, p.to),
        });
        if (supersedes) {
          const reason = `Retired: superseded by request ${changeRequestId}, which proposes the rule's ${p.from} → ${p.to} for ${p.entityId} and carries this model evidence (the model proposed ${supersedes.to_segment}).`;
          if (await retireRequest(trx, supersedes.change_request_id, reason, ctx.now())) await auditRetired(trx, ctx.now(), [{ id: supersedes.change_request_id, dimension, reason }]);
        }
      },
      options.approvalSteps,
    );
    return id;
  } catch (error) {
    if (error instanceof DuplicateRequestError) return undefined;
    throw error;
  }
}

/** Fold another source's say into a pending recommendation (audited on its request). The rule, once it joins, becomes the request's own source. */
async function mergeInto(ctx: ServiceContext, actor: Actor, target: RecommendationTable, p: EntityProposal, joining: readonly RecommendationSource[]): Promise<void> {
  const confidences = [...confidencesOf(target), ...p.confidences.filter((c) => joining.includes(c.source))];
  const rationale = [
    ...(JSON.parse(target.rationale) as RationaleItem[]).map((i) => ({ ...i, source: i.source ?? sourcesOf(target)[0] })),
    ...p.rationale.filter((i) => i.source !== undefined && joining.includes(i.source)),
  ];
  const ruleJoins = joining.includes("rule") && p.to === target.to_segment;
  const ordered = ruleJoins ? [...confidences.filter((c) => c.source === "rule"), ...confidences.filter((c) => c.source !== "rule")] : confidences;
  await ctx.db.transaction().execute(async (trx) => {
    await updateRecommendation(trx, target.id, {
      sources: JSON.stringify(ordered.map((c) => c.source)),
      confidences: JSON.stringify(ordered),
      rationale: JSON.stringify(rationale),
      ...(ruleJoins ? { source: "recommendation-rule", confidence: ordered[0].value, data_window: JSON.stringify(p.window) } : {}),
      ...(joining.includes("model") && p.modelId ? { model_id: p.modelId } : {}),
    });
    await appendAudit(trx, ctx.now(), {
      actor: actor.name,
      action: "change_request.evidence_added",
      entityType: "change_request",
      entityId: target.change_request_id,
      dimension: target.dimension,
      after: { sources: ordered.map((c) => c.source), confidences: ordered },
      reason: p.justification,
    });
  });
}
