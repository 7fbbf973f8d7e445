import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
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

/**
 * `sqlite:<file>` (the embedded default; WAL so readers never wait on the
 * writer) or `postgres://…` (the team deployment).
 */
export function openDatabase(url: string, onIdleError: (error: Error) => void = () => {}): OpenDatabase {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection that the server closes (a restart, an administrator) must not crash the
    // process: pg emits it on the pool, and an unhandled 'error' event would be fatal. The pool
    // replaces the connection on the next query.
    pool.on("error", onIdleError);
    const safe = new URL(url);
    safe.password = "";
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: "postgres", describe: safe.toString() };
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
