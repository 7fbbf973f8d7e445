/**
 * Runs the heavy TIER.* functions off the pane's thread. In a shared runtime
 * custom functions run on the task pane's thread, so TIER.FORECAST "auto" over
 * thousands of series would freeze the pane (toolchain.md). Where `Worker`
 * exists, `offload` queues the call, and the calls of one recalculation go as
 * one message per worker to a small pool running dist/functions-worker.js
 * (functionsWorker.ts), the shape of Microsoft's custom-functions web-worker
 * sample. Where it does not (a host without workers, the tests' vm sandbox
 * with only `CustomFunctions`), `offload` computes at once on this thread and
 * returns the cells themselves, not a Promise.
 *
 * Both paths run the same computation through `runJob`, so the worker returns
 * exactly what the thread would: cell errors are made by cells.ts inside the
 * worker (against a CustomFunctions stand-in) and travel as their code and
 * message, turned back into `CustomFunctions.Error` here.
 */
import { toCellError } from "./cells";

/** The functions that may leave the pane's thread; functionsWorker.ts maps each to its computation. */
export type HeavyJob = "FORECAST" | "FITTED" | "MEIO";

export type Cells = unknown[][];
/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- the adapters' own parameter types (`any` is how custom-functions-metadata reads a cell) */
export type Computation = (...args: any[]) => Cells;

/** One call of a heavy function, as posted to a worker. */
export interface JobRequest {
  id: number;
  job: HeavyJob;
  args: unknown[];
}

/**
 * The calls posted to one worker in one message. Ranges of numbers (a history
 * of thousands of cells) travel packed into one transferred Float64Array:
 * the structured clone of 2,000 histories as nested arrays alone stalls the
 * pane for hundreds of milliseconds, the packed copy takes a few. Float64
 * keeps every number exactly (−0, NaN and ±Infinity too); any other range
 * (text, blanks, ragged rows) is cloned as it is.
 */
export interface JobBatch {
  jobs: JobRequest[];
  numbers: Float64Array;
}

const RANGE_TAG = "tierlinePackedRange";
interface PackedRange {
  [RANGE_TAG]: number;
  rows: number;
  columns: number;
}

/** Cells in a rectangular range of numbers, or -1. */
function numericRangeSize(value: unknown): number {
  if (!Array.isArray(value) || value.length === 0 || !Array.isArray(value[0])) return -1;
  const columns = (value[0] as unknown[]).length;
  for (const row of value) {
    if (!Array.isArray(row) || row.length !== columns) return -1;
    for (const cell of row) if (typeof cell !== "number") return -1;
  }
  return value.length * columns;
}

export function packJobs(requests: readonly JobRequest[]): JobBatch {
  const sizes = requests.map((r) => r.args.map(numericRangeSize));
  const numbers = new Float64Array(sizes.flat().reduce((sum, n) => sum + Math.max(0, n), 0));
  let offset = 0;
  const jobs = requests.map((r, j) => ({
    ...r,
    args: r.args.map((arg, a): unknown => {
      if (sizes[j][a] < 0) return arg;
      const range = arg as number[][];
      const packed: PackedRange = { [RANGE_TAG]: offset, rows: range.length, columns: range[0].length };
      for (const row of range) for (const cell of row) numbers[offset++] = cell;
      return packed;
    }),
  }));
  return { jobs, numbers };
}

function isPackedRange(value: unknown): value is PackedRange {
  return typeof value === "object" && value !== null && typeof (value as Partial<PackedRange>)[RANGE_TAG] === "number";
}

/** The inverse of packJobs, in the worker: the calls with their ranges as nested arrays again. */
export function unpackJobs({ jobs, numbers }: JobBatch): JobRequest[] {
  return jobs.map((r) => ({
    ...r,
    args: r.args.map((arg) => {
      if (!isPackedRange(arg)) return arg;
      const start = arg[RANGE_TAG];
      return Array.from({ length: arg.rows }, (_, i) => Array.from(numbers.subarray(start + i * arg.columns, start + (i + 1) * arg.columns)));
    }),
  }));
}

/** One computed call, as a worker posts it back (cell errors encoded). */
export interface JobResult {
  id: number;
  cells: Cells;
}

/** The emitted name of the worker bundle: webpack.config.js's "functions-worker" entry, beside functions.js. */
export const WORKER_FILE = "functions-worker.js";

/** Run a computation as every path does: the adapters return their errors, and anything thrown is a bug worded by cells.ts. */
export function runJob(compute: Computation, args: readonly unknown[]): Cells {
  try {
    return compute(...args);
  } catch (error) {
    return [[toCellError(error)]];
  }
}

const ERROR_TAG = "tierlineCellError";
interface EncodedError {
  [ERROR_TAG]: string;
  message?: string;
}

/** Cells as they can cross to another thread: a CustomFunctions.Error becomes its code and message (structured clone would drop `code`). */
export function encodeCells(cells: Cells): Cells {
  return cells.map((row) =>
    row.map((cell) => {
      if (!(cell instanceof CustomFunctions.Error)) return cell;
      const encoded: EncodedError = { [ERROR_TAG]: cell.code };
      if (cell.message !== undefined) encoded.message = cell.message;
      return encoded;
    }),
  );
}

function isEncodedError(cell: unknown): cell is EncodedError {
  return typeof cell === "object" && cell !== null && typeof (cell as Partial<EncodedError>)[ERROR_TAG] === "string";
}

/** The inverse of encodeCells, on the thread Excel reads the result from. */
export function decodeCells(cells: Cells): Cells {
  return cells.map((row) => row.map((cell) => (isEncodedError(cell) ? new CustomFunctions.Error(cell[ERROR_TAG] as CustomFunctions.ErrorCode, cell.message) : cell)));
}

/**
 * functions.js's own URL, read while the script first runs (afterwards
 * `document.currentScript` is null). The worker bundle sits beside it, which
 * need not be the page's folder or even its origin.
 */
const scriptUrl: string | undefined = (() => {
  if (typeof document === "undefined") return undefined;
  const script = document.currentScript;
  return script && "src" in script && typeof script.src === "string" && script.src !== "" ? script.src : undefined;
})();

/** Calls per message to one worker, and the main-thread time one flush may take (see flush). */
const CALLS_PER_MESSAGE = 25;
const FLUSH_BUDGET_MS = 8;

interface Pending {
  request: JobRequest;
  compute: Computation;
  worker: number;
  resolve: (cells: Cells) => void;
}

/**
 * A few workers, created on first use. Calls queue until the current task
 * ends (one recalculation hands Excel's calls over together), then each
 * worker gets one message with its share, dealt round-robin so that costly
 * and cheap series mix (a large recalculation goes in several such rounds).
 * If a worker cannot start or dies, its jobs and every later call are
 * computed on this thread instead: slower, never wrong.
 */
class WorkerPool {
  private readonly workers: Array<Worker | undefined> = [];
  private readonly pending = new Map<number, Pending>();
  private queue: Pending[] = [];
  private flushing = false;
  private nextId = 0;
  broken = false;

  constructor(
    private readonly workerUrl: string,
    private readonly size: number,
  ) {}

  run(job: HeavyJob, compute: Computation, args: unknown[]): Promise<Cells> {
    return new Promise<Cells>((resolve) => {
      this.queue.push({ request: { id: this.nextId++, job, args }, compute, worker: -1, resolve });
      if (!this.flushing) {
        this.flushing = true;
        setTimeout(() => this.flush(), 0);
      }
    });
  }

  /**
   * Post the queue in rounds of at most CALLS_PER_MESSAGE calls per worker,
   * for at most FLUSH_BUDGET_MS per task, then yield: packing and posting
   * 2,000 histories in one go stalls the pane for over 100 ms.
   */
  private flush(): void {
    const started = performance.now();
    while (this.queue.length > 0 && performance.now() - started < FLUSH_BUDGET_MS) this.post(this.queue.splice(0, CALLS_PER_MESSAGE * this.size));
    if (this.queue.length > 0) setTimeout(() => this.flush(), 0);
    else this.flushing = false;
  }

  /** One round: each worker's share as one message, dealt round-robin. */
  private post(round: Pending[]): void {
    const shares: Pending[][] = Array.from({ length: this.size }, () => []);
    round.forEach((p, k) => shares[k % this.size].push(p));
    shares.forEach((share, w) => {
      if (share.length === 0) return;
      const worker = this.broken ? undefined : this.worker(w);
      if (!worker) {
        for (const p of share) p.resolve(runJob(p.compute, p.request.args));
        return;
      }
      for (const p of share) {
        p.worker = w;
        this.pending.set(p.request.id, p);
      }
      const message = packJobs(share.map((p) => p.request));
      worker.postMessage(message, [message.numbers.buffer]);
    });
  }

  private worker(w: number): Worker | undefined {
    const existing = this.workers[w];
    if (existing) return existing;
    let worker: Worker;
    try {
      worker = startWorker(this.workerUrl);
    } catch (error) {
      this.fail(w, error);
      return undefined;
    }
    worker.onmessage = (event: MessageEvent<JobResult[]>) => {
      for (const { id, cells } of event.data) {
        const p = this.pending.get(id);
        if (!p) continue;
        this.pending.delete(id);
        p.resolve(decodeCells(cells));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(w, event.message || `${this.workerUrl} did not load`);
    };
    worker.onmessageerror = () => this.fail(w, "a message could not be read");
    this.workers[w] = worker;
    return worker;
  }

  /** A worker failed: stop using workers and compute what it still owed on this thread. */
  private fail(w: number, reason: unknown): void {
    if (!this.broken) console.warn(`Tierline: computing on the pane's thread, the functions worker failed (${reason instanceof Error ? reason.message : String(reason)})`);
    this.broken = true;
    this.workers[w]?.terminate();
    this.workers[w] = undefined;
    for (const [id, p] of this.pending) {
      if (p.worker !== w) continue;
      this.pending.delete(id);
      p.resolve(runJob(p.compute, p.request.args));
    }
  }
}

/**
 * A worker for the bundle at `url`. A worker script must share the page's
 * origin; when functions.js comes from elsewhere, a same-origin blob worker
 * imports it instead (classic workers may import scripts from any origin).
 */
function startWorker(url: string): Worker {
  if (typeof location === "undefined" || new URL(url).origin === location.origin) return new Worker(url);
  const loader = new Blob([`importScripts(${JSON.stringify(url)});`], { type: "text/javascript" });
  return new Worker(URL.createObjectURL(loader));
}

let pool: WorkerPool | undefined;

function workerPool(): WorkerPool | undefined {
  if (pool) return pool.broken ? undefined : pool;
  if (typeof Worker !== "function" || typeof setTimeout !== "function" || scriptUrl === undefined) return undefined;
  // Leave a core for the pane and Excel; a few workers are enough to keep up with one recalculation.
  const cores = typeof navigator === "undefined" ? 2 : navigator.hardwareConcurrency || 2;
  pool = new WorkerPool(new URL(WORKER_FILE, scriptUrl).href, Math.max(1, Math.min(4, cores - 1)));
  return pool;
}

/**
 * Compute a heavy function's cells: in a worker when there is one (a Promise,
 * which Excel awaits), else here and now (the cells). Either way the same
 * `compute(...args)` gives the result.
 */
export function offload(job: HeavyJob, compute: Computation, args: unknown[]): Cells | Promise<Cells> {
  const workers = workerPool();
  return workers ? workers.run(job, compute, args) : runJob(compute, args);
}
