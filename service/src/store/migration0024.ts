import type { Kysely, Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * Forecast granularity (issue 23). `forecasts` gains the level each product
 * was forecast at (`item`, or `family`: top-down from its category), its
 * family, and its in-sample Σ|e| and Σ|y| so a segment's item-level WAPE can
 * be pooled (a stored ratio cannot be). `forecast_families` holds a run's
 * family forecasts, computed before the run is chunked (a family's products
 * span chunks): the aggregate's method, forecast, fitted values and errors;
 * `forecast_family_members` each family-level product's family and share, read
 * by the chunk its id falls in. Rows written before this migration have a null
 * level: item by item, as every run was then.
 */
export function migration0024(dialect: Dialect): Migration {
  return atomicMigration(dialect, (db) => migrate(db));
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("forecasts").addColumn("level", "text").execute();
  await db.schema.alterTable("forecasts").addColumn("family", "text").execute();
  await db.schema.alterTable("forecasts").addColumn("abs_error", "double precision").execute();
  await db.schema.alterTable("forecasts").addColumn("abs_actual", "double precision").execute();
  await db.schema
    .createTable("forecast_families")
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("family", "text", (c) => c.notNull())
    .addColumn("products", "integer", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("pattern", "text", (c) => c.notNull())
    .addColumn("forecast", "text", (c) => c.notNull())
    .addColumn("fitted", "text", (c) => c.notNull())
    .addColumn("sigma", "double precision")
    .addColumn("mase", "double precision")
    .addColumn("wape", "double precision")
    .addColumn("abs_error", "double precision", (c) => c.notNull())
    .addColumn("abs_actual", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("forecast_families_pk", ["run_id", "family"])
    .execute();
  await db.schema
    .createTable("forecast_family_members")
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("family", "text", (c) => c.notNull())
    .addColumn("share", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("forecast_family_members_pk", ["run_id", "product_id"])
    .execute();
}
