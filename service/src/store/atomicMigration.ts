import { sql, type Kysely, type Migration } from "kysely";
import type { Dialect } from "./openDatabase";

/**
 * A migration that is all or nothing on both stores. Kysely runs PostgreSQL
 * migrations inside a transaction but SQLite ones outside it, so on SQLite
 * the steps are wrapped in their own immediate transaction; a failure part
 * way leaves the schema as it was and the migration unrecorded.
 */
export function atomicMigration(dialect: Dialect, migrate: (db: Kysely<unknown>) => Promise<void>, options: { postgresSetup?: (db: Kysely<unknown>) => Promise<void> } = {}): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect !== "sqlite") {
        await options.postgresSetup?.(db);
        await migrate(db);
        return;
      }
      await sql`BEGIN IMMEDIATE`.execute(db);
      try {
        await migrate(db);
        await sql`COMMIT`.execute(db);
      } catch (error) {
        await sql`ROLLBACK`.execute(db);
        throw error;
      }
    },
  };
}
