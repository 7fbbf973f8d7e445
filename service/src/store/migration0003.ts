import type { Kysely, Migration } from "kysely";
import type { Dialect } from "./openDatabase";

/**
 * Tables for KPIs, breaches and corrective actions. Each migration lives in its own file so parallel work
 * never edits the same one; once released it is append-only like the rest.
 */
export function migration0003(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("corrective_actions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("owner", "text", (c) => c.notNull())
        .addColumn("due_date", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("dimension", "text")
        .addColumn("segment", "text")
        .addColumn("kpi", "text")
        .addColumn("notes", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("corrective_actions_status").on("corrective_actions").columns(["status", "dimension", "segment"]).execute();
      await db.schema
        .createTable("kpi_escalations")
        .addColumn("owner_function", "text", (c) => c.primaryKey())
        .addColumn("levels", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
    },
  };
}
