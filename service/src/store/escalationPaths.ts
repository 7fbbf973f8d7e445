import type { Executor } from "./executor";
import { INSERT_CHUNK } from "./insertChunked";

export interface EscalationPathLevel {
  level: number;
  afterDays: number;
  to: string;
}

export interface EscalationPath {
  /** a segment or a pattern with `*` */
  segment: string;
  kpi: string;
  owner: string;
  /** ascending level */
  levels: EscalationPathLevel[];
}

/** Replace every escalation path: a paths file is the whole table. */
export async function replaceEscalationPaths(db: Executor, paths: readonly EscalationPath[], at: string): Promise<void> {
  await db.deleteFrom("escalation_paths").execute();
  const rows = paths.map((p) => ({ segment: p.segment, kpi: p.kpi, owner: p.owner, levels: JSON.stringify(p.levels), updated_at: at }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto("escalation_paths")
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

export async function storedEscalationPaths(db: Executor): Promise<EscalationPath[]> {
  const rows = await db.selectFrom("escalation_paths").select(["segment", "kpi", "owner", "levels"]).orderBy("segment").orderBy("kpi").execute();
  return rows.map((r) => ({ segment: r.segment, kpi: r.kpi, owner: r.owner, levels: JSON.parse(r.levels) as EscalationPathLevel[] }));
}
