import type { Kysely, Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * Network design inputs: `dc_candidates`, one row per candidate
 * distribution centre (where it is, what keeping it open costs, what it may
 * ship, whether it is open today, its own transport rate when it has one).
 * Replaced as a whole by each import: the file is the candidate set.
 */
export function migration0016(dialect: Dialect): Migration {
  return atomicMigration(dialect, (db) => migrate(db));
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("dc_candidates")
    .addColumn("dc_id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("lat", "double precision", (c) => c.notNull())
    .addColumn("lon", "double precision", (c) => c.notNull())
    .addColumn("fixed_cost", "double precision", (c) => c.notNull())
    .addColumn("capacity", "double precision")
    .addColumn("current", "integer", (c) => c.notNull())
    .addColumn("handling_cost_per_unit", "double precision", (c) => c.notNull())
    .addColumn("cost_per_unit_km", "double precision")
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
}
