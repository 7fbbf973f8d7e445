import type { Executor } from "./executor";

/** Ids per `IN (…)` list: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const CHUNK = 1000;

/**
 * The segments of just these entities in the versions `from` … `to`, by
 * entity and version: chunked IN lists over the (dimension, entity_id,
 * version) index, so the read grows with the entities asked for and the
 * versions between, never with the whole dimension's history.
 */
export async function segmentsBetween(db: Executor, dimension: string, ids: readonly string[], from: number, to: number): Promise<Map<string, Map<number, string>>> {
  const out = new Map<string, Map<number, string>>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom("assignments")
      .select(["entity_id", "version", "segment"])
      .where("dimension", "=", dimension)
      .where("entity_id", "in", unique.slice(i, i + CHUNK))
      .where("version", ">=", from)
      .where("version", "<=", to)
      .execute();
    for (const r of rows) {
      let versions = out.get(r.entity_id);
      if (!versions) out.set(r.entity_id, (versions = new Map()));
      versions.set(Number(r.version), r.segment);
    }
  }
  return out;
}

/** The display names of these entities; ids the master data does not have are absent. */
export async function entityNames(db: Executor, dimension: string, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom("entities")
      .select(["id", "name"])
      .where("dimension", "=", dimension)
      .where("id", "in", unique.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}
