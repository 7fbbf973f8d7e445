import type { Kysely, Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * `sell_through`: the units each customer sold on of each product per week
 * (POS / sell-through, the sell_through import), keyed like the order
 * history's customer × product × week and read per product range, as the
 * forecast chunks read order lines. `forecasts.signal`: which history each
 * product's forecast was fitted to ("shipments", "sell-through", "mixed");
 * null for rows written before this migration (they were all shipments).
 */
export function migration0022(dialect: Dialect): Migration {
  return atomicMigration(dialect, (db) => migrate(db));
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sell_through")
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("week", "integer", (c) => c.notNull())
    .addColumn("units", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("sell_through_pk", ["product_id", "customer_id", "week"])
    .execute();
  await db.schema.createIndex("sell_through_customer").on("sell_through").columns(["customer_id", "week"]).execute();
  await db.schema.alterTable("forecasts").addColumn("signal", "text").execute();
}
