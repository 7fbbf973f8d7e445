import type { Kysely, Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * Scheduled reclassification.
 *
 * - `reclassification_schedules`: one row per schedule; the cadence, the
 *   generation thresholds, the approval steps and the KPI trigger are JSON.
 *   `next_run_at` is the claim every instance's ticker compares and sets
 *   (one wins a tick); `kpi_fired` remembers, per segment, the period its
 *   KPI trigger last fired for (one run per breach episode). `enabled` is an
 *   integer (0/1): SQLite has no boolean.
 * - `schedule_kpi_observations`: what a schedule's KPI trigger saw in each of
 *   its periods (the breaching segments). The primary key makes a period's
 *   observation a claim: when two instances observe at once, one row lands.
 */
export function migration0011(dialect: Dialect): Migration {
  return atomicMigration(dialect, migrate);
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("reclassification_schedules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("cadence", "text")
    .addColumn("thresholds", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("approval_steps", "text")
    .addColumn("kpi_trigger", "text")
    .addColumn("enabled", "integer", (c) => c.notNull())
    .addColumn("next_run_at", "text")
    .addColumn("last_run_at", "text")
    .addColumn("last_job_id", "text")
    .addColumn("kpi_fired", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("reclassification_schedules_due").on("reclassification_schedules").columns(["enabled", "next_run_at"]).execute();
  await db.schema
    .createTable("schedule_kpi_observations")
    .addColumn("schedule_id", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("breached", "text", (c) => c.notNull())
    .addColumn("observed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("schedule_kpi_observations_pk", ["schedule_id", "period"])
    .execute();
}
