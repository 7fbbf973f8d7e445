import { sql } from "kysely";
import type { Executor } from "./executor";
import type { Dialect } from "./openDatabase";

/** First key of the advisory locks approvals take (PostgreSQL); the second is the dimension's. */
const APPROVAL_LOCK_CLASS = 13_002;
const DIMENSION_KEYS: Record<string, number> = { product: 1, customer: 2, supplier: 3, region: 4, policy: 5 };

/**
 * Take a dimension's turn to apply a version, held to commit: approvals of one
 * dimension then read its current version and its requests' statuses one after
 * another, so two bulk approvals neither apply a request twice nor lose one to
 * a version-number collision. Callers take several dimensions in sorted order.
 * SQLite has one writer, so a write transaction already takes turns.
 */
export async function takeApprovalTurn(trx: Executor, dialect: Dialect, dimension: string): Promise<void> {
  if (dialect !== "postgres") return;
  await sql`SELECT pg_advisory_xact_lock(${APPROVAL_LOCK_CLASS}, ${DIMENSION_KEYS[dimension] ?? 0})`.execute(trx);
}
