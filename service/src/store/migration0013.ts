import { sql, type Kysely, type Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * Data for measured KPIs (issue 18).
 *
 * - `deliveries`: one row per delivered (or due) order line; `week` ties it to
 *   the order history's week, dates are ISO `YYYY-MM-DD` text so on-time is a
 *   string comparison on both stores. A null `delivered_date` is a line not
 *   delivered yet: neither on time nor in full once its promise has passed.
 * - `stock_snapshots`: stock on hand per product × location × date, with its value.
 * - `activity_rates`: every version of the rate table is kept (rows carry the
 *   version); the current table is the highest version. `rate_versions` says
 *   who stored each version, when and why, so a later change-request flow can
 *   write the same rows.
 * - `escalation_paths`: per segment pattern and KPI, an owner and the levels
 *   (JSON [{level, afterDays, to}]); the escalation logic reads them later.
 * - `forecast_overrides`: the audit of manual forecast changes (who, when,
 *   from → to, why); override limits are enforced by a later slice.
 * - Two covering indexes on `order_lines`, in the column order of the KPI
 *   report's GROUP BYs (product × week units and cost; customer × product
 *   lines, splits, revenue; customer × week units): SQLite then reads the
 *   index in group order instead of sorting the table, 2–3× faster on the
 *   demo company. Each must hold every column its queries read: SQLite
 *   otherwise walks the index and fetches each line's row, 2–3× slower than
 *   no index at all (customer × week at 1M lines, before `week` was added).
 * - `kpi_data_version`: one counter bumped by every write to the tables the
 *   KPI report reads, so a cached report knows when it is stale, across
 *   service processes on one database.
 */
export function migration0013(dialect: Dialect): Migration {
  return atomicMigration(dialect, migrate);
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("deliveries")
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("week", "integer", (c) => c.notNull())
    .addColumn("promised_date", "text", (c) => c.notNull())
    .addColumn("delivered_date", "text")
    .addColumn("qty_ordered", "double precision", (c) => c.notNull())
    .addColumn("qty_delivered", "double precision", (c) => c.notNull())
    .addColumn("miss_cause", "text")
    .execute();
  await db.schema.createIndex("deliveries_product").on("deliveries").column("product_id").execute();
  await db.schema.createIndex("deliveries_customer").on("deliveries").column("customer_id").execute();
  await db.schema
    .createTable("stock_snapshots")
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("location", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("qty", "double precision", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("stock_snapshots_pk", ["product_id", "location", "date"])
    .execute();
  await db.schema.createIndex("stock_snapshots_date").on("stock_snapshots").column("date").execute();
  await db.schema
    .createTable("activity_rates")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("activity", "text", (c) => c.notNull())
    .addColumn("driver", "text", (c) => c.notNull())
    .addColumn("rate", "double precision", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("activity_rates_pk", ["version", "activity", "valid_from"])
    .execute();
  await db.schema
    .createTable("rate_versions")
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("change_request_id", "text")
    .addColumn("note", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("escalation_paths")
    .addColumn("segment", "text", (c) => c.notNull())
    .addColumn("kpi", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("levels", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("escalation_paths_pk", ["segment", "kpi"])
    .execute();
  await db.schema
    .createTable("forecast_overrides")
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("week", "integer", (c) => c.notNull())
    .addColumn("from_qty", "double precision", (c) => c.notNull())
    .addColumn("to_qty", "double precision", (c) => c.notNull())
    .addColumn("changed_by", "text", (c) => c.notNull())
    .addColumn("changed_at", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("forecast_overrides_pk", ["product_id", "week", "changed_at"])
    .execute();
  await db.schema.createIndex("order_lines_product_week").on("order_lines").columns(["product_id", "week", "qty", "cost"]).execute();
  await db.schema.createIndex("order_lines_customer_product").on("order_lines").columns(["customer_id", "product_id", "week", "lines", "deliveries", "qty", "price"]).execute();
  await db.schema
    .createTable("kpi_data_version")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await sql`INSERT INTO kpi_data_version (id, version) VALUES (1, 1)`.execute(db);
}
