/**
 * A fixed pool of worker threads for the service's CPU-heavy work (compute
 * engines, clustering, xlsx parsing, model training), so a heavy request
 * never holds the thread that answers look-ups.
 *
 * Each task has a time budget counted from submission (queueing included).
 * Past it the caller gets a 503 naming the budget and, if the task was
 * running, its worker is terminated and replaced: a stopped request stops
 * burning CPU. Each worker also has a heap limit, so one huge task fails
 * alone instead of taking the process's memory. A bounded queue refuses work
 * beyond it with a 503 and Retry-After rather than piling up.
 *
 * Workers start through workerThread.ts, as the k-means workers do
 * (ml/parallelKmeans.ts): compiled JavaScript in production, TypeScript
 * through tsx under `npm run service` and jest.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import type { Transferable, Worker } from "node:worker_threads";
import { AppError } from "../appError";
import { describeTask, fromFailure, runTask, type Task, type TaskFailure, type TaskResults } from "./tasks";
import { startWorker } from "./workerThread";

export interface TaskPoolOptions {
  /** worker threads; default one per core beyond the main thread's, at least one */
  threads?: number;
  /** default budget of a task, milliseconds from submission */
  timeoutMs: number;
  /** budgets of particular task kinds, where they differ from the default */
  budgets?: Partial<Record<Task["kind"], number>>;
  /** tasks waiting for a worker before new ones are refused; default 16 per thread */
  maxQueue?: number;
  /** old-generation heap limit of each worker, MB */
  memoryMb?: number;
}

interface Job {
  id: number;
  task: Task;
  transfer: Transferable[];
  budgetMs: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
  slot?: Slot;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  job?: Job;
}

type Reply = { ready: true } | { id: number; ok: true; value: unknown } | { id: number; ok: false; failure: TaskFailure };

const fmt = (n: number) => n.toLocaleString("en-US");

export class TaskPool {
  readonly threads: number;
  readonly timeoutMs: number;
  readonly maxQueue: number;
  readonly memoryMb: number;
  private readonly budgets: Partial<Record<Task["kind"], number>>;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** workers replaced after a budget overrun or a crash, for tests and logs */
  recycled = 0;

  constructor(options: TaskPoolOptions) {
    this.threads = Math.max(1, options.threads || availableParallelism() - 1);
    this.timeoutMs = options.timeoutMs;
    this.maxQueue = options.maxQueue ?? this.threads * 16;
    this.memoryMb = options.memoryMb ?? 2048;
    this.budgets = options.budgets ?? {};
  }

  /** Start every worker and wait until each has loaded its code (startup costs a few hundred ms per thread). */
  async warm(): Promise<void> {
    while (this.slots.length < this.threads) this.slots.push(this.spawn());
    await Promise.all(this.slots.map((s) => s.ready));
  }

  /** Run a task on a worker within its budget (default the pool's for its kind). */
  run<T extends Task>(task: T, options: { budgetMs?: number; transfer?: Transferable[] } = {}): Promise<TaskResults[T["kind"]]> {
    if (this.closed) return Promise.reject(new AppError(503, "Service unavailable", "the service is shutting down"));
    if (this.queue.length >= this.maxQueue) {
      return Promise.reject(new AppError(503, "Service busy", `${fmt(this.maxQueue)} heavy requests are already waiting for a worker; try again shortly`, [], { "Retry-After": "2" }));
    }
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, task, transfer: options.transfer ?? [], budgetMs: options.budgetMs ?? this.budgets[task.kind] ?? this.timeoutMs, resolve: resolve as (v: unknown) => void, reject };
      job.timer = setTimeout(() => this.overrun(job), job.budgetMs);
      this.queue.push(job);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new AppError(503, "Service unavailable", "the service is shutting down"));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = startWorker(path.join(__dirname, "taskWorker"), { resourceLimits: { maxOldGenerationSizeMb: this.memoryMb } });
    worker.unref();
    let markReady: () => void = () => {};
    const slot: Slot = { worker, ready: new Promise<void>((resolve) => (markReady = resolve)) };
    worker.on("message", (reply: Reply) => {
      if ("ready" in reply) return markReady();
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = undefined;
      worker.unref();
      this.settle(job, reply.ok ? undefined : fromFailure(reply.failure), reply.ok ? reply.value : undefined);
      this.dispatch();
    });
    const fail = (error: Error) => {
      markReady();
      const job = slot.job;
      slot.job = undefined;
      this.replace(slot);
      if (job) {
        const outOfMemory = (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
        this.settle(
          job,
          outOfMemory ? new AppError(503, "Compute resources exceeded", `${describeTask(job.task)} needed more than the ${fmt(this.memoryMb)} MB a worker may use and was stopped; send a smaller problem`) : error,
        );
      }
      this.dispatch();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (this.slots.includes(slot)) fail(new Error(`a task worker exited unexpectedly (code ${code})`));
    });
    return slot;
  }

  /** Drop a slot's worker and put a fresh one in its place. */
  private replace(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    this.recycled++;
    void slot.worker.terminate();
    if (!this.closed) this.slots.push(this.spawn());
  }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.threads) {
        slot = this.spawn();
        this.slots.push(slot);
      }
      if (!slot) return;
      const job = this.queue.shift()!;
      job.slot = slot;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, task: job.task }, job.transfer);
    }
  }

  private overrun(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    else if (job.slot && job.slot.job === job) {
      // Terminating is the only way to stop synchronous work; a fresh worker takes the slot.
      job.slot.job = undefined;
      this.replace(job.slot);
      this.dispatch();
    }
    this.settle(
      job,
      new AppError(
        503,
        "Compute budget exceeded",
        `${describeTask(job.task)} did not finish within its budget of ${fmt(job.budgetMs)} ms ${queued >= 0 ? "(it was still waiting for a worker)" : "and was stopped"}; send a smaller problem or try again later`,
        [],
        queued >= 0 ? { "Retry-After": "2" } : {},
      ),
    );
  }

  private settle(job: Job, error?: Error, value?: unknown): void {
    if (job.timer) clearTimeout(job.timer);
    job.timer = undefined;
    const { resolve, reject } = job;
    // A job settles once: later replies (a timed-out worker's) are ignored.
    job.resolve = () => {};
    job.reject = () => {};
    if (error) reject(error);
    else resolve(value);
  }
}

/** A task on the pool, or on this thread when there is none (scripts, tools that run use cases directly). */
export async function runOffThread<T extends Task>(pool: TaskPool | undefined, task: T, options: { transfer?: Transferable[] } = {}): Promise<TaskResults[T["kind"]]> {
  if (pool) return pool.run(task, options);
  return runTask(task);
}
