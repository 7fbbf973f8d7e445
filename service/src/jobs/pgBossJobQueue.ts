import PgBoss from "pg-boss";
import type { Logger } from "pino";
import { runningJobs, type JobRow } from "../store/jobs";
import type { ServiceContext } from "../useCases/context";
import { JobQueueCore, MAX_ATTEMPTS } from "./jobCore";
import type { JobKindDefinition } from "./jobQueue";

/** pg-boss keeps its tables here, apart from the system of record. */
export const PGBOSS_SCHEMA = "pgboss";

const queueName = (kind: string) => `tierline_${kind.replace(/[^\w]/g, "_")}`;

/** Jobs a worker works on at once per kind in one service process. */
const BATCH = 1;

/** Long work (training) may run for an hour before pg-boss counts it lost. */
const EXPIRE_SECONDS = 3600;

export interface PgBossOptions {
  pollingIntervalSeconds?: number;
  /** how long a job may stay active before pg-boss counts its worker gone and offers it again (JOB_EXPIRE_SECONDS) */
  expireSeconds?: number;
}

/**
 * pg-boss creates a queue (a row, a partition, its keys) without a lock, so
 * two instances starting at once on a new database can deadlock there;
 * PostgreSQL aborts one, which tries again and finds the queue made.
 */
async function retryOnDeadlock(create: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      if ((error as { code?: string }).code !== "40P01" || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
    }
  }
}

/**
 * The PostgreSQL back end: pg-boss on the same database, in its own schema,
 * one queue per kind. Any service instance may pick a job up (pg-boss takes
 * it with SKIP LOCKED, so exactly one does); the jobs row stays the record the
 * API reads. A cancel marks the row, cancels the pg-boss job and aborts the
 * handler if it runs here; a worker elsewhere sees the row at its next step.
 */
export class PgBossJobQueue extends JobQueueCore {
  private readonly boss: PgBoss;
  private started = false;
  private readonly workers = new Map<string, string[]>();
  private readonly pollingIntervalSeconds: number;
  private readonly expireSeconds: number;

  constructor(ctx: ServiceContext, connectionString: string, logger?: Logger, options: PgBossOptions = {}) {
    super(ctx, logger);
    this.pollingIntervalSeconds = options.pollingIntervalSeconds ?? 0.5;
    this.expireSeconds = options.expireSeconds ?? EXPIRE_SECONDS;
    // Maintenance finds expired jobs: pg-boss's own 2 minutes, or sooner when jobs expire sooner than that would notice.
    const maintenanceIntervalSeconds = Math.min(120, Math.max(1, Math.floor(this.expireSeconds / 4)));
    // Scheduling is off until a slice needs it; maintenance (expiry, retention) stays on.
    this.boss = new PgBoss({ connectionString, schema: PGBOSS_SCHEMA, max: 4, schedule: false, application_name: "tierline-jobs", maintenanceIntervalSeconds });
    this.boss.on("error", (error) => this.logger?.warn({ err: error }, "the job queue reported an error"));
  }

  async open(): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const [kind, definition] of this.kinds) await this.startWorker(kind, definition);
    await this.failOrphans();
  }

  /**
   * Rows still marked running whose pg-boss job has ended without them (it
   * expired after its worker's process died and will not be retried): failed
   * with the reason. A job pg-boss will offer again stays for its retry.
   */
  private async failOrphans(): Promise<void> {
    for (const row of await runningJobs(this.ctx.db)) {
      const job = await this.boss.getJobById(queueName(row.kind), row.id);
      if (!job || ["completed", "failed", "cancelled"].includes(job.state)) await this.failOrphan(row.id);
    }
  }

  override async register(kind: string, definition: JobKindDefinition): Promise<void> {
    await super.register(kind, definition);
    if (this.started) await this.startWorker(kind, definition);
  }

  private async startWorker(kind: string, definition: JobKindDefinition): Promise<void> {
    if (this.workers.has(kind)) return;
    const name = queueName(kind);
    const retryLimit = definition.retryable ? MAX_ATTEMPTS - 1 : 0;
    const options = { name, retryLimit, retryDelay: 5, expireInSeconds: this.expireSeconds, retentionDays: 7 };
    // Creating is a no-op when the queue exists (another instance made it); the update keeps its options current.
    await retryOnDeadlock(() => this.boss.createQueue(name, options));
    await this.boss.updateQueue(name, options);
    const work = { batchSize: BATCH, pollingIntervalSeconds: this.pollingIntervalSeconds, includeMetadata: true as const };
    const ids: string[] = [];
    // Each pg-boss worker fetches and runs one job at a time: `concurrency` of them run that many here.
    for (let i = 0; i < Math.max(1, definition.concurrency ?? 1); i++) {
      ids.push(
        await this.boss.work<{ id: string }>(name, work, async (jobs) => {
          for (const job of jobs) {
            // A retry pg-boss offers after the job expired finds the row still running: the worker that had it is gone.
            const outcome = await this.run(job.data.id, job.retryCount > 0);
            // A throw is how pg-boss learns to retry; the jobs row already holds the error.
            if (outcome === "retry") throw new Error(`job ${job.data.id}: attempt failed, retrying`);
          }
        }),
      );
    }
    this.workers.set(kind, ids);
  }

  protected async enqueue(row: JobRow): Promise<void> {
    const name = queueName(row.kind);
    // The same id in both, so a cancel finds the pg-boss job.
    await this.boss.send(name, { id: row.id }, { id: row.id });
    for (const workerId of this.workers.get(row.kind) ?? []) this.boss.notifyWorker(workerId);
  }

  protected async afterCancel(row: JobRow): Promise<void> {
    await this.boss.cancel(queueName(row.kind), row.id);
  }

  protected canRetry(): boolean {
    return true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abortRunning();
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
