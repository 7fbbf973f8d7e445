import { sql } from "kysely";
import type { Executor } from "./executor";
import type { RecommendationTable } from "./schema";

export async function insertRecommendation(db: Executor, row: RecommendationTable): Promise<void> {
  await db.insertInto("recommendations").values(row).execute();
}

export interface RecommendationMatch {
  /** just these recommendations */
  ids?: readonly string[];
  dimension?: string;
  status?: string;
  /** "rule" | "model": recommendations this source proposed, alone or merged */
  source?: string;
  q?: string;
  minConfidence?: number;
  direction?: string;
  from?: string;
  to?: string;
  limit: number;
}

/** `%` and `_` in a search are literal: escaped for LIKE … ESCAPE '\'. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Recommendations newest first with their change request's status and
 * decision reason and the entity's name, filtered; without a status, the
 * retired ones are left out.
 */
export async function recommendationsWithStatus(db: Executor, filter: RecommendationMatch) {
  let q = db
    .selectFrom("recommendations")
    .innerJoin("change_requests", "change_requests.id", "recommendations.change_request_id")
    .leftJoin("entities", (join) => join.onRef("entities.dimension", "=", "recommendations.dimension").onRef("entities.id", "=", "recommendations.entity_id"))
    .selectAll("recommendations")
    .select(["change_requests.status as status", "change_requests.decision_reason as decision_reason", "entities.name as entity_name"])
    .orderBy("recommendations.created_at", "desc")
    .orderBy("recommendations.entity_id");
  if (filter.ids) q = q.where("recommendations.id", "in", filter.ids.length ? [...filter.ids] : [""]);
  if (filter.dimension) q = q.where("recommendations.dimension", "=", filter.dimension);
  if (filter.status) q = q.where("change_requests.status", "=", filter.status);
  else if (!filter.ids) q = q.where("change_requests.status", "<>", "retired");
  if (filter.source) {
    const source = filter.source;
    // Rows before migration 0007 have no sources list: their one source is the column.
    q = q.where((eb) => eb.or([eb("recommendations.source", "=", `recommendation-${source}`), eb("recommendations.sources", "like", `%"${source}"%`)]));
  }
  if (filter.q) {
    const pattern = likePattern(filter.q);
    q = q.where((eb) => eb.or([eb(sql`lower(recommendations.entity_id)`, "like", sql`${pattern} escape '\\'`), eb(sql`lower(entities.name)`, "like", sql`${pattern} escape '\\'`)]));
  }
  if (filter.minConfidence !== undefined) q = q.where("recommendations.confidence", ">=", filter.minConfidence);
  if (filter.direction) q = q.where("recommendations.direction", "=", filter.direction);
  if (filter.from) q = q.where("recommendations.from_segment", "=", filter.from);
  if (filter.to) q = q.where("recommendations.to_segment", "=", filter.to);
  return q.limit(filter.limit).execute();
}

/** The pending recommendations of a dimension, by entity, with their request's fingerprint. */
export async function pendingRecommendations(db: Executor, dimension: string) {
  return db
    .selectFrom("recommendations")
    .innerJoin("change_requests", "change_requests.id", "recommendations.change_request_id")
    .selectAll("recommendations")
    .select(["change_requests.fingerprint as fingerprint", "change_requests.status as status"])
    .where("recommendations.dimension", "=", dimension)
    .where("change_requests.status", "=", "pending")
    .execute();
}

/** A merge: the sources, their confidences, the primary source's confidence and the combined rationale. */
export async function updateRecommendation(
  db: Executor,
  id: string,
  set: Partial<Pick<RecommendationTable, "source" | "sources" | "confidences" | "confidence" | "rationale" | "model_id" | "data_window">>,
): Promise<void> {
  await db.updateTable("recommendations").set(set).where("id", "=", id).execute();
}
