import type { Kysely, Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * Freight as the carriers bill it (`freight_costs`): one row per invoice,
 * over a span of order-history weeks, for one customer's shipments or for a
 * lane into a region. Replaced as a whole by each import: the file is the
 * freight ledger the segment P&L spreads. And `supplier_settings`, one row:
 * the scorecard weights and sourcing thresholds a planner set (absent, the
 * defaults apply).
 */
export function migration0019(dialect: Dialect): Migration {
  return atomicMigration(dialect, (db) => migrate(db));
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("freight_costs")
    .addColumn("invoice_id", "text", (c) => c.primaryKey())
    .addColumn("carrier", "text")
    .addColumn("from_week", "integer", (c) => c.notNull())
    .addColumn("to_week", "integer", (c) => c.notNull())
    .addColumn("customer_id", "text")
    .addColumn("region", "text")
    .addColumn("cost", "double precision", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("supplier_settings")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("settings", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}
