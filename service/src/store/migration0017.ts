import type { Kysely, Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * What order promising reads and the planner's fulfilment rules: the open
 * order book and the scheduled receipts (each import replaces its table), and
 * one row holding the allocation and fulfilment-path tables as JSON, replaced
 * whole by PUT /fulfilment/rules (the audit log keeps the tables before).
 */
export function migration0017(dialect: Dialect): Migration {
  return atomicMigration(dialect, (db) => migrate(db));
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("open_orders")
    .addColumn("order_id", "text", (c) => c.notNull())
    .addColumn("line", "integer", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("quantity", "double precision", (c) => c.notNull())
    .addColumn("requested_date", "text", (c) => c.notNull())
    .addColumn("weight_kg", "double precision")
    .addPrimaryKeyConstraint("open_orders_pk", ["order_id", "line"])
    .execute();
  await db.schema
    .createTable("scheduled_receipts")
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("quantity", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("scheduled_receipts_pk", ["product_id", "date"])
    .execute();
  await db.schema
    .createTable("fulfilment_rules")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("allocation", "text", (c) => c.notNull())
    .addColumn("paths", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .execute();
}
