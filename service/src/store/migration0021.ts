import type { Kysely, Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * `incentive_plan`, one row: the share of margin after cost-to-serve and the
 * floors per customer segment finance set (JSON as the API's
 * incentivePlanSchema). Absent, there is no plan: the incentive report shows
 * the figures and says so. The account owner itself is a customer attribute
 * (`account_owner` of the customers import), stored with the other columns.
 */
export function migration0021(dialect: Dialect): Migration {
  return atomicMigration(dialect, (db) => migrate(db));
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("incentive_plan")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("plan", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}
