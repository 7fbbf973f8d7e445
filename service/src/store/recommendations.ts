import type { Executor } from "./executor";
import type { RecommendationTable } from "./schema";

/** The entities of a dimension with a recommendation of this source still pending approval. */
export async function pendingRecommendationEntities(db: Executor, dimension: string, source: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("recommendations")
    .innerJoin("change_requests", "change_requests.id", "recommendations.change_request_id")
    .select("recommendations.entity_id")
    .where("recommendations.dimension", "=", dimension)
    .where("recommendations.source", "=", source)
    .where("change_requests.status", "=", "pending")
    .execute();
  return new Set(rows.map((r) => r.entity_id));
}

export async function insertRecommendation(db: Executor, row: RecommendationTable): Promise<void> {
  await db.insertInto("recommendations").values(row).execute();
}

/** Recommendations newest first with their change request's status, filtered. */
export async function recommendationsWithStatus(db: Executor, filter: { dimension?: string; status?: string; source?: string; limit: number }) {
  let q = db
    .selectFrom("recommendations")
    .innerJoin("change_requests", "change_requests.id", "recommendations.change_request_id")
    .selectAll("recommendations")
    .select("change_requests.status as status")
    .orderBy("recommendations.created_at", "desc")
    .orderBy("recommendations.entity_id");
  if (filter.dimension) q = q.where("recommendations.dimension", "=", filter.dimension);
  if (filter.status) q = q.where("change_requests.status", "=", filter.status);
  if (filter.source) q = q.where("recommendations.source", "=", filter.source);
  return q.limit(filter.limit).execute();
}
