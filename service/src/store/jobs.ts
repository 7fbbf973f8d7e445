import type { Selectable } from "kysely";
import type { Executor } from "./executor";
import type { JobTable } from "./schema";

export type JobRow = Selectable<JobTable>;
export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export interface NewJob {
  id: string;
  kind: string;
  params: unknown;
  createdBy: string;
  createdBySubject: string;
  createdByRole: string;
  createdAt: string;
}

export async function insertJob(db: Executor, job: NewJob): Promise<void> {
  await db
    .insertInto("jobs")
    .values({
      id: job.id,
      kind: job.kind,
      params: JSON.stringify(job.params),
      status: "queued",
      created_by: job.createdBy,
      created_by_subject: job.createdBySubject,
      created_by_role: job.createdByRole,
      created_at: job.createdAt,
    })
    .execute();
}

export async function findJob(db: Executor, id: string): Promise<JobRow | undefined> {
  return db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface JobFilter {
  status?: JobStatus;
  kind?: string;
  limit: number;
  offset: number;
}

/** Newest first; the total counts every match, not just the page. */
export async function listJobRows(db: Executor, filter: JobFilter): Promise<{ rows: JobRow[]; total: number }> {
  let q = db.selectFrom("jobs");
  if (filter.status) q = q.where("status", "=", filter.status);
  if (filter.kind) q = q.where("kind", "=", filter.kind);
  const rows = await q.selectAll().orderBy("created_at", "desc").orderBy("id", "desc").limit(filter.limit).offset(filter.offset).execute();
  const count = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/**
 * Queued → running for this instance; false when another worker took it or it
 * was cancelled first. `orphaned` also takes a row still marked running: the
 * queue offers it again because the worker that had it is gone.
 */
export async function claimJob(db: Executor, id: string, instance: string, at: string, orphaned = false): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set((eb) => ({ status: "running", instance, started_at: at, attempts: eb("attempts", "+", 1) }))
    .where("id", "=", id)
    .where("status", "in", orphaned ? ["queued", "running"] : ["queued"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function runningJobs(db: Executor): Promise<Array<Pick<JobRow, "id" | "kind">>> {
  return db.selectFrom("jobs").select(["id", "kind"]).where("status", "=", "running").execute();
}

/** A step of a running job; answers the job's status, so a worker learns of a cancel made elsewhere. */
export async function recordProgress(db: Executor, id: string, done: number, total: number, label: string): Promise<JobStatus | undefined> {
  await db.updateTable("jobs").set({ progress_done: done, progress_total: total, progress_label: label }).where("id", "=", id).where("status", "=", "running").execute();
  const row = await db.selectFrom("jobs").select("status").where("id", "=", id).executeTakeFirst();
  return row?.status as JobStatus | undefined;
}

/** Running → an end state (or back to queued for a retry); false when it was no longer running (cancelled meanwhile). */
export async function finishJob(db: Executor, id: string, outcome: { status: "succeeded"; result: unknown; at: string } | { status: "failed" | "queued"; error: string; at: string }): Promise<boolean> {
  const q = db.updateTable("jobs").where("id", "=", id).where("status", "=", "running");
  const result = await (
    outcome.status === "succeeded"
      ? // A finished job shows its last step as done.
        q.set((eb) => ({ status: "succeeded", result: JSON.stringify(outcome.result), error: null, finished_at: outcome.at, progress_done: eb.ref("progress_total") }))
      : outcome.status === "failed"
        ? q.set({ status: "failed", error: outcome.error, finished_at: outcome.at })
        : q.set({ status: "queued", error: outcome.error })
  ).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Queued or running → cancelled; false when it had already ended. */
export async function markCancelled(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable("jobs").set({ status: "cancelled", finished_at: at }).where("id", "=", id).where("status", "in", ["queued", "running"]).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Jobs left running by a process that is gone: failed with the reason. Answers their ids. */
export async function failRunning(db: Executor, error: string, at: string, instance?: string): Promise<string[]> {
  let q = db.updateTable("jobs").set({ status: "failed", error, finished_at: at }).where("status", "=", "running");
  if (instance) q = q.where("instance", "=", instance);
  const rows = await q.returning("id").execute();
  return rows.map((r) => r.id);
}

/** Queued jobs, oldest first: what an in-process runner picks up again after a restart. */
export async function queuedJobIds(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom("jobs").select("id").where("status", "=", "queued").orderBy("created_at").orderBy("id").execute();
  return rows.map((r) => r.id);
}
