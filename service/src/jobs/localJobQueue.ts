import type { Logger } from "pino";
import { failRunning, queuedJobIds, type JobRow } from "../store/jobs";
import type { ServiceContext } from "../useCases/context";
import type { JobKindDefinition } from "./jobQueue";
import { JobQueueCore } from "./jobCore";
import { STOPPED_WHILE_RUNNING } from "./jobQueue";

/**
 * The embedded back end (SQLite): jobs run in this process, first in first
 * out, `concurrency` at a time. One process owns a SQLite file, so at start
 * a job still marked running was left by a process that is gone: it is
 * failed with the reason, and queued ones are taken up again.
 */
export class LocalJobQueue extends JobQueueCore {
  private readonly waiting: string[] = [];
  private readonly active = new Set<Promise<unknown>>();
  /** coordinators: running outside the slots */
  private readonly beside = new Set<Promise<unknown>>();

  constructor(
    ctx: ServiceContext,
    logger?: Logger,
    private readonly concurrency = 1,
  ) {
    super(ctx, logger);
  }

  async open(): Promise<void> {
    await failRunning(this.ctx.db, STOPPED_WHILE_RUNNING, this.ctx.now().toISOString());
    this.waiting.push(...(await queuedJobIds(this.ctx.db)));
    // Kinds are registered after open: take the queue up on the next turn.
    setImmediate(() => this.pump());
  }

  protected async enqueue(row: JobRow, definition: JobKindDefinition): Promise<void> {
    if (definition.coordinator) {
      // It mostly waits on its children, which need the worker slots.
      this.track(row.id);
      return;
    }
    this.waiting.push(row.id);
    this.pump();
  }

  protected async afterCancel(row: JobRow): Promise<void> {
    const at = this.waiting.indexOf(row.id);
    if (at >= 0) this.waiting.splice(at, 1);
  }

  protected canRetry(): boolean {
    return false;
  }

  private pump(): void {
    while (!this.closed && this.active.size < this.concurrency && this.waiting.length > 0) {
      this.track(this.waiting.shift()!, this.active);
    }
  }

  private track(id: string, slots?: Set<Promise<unknown>>): void {
    const task: Promise<unknown> = this.run(id)
      .catch((error: unknown) => this.logger?.error({ err: error, job: id }, "a job could not be recorded"))
      .finally(() => {
        slots?.delete(task);
        this.beside.delete(task);
        this.pump();
      });
    (slots ?? this.beside).add(task);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    this.abortRunning();
    await Promise.all([...this.active, ...this.beside]);
  }
}
