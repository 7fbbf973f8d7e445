import type { Kysely, Migration } from "kysely";
import type { Dialect } from "./openDatabase";

/**
 * Tables for recommendations and trained models. Each migration lives in its own file so parallel work
 * never edits the same one; once released it is append-only like the rest.
 */
export function migration0002(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("recommendations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("change_request_id", "text", (c) => c.notNull().unique())
        .addColumn("dimension", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("entity_id", "text", (c) => c.notNull())
        .addColumn("from_segment", "text", (c) => c.notNull())
        .addColumn("to_segment", "text", (c) => c.notNull())
        .addColumn("confidence", "double precision", (c) => c.notNull())
        .addColumn("rationale", "text", (c) => c.notNull())
        .addColumn("impact", "text", (c) => c.notNull())
        .addColumn("data_window", "text", (c) => c.notNull())
        .addColumn("model_id", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("recommendations_entity").on("recommendations").columns(["dimension", "entity_id"]).execute();
      await db.schema
        .createTable("ml_models")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("dimension", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("target", "text", (c) => c.notNull())
        .addColumn("seed", "bigint", (c) => c.notNull())
        .addColumn("data_window", "text", (c) => c.notNull())
        .addColumn("features", "text", (c) => c.notNull())
        .addColumn("classes", "text", (c) => c.notNull())
        .addColumn("weights", "text", (c) => c.notNull())
        .addColumn("evaluation", "text", (c) => c.notNull())
        .addColumn("thresholds", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addUniqueConstraint("ml_models_version", ["dimension", "version"])
        .execute();
    },
  };
}
