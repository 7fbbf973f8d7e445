import type { Kysely, Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * Supplier contract terms: one row per supplier and the date its terms start
 * (a renegotiation adds a row, so the terms in force on any day can be
 * answered). Price breaks are a JSON array of {minQty, unitPrice}.
 */
export function migration0015(dialect: Dialect): Migration {
  return atomicMigration(dialect, (db) => migrate(db));
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("supplier_terms")
    .addColumn("supplier_id", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("moq", "double precision", (c) => c.notNull())
    .addColumn("contracted_lead_time_days", "double precision", (c) => c.notNull())
    .addColumn("penalty_per_late_line", "double precision", (c) => c.notNull())
    .addColumn("price_breaks", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("supplier_terms_pk", ["supplier_id", "valid_from"])
    .execute();
}
