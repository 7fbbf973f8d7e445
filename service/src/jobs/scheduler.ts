import type { Logger } from "pino";
import type { Cadence, Job } from "../../../shared/src/api";
import { claimTick, dueSchedules, kpiTriggeredSchedules, type ScheduleRow } from "../store/reclassificationSchedules";
import type { ServiceContext } from "../useCases/context";
import { evaluateKpiTrigger, kpiReportsOnce } from "../useCases/scheduleKpiTrigger";
import { runAfter } from "../useCases/scheduleTiming";
import { startScheduledRun } from "../useCases/schedulesRun";
import type { JobQueue } from "./jobQueue";

/**
 * Each service process ticks (SCHEDULE_TICK_MS, a minute by default): it
 * finds the schedules due by ctx.now() and claims each due run with a
 * compare-and-set on next_run_at; the one instance whose UPDATE matched
 * starts the job, the others' matched nothing. Then it evaluates the KPI
 * triggers the same way (a CAS on the record of firings).
 *
 * Why not pg-boss's own cron: it has minute granularity and reads the
 * database's clock, a second clock besides ctx.now() that tests cannot move;
 * it exists on PostgreSQL only, while SQLite needs the same schedules; and a
 * schedule's cadence (every N hours/days/weeks from an anchor) would have to
 * be translated to cron. The CAS is one UPDATE, identical on both stores and
 * testable with an injected clock.
 *
 * A process that dies between its claim and starting the job loses that
 * run (the next one is due a cadence later); it never runs twice.
 */
export class ScheduleTicker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private closed = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly jobs: JobQueue,
    private readonly intervalMs: number,
    private readonly logger?: Logger,
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || this.closed) return;
    const loop = () => {
      this.running = this.tick()
        .catch((error: unknown) => this.logger?.error({ err: error }, "a schedule tick failed"))
        .finally(() => {
          this.running = undefined;
          if (!this.closed) this.timer = setTimeout(loop, this.intervalMs);
        });
    };
    this.timer = setTimeout(loop, this.intervalMs);
  }

  /** One tick: the runs this instance started. A schedule that fails is logged and the others still run. */
  async tick(): Promise<Job[]> {
    const started: Job[] = [];
    const now = this.ctx.now();
    for (const row of await dueSchedules(this.ctx.db, now.toISOString())) {
      await this.guard(row, async () => {
        const next = runAfter(JSON.parse(row.cadence!) as Cadence, now).toISOString();
        if (await claimTick(this.ctx.db, row.id, row.next_run_at!, next, now.toISOString())) started.push(await startScheduledRun(this.ctx, this.jobs, row, { kind: "cadence", due: row.next_run_at! }));
      });
    }
    const reports = kpiReportsOnce(this.ctx);
    for (const row of await kpiTriggeredSchedules(this.ctx.db)) {
      await this.guard(row, async () => {
        const trigger = await evaluateKpiTrigger(this.ctx, row, reports);
        if (trigger) started.push(await startScheduledRun(this.ctx, this.jobs, row, trigger));
      });
    }
    return started;
  }

  private async guard(row: ScheduleRow, work: () => Promise<void>): Promise<void> {
    if (this.closed) return;
    try {
      await work();
    } catch (error) {
      this.logger?.error({ err: error, schedule: row.id }, "a schedule could not be run");
    }
  }

  /** Stop ticking; a tick under way finishes first. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
