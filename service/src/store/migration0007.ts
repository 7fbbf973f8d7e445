import { sql, type Kysely, type Migration } from "kysely";
import { segmentDirection } from "../../../shared/src/segmentation/segmentDirection";
import { changeFingerprint } from "./changeFingerprint";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * The approver's queue at volume.
 *
 * - `change_requests.fingerprint`: the hash of a request's entity → segment
 *   moves, and a unique index over the pending ones per dimension, so an
 *   identical proposal is refused even when two arrive at once. Existing
 *   pending duplicates keep their request; only the oldest carries the
 *   fingerprint (the index could not be built otherwise), the rest are
 *   retired by the service's next sweep or decided as before.
 * - an index on (dimension, applied_version): a version approved in bulk
 *   names no single request, its requests are found by the version they
 *   were applied in.
 * - `recommendations.sources`, `confidences` (JSON; null on older rows,
 *   which have one source) and `direction` (filled here for every row), so
 *   the queue filters in SQL. The status column has no CHECK constraint:
 *   "retired" needs no schema change.
 */
export function migration0007(dialect: Dialect): Migration {
  return atomicMigration(dialect, (db) => migrate(db));
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("change_requests").addColumn("fingerprint", "text").execute();
  const pending = await sql<{ id: string; dimension: string; payload: string }>`SELECT id, dimension, payload FROM change_requests WHERE status = 'pending' AND kind = 'assignments' ORDER BY created_at, id`.execute(db);
  const seen = new Set<string>();
  for (const r of pending.rows) {
    const payload = JSON.parse(r.payload) as { changes?: Array<{ entityId: string; segment: string }> };
    const fingerprint = changeFingerprint(payload.changes ?? []);
    if (seen.has(`${r.dimension}\u0000${fingerprint}`)) continue;
    seen.add(`${r.dimension}\u0000${fingerprint}`);
    await sql`UPDATE change_requests SET fingerprint = ${fingerprint} WHERE id = ${r.id}`.execute(db);
  }
  await sql`CREATE UNIQUE INDEX change_requests_pending_fingerprint ON change_requests (dimension, fingerprint) WHERE status = 'pending' AND fingerprint IS NOT NULL`.execute(db);
  await db.schema.createIndex("change_requests_applied").on("change_requests").columns(["dimension", "applied_version"]).execute();

  await db.schema.alterTable("recommendations").addColumn("sources", "text").execute();
  await db.schema.alterTable("recommendations").addColumn("confidences", "text").execute();
  await db.schema.alterTable("recommendations").addColumn("direction", "text").execute();
  const recommendations = await sql<{ id: string; from_segment: string; to_segment: string }>`SELECT id, from_segment, to_segment FROM recommendations`.execute(db);
  for (const r of recommendations.rows) await sql`UPDATE recommendations SET direction = ${segmentDirection(r.from_segment, r.to_segment)} WHERE id = ${r.id}`.execute(db);
}
