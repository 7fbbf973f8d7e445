import type { Job, ScheduledRunReport, ScheduleTrigger } from "../../../shared/src/api";
import type { Actor } from "../auth/actor";
import { AppError, notFound, unprocessable } from "../appError";
import type { JobContext, JobQueue } from "../jobs/jobQueue";
import { findChangeRequests, pendingAssignmentRequests } from "../store/changeRequests";
import { entityIds } from "../store/entities";
import { findSchedule, recordLastJob, requestsOfRecommendations, type ScheduleRow } from "../store/reclassificationSchedules";
import { stepsOf } from "./approvalSteps";
import { appendAudit } from "./audit";
import type { ServiceContext } from "./context";
import { raiseProposals } from "./raiseRecommendations";
import { proposeRecommendations } from "./recommendationsGenerate";
import { presentSchedule } from "./schedules";

export const SCHEDULED_RUN_KIND = "scheduledReclassification";

export interface ScheduledRunParams {
  scheduleId: string;
  trigger: ScheduleTrigger;
}

/**
 * Who a scheduled run acts as: the schedule itself, not the admin who set it
 * up or clicked Run now, so that admin may still approve a step of what it
 * raises (four-eyes compares subjects) and every run of a schedule raises its
 * requests as the same requester. A planner's role: a run does what a
 * planner's Generate does.
 */
export function scheduleActor(row: Pick<ScheduleRow, "id">): Actor {
  return { tokenId: null, subject: `schedule:${row.id}`, name: `schedule ${row.id.slice(0, 8)}`, role: "planner" };
}

/** Start a schedule's run as a job, and remember it on the schedule. */
export async function startScheduledRun(ctx: ServiceContext, jobs: JobQueue, row: ScheduleRow, trigger: ScheduleTrigger): Promise<Job> {
  const job = await jobs.start(SCHEDULED_RUN_KIND, { scheduleId: row.id, trigger } satisfies ScheduledRunParams, scheduleActor(row));
  await recordLastJob(ctx.db, row.id, job.id);
  return job;
}

/** The entities a pending assignment request of the dimension would move (manual, run or recommendation alike). */
async function entitiesWithPendingRequest(ctx: ServiceContext, dimension: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (const r of await pendingAssignmentRequests(ctx.db, dimension)) {
    const payload = JSON.parse(r.payload) as { changes?: Array<{ entityId: string }> };
    for (const c of payload.changes ?? []) out.add(c.entityId);
  }
  return out;
}

/**
 * The scheduledReclassification job: generate with the schedule's thresholds
 * and source, leave alone every entity a pending request already moves (no
 * merging into it: a scheduled run never changes a request someone may be
 * reviewing), raise the rest with the schedule's approval steps, and report.
 * Progress is reported before any request is raised, so a cancel stops it
 * with nothing stored; a second attempt after a crash finds its requests
 * pending and skips them.
 */
export async function runScheduledReclassification(ctx: ServiceContext, actor: Actor, params: ScheduledRunParams, job?: Pick<JobContext, "progress">): Promise<ScheduledRunReport> {
  const row = await findSchedule(ctx.db, params.scheduleId);
  if (!row) throw unprocessable(`schedule ${params.scheduleId} no longer exists`, [{ field: "scheduleId", message: "no such schedule" }]);
  const schedule = presentSchedule(row);
  const step = async (done: number, label: string) => job?.progress(done, 5, label);
  const request = { ...schedule.thresholds, dimension: schedule.dimension, source: schedule.source };
  const { proposals } = await proposeRecommendations(ctx, request, step);
  await step(3, "finding entities with a pending request");
  const pending = await entitiesWithPendingRequest(ctx, schedule.dimension);
  const toRaise = proposals.filter((p) => !pending.has(p.entityId));
  await step(4, `raising ${toRaise.length.toLocaleString("en-US")} requests`);
  const outcomes = await raiseProposals(ctx, actor, schedule.dimension, toRaise, { approvalSteps: schedule.approvalSteps ?? undefined });
  const created = outcomes.filter((o) => o.outcome === "created" && o.recommendationId);
  const requestIds = await requestsOfRecommendations(
    ctx.db,
    created.map((o) => o.recommendationId!),
  );
  const changeRequestIds = [...new Set(requestIds.values())].sort();
  const byMove: Record<string, number> = {};
  for (const o of created) {
    const p = toRaise.find((x) => x.entityId === o.entityId)!;
    byMove[`${p.from}→${p.to}`] = (byMove[`${p.from}→${p.to}`] ?? 0) + 1;
  }
  const steps = new Map((await findChangeRequests(ctx.db, changeRequestIds)).map((cr) => [JSON.stringify(stepsOf(cr)), stepsOf(cr)]));
  const report: ScheduledRunReport = {
    scheduleId: schedule.id,
    dimension: schedule.dimension,
    source: schedule.source,
    trigger: params.trigger,
    raised: changeRequestIds.length,
    // A proposal the pending check let through but a concurrent request beat counts as skipped too.
    skippedPending: proposals.length - changeRequestIds.length,
    unchanged: Math.max(0, (await entityIds(ctx.db, schedule.dimension)).size - proposals.length),
    byMove,
    approvalSteps: [...steps.values()],
    changeRequestIds,
  };
  const { changeRequestIds: _ids, ...summary } = report;
  await appendAudit(ctx.db, ctx.now(), { actor: actor.name, action: "schedule.ran", entityType: "schedule", entityId: schedule.id, dimension: schedule.dimension, after: summary });
  return report;
}

/** Run now: the same run as a tick's, disabled or not (an admin asked for it by name); who asked is in the trigger and so in the job's audit entry. */
export async function runScheduleNow(ctx: ServiceContext, actor: Actor, id: string): Promise<Job> {
  if (!ctx.jobs) throw new AppError(503, "Jobs unavailable", "this service runs no job queue");
  const row = await findSchedule(ctx.db, id);
  if (!row) throw notFound(`no schedule ${id}`);
  return startScheduledRun(ctx, ctx.jobs, row, { kind: "manual", by: actor.name });
}
