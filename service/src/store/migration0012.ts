import type { Kysely, Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * Batch forecasts over the store.
 *
 * - `forecast_runs`: one row per forecasting job, its `version` one more than
 *   the last run's (unique, so two runs started at once cannot share one).
 * - `forecasts`: one row per run and product. The primary key (run, product)
 *   is what makes a retried chunk's delete-then-insert leave one row each.
 *   `forecast` is a JSON array of the horizon's values; `sigma` the standard
 *   deviation of the one-step in-sample errors; `mase` the in-sample one-step
 *   MAE scaled by the naive method's (Hyndman & Koehler 2006); `wape` the
 *   in-sample Σ|e| / Σ|y|.
 */
export function migration0012(dialect: Dialect): Migration {
  return atomicMigration(dialect, migrate);
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("forecast_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull().unique())
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("horizon", "integer", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("first_week", "integer")
    .addColumn("last_week", "integer")
    .addColumn("series_count", "integer", (c) => c.notNull())
    .addColumn("chunks_total", "integer", (c) => c.notNull())
    .addColumn("chunks_done", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createTable("forecasts")
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("segment", "text")
    .addColumn("policy_method", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("pattern", "text", (c) => c.notNull())
    .addColumn("forecast", "text", (c) => c.notNull())
    .addColumn("sigma", "double precision")
    .addColumn("mase", "double precision")
    .addColumn("wape", "double precision")
    .addPrimaryKeyConstraint("forecasts_pk", ["run_id", "product_id"])
    .execute();
  await db.schema.createIndex("forecasts_run_segment").on("forecasts").columns(["run_id", "segment", "product_id"]).execute();
}
