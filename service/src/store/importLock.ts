import { sql } from "kysely";
import type { Executor } from "./executor";
import type { Dialect } from "./openDatabase";

/** First key of the advisory locks imports take (PostgreSQL); the second is the kind. */
const IMPORT_LOCK_CLASS = 13_001;

/**
 * Wait for this transaction's turn to import a kind: a PostgreSQL advisory
 * lock held to commit. The wait may outlast the usual lock timeout (one import
 * is minutes of work at most), then the usual limit applies again. SQLite has
 * one writer, so a write transaction already takes turns.
 */
export async function takeImportTurn(trx: Executor, dialect: Dialect, kindKey: number): Promise<void> {
  if (dialect !== "postgres") return;
  await sql`SET LOCAL lock_timeout = '120s'`.execute(trx);
  await sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_CLASS}, ${kindKey})`.execute(trx);
  await sql`SET LOCAL lock_timeout TO DEFAULT`.execute(trx);
}
