import { sql, type Kysely, type Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * Forecast review with sales (issue 23):
 * - `forecast_reviews`: one row per published review, the forecast run and
 *   weeks it covers, open until a planner closes it.
 * - `forecast_review_lines`: one row per product × week, the statistical
 *   figure published, sales' decision (accepted, adjusted with quantity and
 *   assumption, or pending) and a version each decision increments, so two
 *   people deciding the same line at once cannot overwrite each other.
 * A partial unique index keeps one review open at a time, also when two
 * planners publish at once.
 */
export function migration0023(dialect: Dialect): Migration {
  return atomicMigration(dialect, (db) => migrate(db));
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("forecast_reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("run_version", "integer", (c) => c.notNull())
    .addColumn("first_week", "integer", (c) => c.notNull())
    .addColumn("last_week", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("closed_by", "text")
    .addColumn("closed_at", "text")
    .execute();
  await sql`CREATE UNIQUE INDEX forecast_reviews_one_open ON forecast_reviews (status) WHERE status = 'open'`.execute(db);
  await db.schema
    .createTable("forecast_review_lines")
    .addColumn("review_id", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("week", "integer", (c) => c.notNull())
    .addColumn("segment", "text", (c) => c.notNull())
    .addColumn("statistical", "double precision", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("quantity", "double precision")
    .addColumn("assumption", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("version", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("forecast_review_lines_pk", ["review_id", "product_id", "week"])
    .execute();
}
