import type { Executor } from "./executor";
import type { ReclassificationScheduleTable, ScheduleKpiObservationTable } from "./schema";

export type ScheduleRow = ReclassificationScheduleTable;

export async function insertSchedule(db: Executor, row: ScheduleRow): Promise<void> {
  await db.insertInto("reclassification_schedules").values(row).execute();
}

export async function findSchedule(db: Executor, id: string): Promise<ScheduleRow | undefined> {
  return db.selectFrom("reclassification_schedules").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Oldest first. */
export async function scheduleRows(db: Executor): Promise<ScheduleRow[]> {
  return db.selectFrom("reclassification_schedules").selectAll().orderBy("created_at").orderBy("id").execute();
}

/** Replace a schedule's definition; false when it is gone. */
export async function updateSchedule(db: Executor, id: string, fields: Omit<ScheduleRow, "id" | "created_by" | "created_at" | "last_run_at" | "last_job_id">): Promise<boolean> {
  const result = await db.updateTable("reclassification_schedules").set(fields).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteSchedule(db: Executor, id: string): Promise<boolean> {
  await db.deleteFrom("schedule_kpi_observations").where("schedule_id", "=", id).execute();
  const result = await db.deleteFrom("reclassification_schedules").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Enabled schedules whose cadence has a run due at `now`. */
export async function dueSchedules(db: Executor, now: string): Promise<ScheduleRow[]> {
  return db.selectFrom("reclassification_schedules").selectAll().where("enabled", "=", 1).where("next_run_at", "<=", now).orderBy("next_run_at").orderBy("id").execute();
}

/** Enabled schedules with a KPI trigger. */
export async function kpiTriggeredSchedules(db: Executor): Promise<ScheduleRow[]> {
  return db.selectFrom("reclassification_schedules").selectAll().where("enabled", "=", 1).where("kpi_trigger", "is not", null).orderBy("id").execute();
}

/**
 * Claim the tick due at `due`: compare-and-set on next_run_at. Of any number
 * of instances that saw the same due row, exactly one moves it on (the
 * others' UPDATE matches no row once the first has committed: PostgreSQL
 * re-checks the WHERE after waiting for the row lock, SQLite serialises
 * writers), and only that one starts the run.
 */
export async function claimTick(db: Executor, id: string, due: string, next: string, now: string): Promise<boolean> {
  const result = await db.updateTable("reclassification_schedules").set({ next_run_at: next, last_run_at: now }).where("id", "=", id).where("next_run_at", "=", due).where("enabled", "=", 1).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Claim a KPI firing: compare-and-set on kpi_fired (the per-segment record of
 * the periods it fired for), so one instance fires an episode once.
 */
export async function claimKpiFiring(db: Executor, id: string, seen: string | null, fired: string, now: string): Promise<boolean> {
  let q = db.updateTable("reclassification_schedules").set({ kpi_fired: fired, last_run_at: now }).where("id", "=", id).where("enabled", "=", 1);
  q = seen === null ? q.where("kpi_fired", "is", null) : q.where("kpi_fired", "=", seen);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordLastJob(db: Executor, id: string, jobId: string): Promise<void> {
  await db.updateTable("reclassification_schedules").set({ last_job_id: jobId }).where("id", "=", id).execute();
}

/** A period's observation, once: false when one is already recorded (by this or another instance). */
export async function recordObservation(db: Executor, row: ScheduleKpiObservationTable): Promise<boolean> {
  const result = await db
    .insertInto("schedule_kpi_observations")
    .values(row)
    .onConflict((oc) => oc.columns(["schedule_id", "period"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** A schedule's observations of these periods, by period. */
export async function observationsOf(db: Executor, scheduleId: string, periods: readonly string[]): Promise<Map<string, string[]>> {
  if (periods.length === 0) return new Map();
  const rows = await db.selectFrom("schedule_kpi_observations").select(["period", "breached"]).where("schedule_id", "=", scheduleId).where("period", "in", periods).execute();
  return new Map(rows.map((r) => [r.period, JSON.parse(r.breached) as string[]]));
}

/** The change requests behind these recommendations, by recommendation id: what a run reports it raised. */
export async function requestsOfRecommendations(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("recommendations")
      .select(["id", "change_request_id"])
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, r.change_request_id);
  }
  return out;
}
