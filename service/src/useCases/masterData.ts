import type { Dimension } from "../../../shared/src/api";
import { notFound } from "../appError";
import type { Executor } from "./context";

export interface Assignment {
  entityId: string;
  segment: string;
  detail: Record<string, unknown>;
}

/** The latest applied version of a dimension; 0 before the first approval. */
export async function currentVersion(db: Executor, dimension: Dimension): Promise<number> {
  const row = await db.selectFrom("versions").select((eb) => eb.fn.max("version").as("v")).where("dimension", "=", dimension).executeTakeFirst();
  return row?.v == null ? 0 : Number(row.v);
}

export async function versionAsOf(db: Executor, dimension: Dimension, date: string): Promise<number> {
  const row = await db
    .selectFrom("versions")
    .select((eb) => eb.fn.max("version").as("v"))
    .where("dimension", "=", dimension)
    .where("effective_at", "<=", date)
    .executeTakeFirst();
  return row?.v == null ? 0 : Number(row.v);
}

export async function assertVersionExists(db: Executor, dimension: Dimension, version: number, known?: number): Promise<void> {
  // The current version exists by definition: no query on the look-up path.
  if (version === 0 || version === known) return;
  const row = await db.selectFrom("versions").select("version").where("dimension", "=", dimension).where("version", "=", version).executeTakeFirst();
  if (!row) throw notFound(`version ${version} of ${dimension} segments does not exist`);
}

export async function assignmentsAt(db: Executor, dimension: Dimension, version: number): Promise<Assignment[]> {
  const rows = await db
    .selectFrom("assignments")
    .select(["entity_id", "segment", "detail"])
    .where("dimension", "=", dimension)
    .where("version", "=", version)
    .orderBy("entity_id")
    .execute();
  return rows.map((r) => ({ entityId: r.entity_id, segment: r.segment, detail: JSON.parse(r.detail) }));
}

/** Ids per `IN (…)` list: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const LOOKUP_CHUNK = 1000;

/**
 * The segments of just these entities in one version: primary-key probes in
 * chunked IN lists, so a look-up of one id reads one row however large the
 * dimension. Ids without an assignment are absent from the map.
 */
export async function segmentsOf(db: Executor, dimension: Dimension, version: number, ids: readonly string[]): Promise<Map<string, string>> {
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

export async function listVersions(db: Executor, dimension: Dimension) {
  const rows = await db.selectFrom("versions").selectAll().where("dimension", "=", dimension).orderBy("version", "desc").execute();
  return rows.map((r) => ({
    dimension: r.dimension,
    version: Number(r.version),
    effectiveAt: r.effective_at,
    createdAt: r.created_at,
    createdBy: r.created_by,
    changeRequestId: r.change_request_id,
    note: r.note,
  }));
}

export interface AssignmentDiff {
  entityId: string;
  from: string | null;
  to: string | null;
}

/** What changed between two snapshots: added (from null), removed (to null) and moved entities. */
export function diffAssignments(before: readonly Assignment[], after: readonly Assignment[]): AssignmentDiff[] {
  const old = new Map(before.map((a) => [a.entityId, a.segment]));
  const out: AssignmentDiff[] = [];
  const seen = new Set<string>();
  for (const a of after) {
    seen.add(a.entityId);
    const from = old.get(a.entityId) ?? null;
    if (from !== a.segment) out.push({ entityId: a.entityId, from, to: a.segment });
  }
  for (const [entityId, segment] of old) if (!seen.has(entityId)) out.push({ entityId, from: segment, to: null });
  return out.sort((x, y) => (x.entityId < y.entityId ? -1 : x.entityId > y.entityId ? 1 : 0));
}

export async function listEntities(db: Executor, dimension: Dimension, limit: number, offset: number) {
  const rows = await db.selectFrom("entities").selectAll().where("dimension", "=", dimension).orderBy("id").limit(limit).offset(offset).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, attributes: JSON.parse(r.attributes) as Record<string, unknown> }));
}

export async function entityIds(db: Executor, dimension: Dimension): Promise<Set<string>> {
  const rows = await db.selectFrom("entities").select("id").where("dimension", "=", dimension).execute();
  return new Set(rows.map((r) => r.id));
}
