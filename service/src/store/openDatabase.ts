import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection } from "kysely";
import pg from "pg";
import type { Database } from "./schema";

export type Dialect = "sqlite" | "postgres";

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  /** a human-readable location without credentials */
  describe: string;
}

// Numeric columns come back from pg as strings for bigint/numeric; our numbers are double precision.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Time limits of the PostgreSQL store, in milliseconds (0 turns one off); SQLite waits `busyTimeoutMs` for a lock. */
export interface StoreLimits {
  /** a statement running longer is cancelled (SQLSTATE 57014 → 503) */
  statementTimeoutMs: number;
  /** a lock not granted within this is given up (55P03 → 503) */
  lockTimeoutMs: number;
  /** a transaction idle this long is ended by the server, releasing its locks */
  idleInTransactionTimeoutMs: number;
  /** waiting this long for a pooled connection (or to open one) fails the request (503) */
  connectTimeoutMs: number;
  /** pooled connections */
  poolMax: number;
  /** PostgreSQL: every connection runs `SET ROLE` to this role (see DATABASE_APP_ROLE) */
  sessionRole?: string;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { statementTimeoutMs: 15_000, lockTimeoutMs: 5_000, idleInTransactionTimeoutMs: 60_000, connectTimeoutMs: 5_000, poolMax: 10 };

/**
 * `sqlite:<file>` (the embedded default; WAL so readers never wait on the
 * writer) or `postgres://…` (the team deployment).
 *
 * A PostgreSQL connection can die at any moment: the server restarts, an
 * administrator runs pg_terminate_backend, the network drops. pg reports it
 * as an 'error' event on the client, idle in the pool or checked out by a
 * request, and an 'error' event nobody listens to ends the process. Every
 * client gets a listener the moment the pool opens it; the request using it
 * fails (the store error becomes a 503) and the pool replaces the client.
 */
export function openDatabase(url: string, onConnectionError: (error: Error) => void = () => {}, limits: Partial<StoreLimits> = {}): OpenDatabase {
  const { statementTimeoutMs, lockTimeoutMs, idleInTransactionTimeoutMs, connectTimeoutMs, poolMax, sessionRole } = { ...DEFAULT_STORE_LIMITS, ...limits };
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const pool = new pg.Pool({
      connectionString: url,
      max: poolMax,
      connectionTimeoutMillis: connectTimeoutMs,
      statement_timeout: statementTimeoutMs || undefined,
      lock_timeout: lockTimeoutMs || undefined,
      idle_in_transaction_session_timeout: idleInTransactionTimeoutMs || undefined,
      keepAlive: true,
    });
    pool.on("connect", (client) => client.on("error", onConnectionError));
    // pg-pool re-emits an idle client's error on the pool: the client's own listener has reported it.
    pool.on("error", () => {});
    const safe = new URL(url);
    safe.password = "";
    const onCreateConnection = sessionRole
      ? async (connection: DatabaseConnection) => {
          await connection.executeQuery(CompiledQuery.raw(`SET ROLE ${quoteIdentifier(sessionRole)}`));
        }
      : undefined;
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool, onCreateConnection }) }), dialect: "postgres", describe: safe.toString() };
  }
  const file = url.replace(/^sqlite:/, "");
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // Concurrent writers in other processes wait instead of failing at once.
  sqlite.pragma("busy_timeout = 5000");
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), dialect: "sqlite", describe: `sqlite:${file}` };
}

/** A PostgreSQL identifier, double-quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
