import type { Kysely, Migration } from "kysely";

/**
 * Long work as jobs: one row per job is the record the API reads on either
 * back end (the in-process runner on SQLite, pg-boss on PostgreSQL, whose own
 * tables live in their own schema). Progress is three columns so a worker's
 * step is one small update.
 */
export function migration0009(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("jobs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("params", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("progress_done", "integer")
        .addColumn("progress_total", "integer")
        .addColumn("progress_label", "text")
        .addColumn("result", "text")
        .addColumn("error", "text")
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_by_subject", "text", (c) => c.notNull())
        .addColumn("created_by_role", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("started_at", "text")
        .addColumn("finished_at", "text")
        .addColumn("instance", "text")
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex("jobs_created").on("jobs").columns(["created_at", "id"]).execute();
      await db.schema.createIndex("jobs_status").on("jobs").columns(["status", "created_at"]).execute();
    },
  };
}
