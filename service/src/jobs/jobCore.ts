import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Logger } from "pino";
import type { Job, JobStatus } from "../../../shared/src/api/jobs";
import type { Role } from "../../../shared/src/api/roles";
import { AppError, forbidden, notFound } from "../appError";
import type { Actor } from "../auth/actor";
import { claimJob, findJob, finishJob, insertJob, listJobRows, markCancelled, recordProgress, type JobRow } from "../store/jobs";
import { appendAudit } from "../useCases/audit";
import type { ServiceContext } from "../useCases/context";
import { JobCancelled, ServiceStopping, STOPPED_WHILE_RUNNING, type JobKindDefinition, type JobListFilter, type JobQueue } from "./jobQueue";

/** How many times a retryable kind runs at most (the first attempt included). */
export const MAX_ATTEMPTS = 3;

export function presentJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as JobStatus,
    params: JSON.parse(row.params) as unknown,
    progress: row.progress_total === null ? null : { done: row.progress_done ?? 0, total: row.progress_total, label: row.progress_label ?? "" },
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    error: row.error,
    createdBy: row.created_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    instance: row.instance,
    attempts: Number(row.attempts),
  };
}

function messageOf(error: unknown): string {
  if (error instanceof AppError) return error.detail;
  return error instanceof Error ? error.message : String(error);
}

/** What happened to a run, for a back end that must tell its queue (pg-boss retries on a throw). */
export type RunOutcome = "skipped" | "succeeded" | "cancelled" | "failed" | "retry";

/**
 * The part of a job queue both back ends share: the jobs rows, the audit
 * entries, and running one job's handler with progress and cancel. A back
 * end supplies how a started job reaches a worker and what else a cancel does.
 */
export abstract class JobQueueCore implements JobQueue {
  readonly instance = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  protected readonly kinds = new Map<string, JobKindDefinition>();
  /** jobs this process is running, to abort on cancel or close */
  protected readonly running = new Map<string, AbortController>();
  protected closed = false;

  constructor(
    protected readonly ctx: ServiceContext,
    protected readonly logger?: Logger,
  ) {}

  protected abstract enqueue(row: JobRow, definition: JobKindDefinition): Promise<void>;
  /** after the row is cancelled: tell the queue (pg-boss) so no worker picks it up */
  protected abstract afterCancel(row: JobRow): Promise<void>;
  abstract close(): Promise<void>;

  async register(kind: string, definition: JobKindDefinition): Promise<void> {
    this.kinds.set(kind, definition);
  }

  async start(kind: string, params: unknown, actor: Actor): Promise<Job> {
    const definition = this.kinds.get(kind);
    if (!definition) throw new AppError(400, "Invalid request", `body.kind: no job kind ${kind}`, [{ field: "body.kind", message: `no job kind ${kind}` }]);
    if (this.closed) throw new AppError(503, "Service stopping", "the service is stopping; start the job again shortly");
    const id = randomUUID();
    const now = this.ctx.now().toISOString();
    await this.ctx.db.transaction().execute(async (trx) => {
      await insertJob(trx, { id, kind, params, createdBy: actor.name, createdBySubject: actor.subject, createdByRole: actor.role, createdAt: now });
      await appendAudit(trx, this.ctx.now(), { actor: actor.name, action: "job.started", entityType: "job", entityId: id, after: { kind, params } });
    });
    const row = (await findJob(this.ctx.db, id))!;
    try {
      await this.enqueue(row, definition);
    } catch (error) {
      await this.ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("jobs")
          .set({ status: "failed", error: `could not be queued: ${messageOf(error)}`, finished_at: this.ctx.now().toISOString() })
          .where("id", "=", id)
          .execute();
        await appendAudit(trx, this.ctx.now(), { actor: "system", action: "job.failed", entityType: "job", entityId: id, reason: messageOf(error) });
      });
      throw error;
    }
    return presentJob(row);
  }

  async get(id: string): Promise<Job> {
    const row = await findJob(this.ctx.db, id);
    if (!row) throw notFound(`no job ${id}`);
    return presentJob(row);
  }

  async list(filter: JobListFilter) {
    const { rows, total } = await listJobRows(this.ctx.db, filter);
    return { jobs: rows.map(presentJob), total, limit: filter.limit, offset: filter.offset };
  }

  async cancel(id: string, actor: Actor): Promise<Job> {
    const row = await findJob(this.ctx.db, id);
    if (!row) throw notFound(`no job ${id}`);
    if (row.created_by_subject !== actor.subject && actor.role !== "admin") throw forbidden(`job ${id} was started by ${row.created_by}; only they or an admin may cancel it`);
    const cancelled = await this.ctx.db.transaction().execute(async (trx) => {
      if (!(await markCancelled(trx, id, this.ctx.now().toISOString()))) return false;
      await appendAudit(trx, this.ctx.now(), { actor: actor.name, action: "job.cancelled", entityType: "job", entityId: id, before: { status: row.status } });
      return true;
    });
    if (cancelled) {
      this.running.get(id)?.abort(new JobCancelled());
      await this.afterCancel(row);
    }
    return this.get(id);
  }

  /**
   * Run one job here if it is still queued: claim the row, run the handler,
   * record the end. A cancel (the row turned cancelled) stops it at its next
   * progress step; the service stopping fails it with the reason.
   */
  protected async run(id: string, orphaned = false): Promise<RunOutcome> {
    if (this.closed || !(await claimJob(this.ctx.db, id, this.instance, this.ctx.now().toISOString(), orphaned))) return "skipped";
    const row = (await findJob(this.ctx.db, id))!;
    const definition = this.kinds.get(row.kind);
    const controller = new AbortController();
    this.running.set(id, controller);
    const { signal } = controller;
    const actor: Actor = { tokenId: null, subject: row.created_by_subject, name: row.created_by, role: row.created_by_role as Role };
    const progress = async (done: number, total: number, label: string) => {
      signal.throwIfAborted();
      const status = await recordProgress(this.ctx.db, id, Math.round(done), Math.round(total), label);
      if (status === "cancelled") controller.abort(new JobCancelled());
      signal.throwIfAborted();
    };
    try {
      if (!definition) throw new Error(`no handler for job kind ${row.kind} in this service`);
      const result = await definition.handler(JSON.parse(row.params), { progress, signal, actor, id });
      const done = await this.ctx.db.transaction().execute(async (trx) => {
        if (!(await finishJob(trx, id, { status: "succeeded", result, at: this.ctx.now().toISOString() }))) return false;
        await appendAudit(trx, this.ctx.now(), { actor: row.created_by, action: "job.succeeded", entityType: "job", entityId: id, after: { kind: row.kind } });
        return true;
      });
      return done ? "succeeded" : "cancelled";
    } catch (error) {
      if (signal.reason instanceof JobCancelled) return "cancelled";
      const stopping = signal.reason instanceof ServiceStopping;
      const message = stopping ? STOPPED_WHILE_RUNNING : messageOf(error);
      // A refusal (no model, bad data) would be refused again: only faults are retried.
      const refused = error instanceof AppError && error.status < 500;
      const retry = !stopping && !refused && definition?.retryable === true && Number(row.attempts) < MAX_ATTEMPTS && this.canRetry();
      await this.ctx.db.transaction().execute(async (trx) => {
        const at = this.ctx.now().toISOString();
        if (!(await finishJob(trx, id, retry ? { status: "queued", error: message, at } : { status: "failed", error: message, at }))) return;
        await appendAudit(trx, this.ctx.now(), { actor: row.created_by, action: retry ? "job.attempt_failed" : "job.failed", entityType: "job", entityId: id, reason: message });
      });
      return retry ? "retry" : "failed";
    } finally {
      this.running.delete(id);
    }
  }

  /** A job whose worker is gone: failed with the reason, audited. */
  protected async failOrphan(id: string): Promise<void> {
    await this.ctx.db.transaction().execute(async (trx) => {
      if (!(await finishJob(trx, id, { status: "failed", error: STOPPED_WHILE_RUNNING, at: this.ctx.now().toISOString() }))) return;
      await appendAudit(trx, this.ctx.now(), { actor: "system", action: "job.failed", entityType: "job", entityId: id, reason: STOPPED_WHILE_RUNNING });
    });
  }

  /** whether the back end runs a failed attempt again */
  protected abstract canRetry(): boolean;

  /** Abort every handler running here, as the service stops. */
  protected abortRunning(): void {
    for (const controller of this.running.values()) controller.abort(new ServiceStopping());
  }
}
