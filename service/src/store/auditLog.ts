import { PostgresAdapter } from "kysely";
import { auditEntryHash, type AuditContent } from "./auditChain";
import type { Executor } from "./executor";

/**
 * Append one entry to the hash chain inside the caller's transaction. The
 * chain's head row is locked (PostgreSQL; SQLite has one writer) from here to
 * commit, so entries chain in `seq` order: append as the last write of a
 * transaction.
 */
export async function appendAuditEntry(trx: Executor, content: AuditContent): Promise<void> {
  let head = trx.selectFrom("audit_head").select(["entries", "last_hash"]).where("id", "=", 1);
  // Only PostgreSQL knows row locks; a SQLite transaction already holds the one write lock.
  if (trx.getExecutor().adapter instanceof PostgresAdapter) head = head.forUpdate();
  const current = await head.executeTakeFirstOrThrow();
  const hash = auditEntryHash(current.last_hash, content);
  const inserted = await trx
    .insertInto("audit_log")
    .values({ ...content, prev_hash: current.last_hash, hash })
    .returning("seq")
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("audit_head")
    .set({ entries: Number(current.entries) + 1, last_seq: Number(inserted.seq), last_hash: hash })
    .where("id", "=", 1)
    .execute();
}

export interface AuditFilter {
  entity?: string;
  dimension?: string;
  from?: string;
  to?: string;
  action?: string;
  limit: number;
}

/** Audit entries in chain order matching the filter, JSON columns parsed. */
export async function auditEntries(db: Executor, q: AuditFilter) {
  let query = db.selectFrom("audit_log").selectAll().orderBy("seq", "asc");
  if (q.entity) query = query.where("entity_id", "=", q.entity);
  if (q.dimension) query = query.where("dimension", "=", q.dimension);
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

/** The chain's head row: how many entries were written, the last seq and hash. */
export async function auditHead(db: Executor) {
  return db.selectFrom("audit_head").selectAll().where("id", "=", 1).executeTakeFirst();
}

/** Up to `limit` stored entries after `seq`, in chain order, as stored. */
export async function auditEntriesAfter(db: Executor, seq: number, limit: number) {
  return db.selectFrom("audit_log").selectAll().where("seq", ">", seq).orderBy("seq").limit(limit).execute();
}

/** The approval entries of these change requests: where each sits in the chain and when it was written. */
export async function approvalEntries(db: Executor, changeRequestIds: readonly string[]): Promise<Map<string, { seq: number; at: string }>> {
  const out = new Map<string, { seq: number; at: string }>();
  for (let i = 0; i < changeRequestIds.length; i += 500) {
    const rows = await db
      .selectFrom("audit_log")
      .select(["seq", "at", "entity_id"])
      .where("action", "=", "change_request.approved")
      .where("entity_id", "in", changeRequestIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.entity_id, { seq: Number(r.seq), at: r.at });
  }
  return out;
}
