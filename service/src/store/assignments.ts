import type { Executor } from "./executor";
import { insertChunked } from "./insertChunked";

export interface Assignment {
  entityId: string;
  segment: string;
  detail: Record<string, unknown>;
}

/** A version's assignments of a dimension, by entity id. */
export async function assignmentsAt(db: Executor, dimension: string, version: number): Promise<Assignment[]> {
  const rows = await db.selectFrom("assignments").select(["entity_id", "segment", "detail"]).where("dimension", "=", dimension).where("version", "=", version).orderBy("entity_id").execute();
  return rows.map((r) => ({ entityId: r.entity_id, segment: r.segment, detail: JSON.parse(r.detail) }));
}

/** The distinct segments of a version with how many entities each holds, in SQL (a policy table's coverage is judged per segment, not per entity). */
export async function segmentCountsAt(db: Executor, dimension: string, version: number): Promise<Array<{ segment: string; entities: number }>> {
  const rows = await db
    .selectFrom("assignments")
    .select((eb) => ["segment", eb.fn.countAll<string | number>().as("entities")])
    .where("dimension", "=", dimension)
    .where("version", "=", version)
    .groupBy("segment")
    .orderBy("segment")
    .execute();
  return rows.map((r) => ({ segment: r.segment, entities: Number(r.entities) }));
}

/** Ids per `IN (…)` list: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const LOOKUP_CHUNK = 1000;

/**
 * The segments of just these entities in one version: primary-key probes in
 * chunked IN lists, so a look-up of one id reads one row however large the
 * dimension. Ids without an assignment are absent from the map.
 */
export async function segmentsOf(db: Executor, dimension: string, version: number, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, string>();
  for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
    const rows = await db
      .selectFrom("assignments")
      .select(["entity_id", "segment"])
      .where("dimension", "=", dimension)
      .where("version", "=", version)
      .where("entity_id", "in", unique.slice(i, i + LOOKUP_CHUNK))
      .execute();
    for (const r of rows) out.set(r.entity_id, r.segment);
  }
  return out;
}

/** Every assignment's detail of a dimension over all its versions. */
export async function assignmentDetailsEver(db: Executor, dimension: string): Promise<Array<{ entityId: string; detail: Record<string, unknown> }>> {
  const rows = await db.selectFrom("assignments").select(["entity_id", "detail"]).where("dimension", "=", dimension).execute();
  return rows.map((r) => ({ entityId: r.entity_id, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

/** Write a version's full snapshot of assignments. */
export async function insertAssignments(db: Executor, dimension: string, version: number, assignments: readonly Assignment[]): Promise<void> {
  await insertChunked(
    db,
    "assignments",
    assignments.map((a) => ({ dimension, version, entity_id: a.entityId, segment: a.segment, detail: JSON.stringify(a.detail) })),
  );
}

/** One entity's segment in every version that assigns it (an index on dimension, entity, version serves it). */
export async function entitySegmentsByVersion(db: Executor, dimension: string, entityId: string): Promise<Map<number, string>> {
  const rows = await db.selectFrom("assignments").select(["version", "segment"]).where("dimension", "=", dimension).where("entity_id", "=", entityId).orderBy("version").execute();
  return new Map(rows.map((r) => [Number(r.version), r.segment]));
}
