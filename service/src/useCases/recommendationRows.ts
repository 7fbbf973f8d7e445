import type { ChangeRequestStatus, ListRecommendations, RationaleItem, Recommendation, RecommendationImpact, RecommendationSource, SourceConfidence } from "../../../shared/src/api";
import { realImpact } from "../../../shared/src/ml";
import { segmentDirection } from "../../../shared/src/segmentation";
import { recommendationsWithStatus } from "../store/recommendations";
import type { RecommendationTable } from "../store/schema";
import { expireDue } from "./changeRequests";
import type { Executor, ServiceContext } from "./context";

export type RecommendationRow = RecommendationTable & { status: string; decision_reason?: string | null; entity_name?: string | null };

export const sourceOf = (column: string): RecommendationSource => (column === "recommendation-model" ? "model" : "rule");
export const KIND = { rule: "persistence", model: "probability" } as const;

/** The sources of a stored row, its own first (rows before migration 0007 have only their column). */
export function sourcesOf(r: RecommendationTable): RecommendationSource[] {
  return r.sources ? (JSON.parse(r.sources) as RecommendationSource[]) : [sourceOf(r.source)];
}

export function confidencesOf(r: RecommendationTable): SourceConfidence[] {
  if (r.confidences) return JSON.parse(r.confidences) as SourceConfidence[];
  const source = sourceOf(r.source);
  return [{ source, kind: KIND[source], value: Number(r.confidence), to: r.to_segment }];
}

export function presentRecommendation(r: RecommendationRow): Recommendation {
  const source = sourceOf(r.source);
  return {
    id: r.id,
    changeRequestId: r.change_request_id,
    dimension: r.dimension,
    source,
    sources: sourcesOf(r),
    entityId: r.entity_id,
    entityName: r.entity_name ?? null,
    direction: (r.direction as Recommendation["direction"] | null) ?? segmentDirection(r.from_segment, r.to_segment),
    from: r.from_segment,
    to: r.to_segment,
    confidence: Number(r.confidence),
    confidenceKind: KIND[source],
    confidences: confidencesOf(r),
    status: r.status as ChangeRequestStatus,
    decisionReason: r.status === "retired" ? (r.decision_reason ?? null) : null,
    // Stored as written by the proposal builders from the shapes the contract names.
    rationale: JSON.parse(r.rationale) as RationaleItem[],
    // Rows written before impacts were trimmed still carry their non-changes.
    impact: realImpact(JSON.parse(r.impact) as RecommendationImpact | null),
    dataWindow: JSON.parse(r.data_window) as Recommendation["dataWindow"],
    modelId: r.model_id,
    createdAt: r.created_at,
  };
}

/** These recommendations as the API shows them, in the order of `ids`. */
export async function recommendationsById(db: Executor, ids: readonly string[]): Promise<Recommendation[]> {
  if (ids.length === 0) return [];
  const rows = await recommendationsWithStatus(db, { ids, limit: ids.length });
  const byId = new Map(rows.map((r) => [r.id, presentRecommendation(r)]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

export async function listRecommendations(ctx: ServiceContext, filter: ListRecommendations) {
  await expireDue(ctx);
  const rows = await recommendationsWithStatus(ctx.db, filter);
  return { recommendations: rows.map(presentRecommendation) };
}
