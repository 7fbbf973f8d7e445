import { randomUUID } from "node:crypto";
import type { Cadence, KpiTrigger, Schedule, ScheduleInput, ScheduleThresholds } from "../../../shared/src/api";
import type { Actor } from "../auth/actor";
import { notFound } from "../appError";
import { deleteSchedule as deleteScheduleRow, findSchedule, insertSchedule, scheduleRows, updateSchedule, type ScheduleRow } from "../store/reclassificationSchedules";
import { appendAudit } from "./audit";
import type { ServiceContext } from "./context";
import { runAtOrAfter } from "./scheduleTiming";

const parsed = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function presentSchedule(row: ScheduleRow): Schedule {
  return {
    id: row.id,
    dimension: row.dimension as Schedule["dimension"],
    cadence: parsed<Cadence>(row.cadence),
    thresholds: JSON.parse(row.thresholds) as ScheduleThresholds,
    source: row.source as Schedule["source"],
    approvalSteps: parsed<Schedule["approvalSteps"]>(row.approval_steps),
    kpiTrigger: parsed<KpiTrigger>(row.kpi_trigger),
    enabled: Number(row.enabled) === 1,
    nextRunAt: row.next_run_at,
    lastRunAt: row.last_run_at,
    lastJobId: row.last_job_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** The stored columns of a definition; the next run is due at the cadence's first run from now (none while disabled). */
function definitionColumns(input: ScheduleInput, now: Date) {
  return {
    dimension: input.dimension,
    cadence: input.cadence === null ? null : JSON.stringify(input.cadence),
    thresholds: JSON.stringify(input.thresholds),
    source: input.source,
    approval_steps: input.approvalSteps ? JSON.stringify(input.approvalSteps) : null,
    kpi_trigger: input.kpiTrigger ? JSON.stringify(input.kpiTrigger) : null,
    enabled: input.enabled ? 1 : 0,
    next_run_at: input.cadence !== null && input.enabled ? runAtOrAfter(input.cadence, now).toISOString() : null,
  };
}

export async function listSchedules(ctx: ServiceContext): Promise<{ schedules: Schedule[] }> {
  return { schedules: (await scheduleRows(ctx.db)).map(presentSchedule) };
}

export async function createSchedule(ctx: ServiceContext, actor: Actor, input: ScheduleInput): Promise<Schedule> {
  const now = ctx.now();
  const row: ScheduleRow = {
    id: randomUUID(),
    ...definitionColumns(input, now),
    last_run_at: null,
    last_job_id: null,
    kpi_fired: null,
    created_by: actor.name,
    created_at: now.toISOString(),
    updated_by: actor.name,
    updated_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertSchedule(trx, row);
    await appendAudit(trx, now, { actor: actor.name, action: "schedule.created", entityType: "schedule", entityId: row.id, dimension: input.dimension, after: input });
  });
  return presentSchedule(row);
}

/** The whole definition replaced; the KPI trigger's memory of past firings stays (an episode already fired does not fire again). */
export async function replaceSchedule(ctx: ServiceContext, actor: Actor, id: string, input: ScheduleInput): Promise<Schedule> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findSchedule(trx, id);
    if (!before) throw notFound(`no schedule ${id}`);
    await updateSchedule(trx, id, { ...definitionColumns(input, now), kpi_fired: before.kpi_fired, updated_by: actor.name, updated_at: now.toISOString() });
    const { nextRunAt: _n, lastRunAt: _l, lastJobId: _j, createdBy: _cb, createdAt: _ca, updatedBy: _ub, updatedAt: _ua, id: _id, ...was } = presentSchedule(before);
    await appendAudit(trx, now, { actor: actor.name, action: "schedule.replaced", entityType: "schedule", entityId: id, dimension: input.dimension, before: was, after: input });
  });
  return presentSchedule((await findSchedule(ctx.db, id))!);
}

export async function deleteSchedule(ctx: ServiceContext, actor: Actor, id: string): Promise<Schedule> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findSchedule(trx, id);
    if (!row || !(await deleteScheduleRow(trx, id))) throw notFound(`no schedule ${id}`);
    const schedule = presentSchedule(row);
    await appendAudit(trx, now, { actor: actor.name, action: "schedule.deleted", entityType: "schedule", entityId: id, dimension: row.dimension, before: schedule });
    return schedule;
  });
}
