import type { Executor } from "./context";

export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  dimension?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Append one entry; callers pass their transaction so the entry commits with the change or not at all. */
export async function appendAudit(db: Executor, at: Date, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: at.toISOString(),
      actor: entry.actor,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      dimension: entry.dimension ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      reason: entry.reason ?? null,
    })
    .execute();
}

export interface AuditQuery {
  entity?: string;
  from?: string;
  to?: string;
  action?: string;
  limit: number;
}

export async function queryAudit(db: Executor, q: AuditQuery) {
  let query = db.selectFrom("audit_log").selectAll().orderBy("seq", "asc");
  if (q.entity) query = query.where("entity_id", "=", q.entity);
  if (q.action) query = query.where("action", "=", q.action);
  if (q.from) query = query.where("at", ">=", q.from);
  if (q.to) query = query.where("at", "<=", q.to);
  const rows = await query.limit(q.limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    dimension: r.dimension,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
    reason: r.reason,
  }));
}
