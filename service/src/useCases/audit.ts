import { AUDIT_GENESIS_HASH, auditEntryHash, type AuditContent } from "../store/auditChain";
import { appendAuditEntry, auditEntries, auditEntriesAfter, auditHead, type AuditFilter } from "../store/auditLog";
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

/**
 * Append one entry to the hash chain; callers pass their transaction so the
 * entry commits with the change or not at all (given the database itself, it
 * opens one). The chain's head stays locked until commit, so append as the
 * last write of a transaction.
 */
export async function appendAudit(db: Executor, at: Date, entry: AuditEntry): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => appendAudit(trx, at, entry));
    return;
  }
  const content: AuditContent = {
    at: at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    dimension: entry.dimension ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    reason: entry.reason ?? null,
  };
  await appendAuditEntry(db, content);
}

export type AuditQuery = AuditFilter;

export async function queryAudit(db: Executor, q: AuditQuery) {
  return auditEntries(db, q);
}

export interface AuditChainReport {
  intact: boolean;
  /** entries checked, in seq order */
  entries: number;
  /** what the head row says the chain holds */
  recordedEntries: number | null;
  /** the first entry that does not chain, or null */
  brokenAtSeq: number | null;
  problem: string | null;
}

/** Entries read per page of the walk. */
const VERIFY_PAGE = 2000;

/**
 * Walk the audit log in `seq` order and recompute every hash: an altered
 * entry, a removed or inserted one, or a log cut short (fewer entries than
 * the head row recorded, or a different last hash) is reported with the
 * first place it shows.
 */
export async function verifyAuditChain(db: Executor): Promise<AuditChainReport> {
  const head = await auditHead(db);
  let previous = AUDIT_GENESIS_HASH;
  let entries = 0;
  let lastSeq = 0;
  const broken = (seq: number | null, problem: string): AuditChainReport => ({ intact: false, entries, recordedEntries: head ? Number(head.entries) : null, brokenAtSeq: seq, problem });
  for (;;) {
    const page = await auditEntriesAfter(db, lastSeq, VERIFY_PAGE);
    if (page.length === 0) break;
    for (const row of page) {
      const seq = Number(row.seq);
      if (row.prev_hash !== previous) {
        return broken(seq, `entry ${seq} does not follow the entry before it: an entry was removed, inserted or reordered before it`);
      }
      if (row.hash !== auditEntryHash(previous, row)) return broken(seq, `entry ${seq} was altered after it was written`);
      previous = row.hash;
      entries++;
      lastSeq = seq;
    }
  }
  if (!head) return broken(null, "the audit head row is missing: the chain's length cannot be confirmed");
  if (Number(head.entries) !== entries || head.last_hash !== previous || Number(head.last_seq) !== lastSeq) {
    return broken(
      entries < Number(head.entries) ? lastSeq + 1 : lastSeq,
      `the log holds ${entries} entries ending at seq ${lastSeq}, but ${Number(head.entries)} ending at seq ${Number(head.last_seq)} were written: the log was truncated or its end altered`,
    );
  }
  return { intact: true, entries, recordedEntries: Number(head.entries), brokenAtSeq: null, problem: null };
}
