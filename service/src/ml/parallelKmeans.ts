/**
 * k-means over worker threads: the rows are split into contiguous shards, the
 * main thread runs one and each worker another, each with Hamerly's kernel on
 * WebAssembly SIMD (kmeansWat.ts; the JavaScript kernel of
 * shared/src/ml/hamerlyKernel.ts where the engine lacks SIMD), the run's
 * arrays in SharedArrayBuffers; per pass only a "go" message and a count
 * cross threads. The main thread sums the
 * shards' per-cluster sums into the new centres, so the result is the same
 * fixed point as the in-process `kmeans` (the sums are added in another
 * order, so centres may differ in the last bits).
 *
 * Workers start through workers/workerThread.ts (compiled JavaScript in
 * production, TypeScript through tsx from source); start the pool once and
 * keep it (a service does), since loading costs a few hundred milliseconds.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import path from "node:path";
import { DomainError } from "../../../shared/src/errors";
import { checkPointMatrix, finishKmeans, kmeans, kmeansPlusPlus, squaredShift, toleranceLimit, updateCentres, type KmeansOptions, type KmeansResult, type KmeansShard } from "../../../shared/src/ml";
import { startWorker } from "../workers/workerThread";
import { writeMotion, type ShardSetup, type WorkerReply, type WorkerRequest } from "./kmeansProtocol";
import { kmeansModule, shardKernel, wasmShardFits } from "./wasmKmeansShard";

/**
 * Below this many rows a run costs less than the messages around it: run in-process. Measured
 * 2026-12-04 (6 features, overlapping blobs, median of 9): 2,000 rows 1.3 ms in-process vs 1.8
 * threaded; 5,000 rows at k = 8 13.6 vs 8.1; 50,000 rows at k = 8 287 vs 74, the same labels
 * every time.
 */
export const PARALLEL_MIN_ROWS = 5_000;

/** A Float64Array on a SharedArrayBuffer, so the threaded path can use it without a copy. */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

class WorkerHandle {
  private pending: Array<{ resolve: (r: WorkerReply) => void; reject: (e: Error) => void }> = [];
  constructor(readonly worker: Worker) {
    worker.on("message", (reply: WorkerReply) => {
      const next = this.pending.shift();
      if (!next) return;
      if (reply.ok) next.resolve(reply);
      else next.reject(new Error(`k-means worker: ${reply.error}`));
    });
    worker.on("error", (error) => {
      for (const p of this.pending.splice(0)) p.reject(error);
    });
  }
  request(message: WorkerRequest): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.worker.postMessage(message);
    });
  }
}

export interface KmeansPool {
  readonly threads: number;
  /** k-means on the pool (in-process below PARALLEL_MIN_ROWS rows unless `force`) */
  run(points: Float64Array, n: number, d: number, k: number, options?: KmeansOptions & { force?: boolean }): Promise<KmeansResult>;
  close(): Promise<void>;
}

/**
 * Start `workers` worker threads (default: one per core beyond the main thread's). `webAssembly:
 * false` keeps every shard on the JavaScript kernel, as on an engine without WebAssembly SIMD.
 */
export async function startKmeansPool(workers = Math.max(1, availableParallelism() - 1), poolOptions: { webAssembly?: boolean } = {}): Promise<KmeansPool> {
  const handles = Array.from({ length: workers }, () => new WorkerHandle(startWorker(path.join(__dirname, "kmeansWorker"))));
  // Referenced only while a request is in flight: an idle pool must not keep the process alive.
  await Promise.all(handles.map((h) => h.request({ type: "release" })));
  for (const h of handles) h.worker.unref();
  let queue: Promise<unknown> = Promise.resolve();

  async function runParallel(points: Float64Array, n: number, d: number, k: number, options: KmeansOptions): Promise<KmeansResult> {
    const maxIterations = options.maxIterations ?? 300;
    if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new DomainError("maxIterations", `expected an integer >= 1, got ${maxIterations}`, "out_of_range");
    checkPointMatrix(points, n, d, k);
    const shiftLimit = toleranceLimit(points, n, d, options.tolerance ?? 0);
    const initial = options.initialCentres ?? kmeansPlusPlus(points, n, d, k, options.seed ?? 0);
    if (initial.length !== k * d) throw new DomainError("initialCentres", `expected ${k} centres × ${d} features = ${k * d} values, got ${initial.length}`, "invalid");
    const shared =
      points.buffer instanceof SharedArrayBuffer
        ? points
        : (() => {
            const copy = sharedFloat64(points.length);
            copy.set(points);
            return copy;
          })();
    const shards = handles.length + 1;
    const kernel = poolOptions.webAssembly === false ? undefined : await kmeansModule(d);
    const bytes = (count: number) => new SharedArrayBuffer(count * 8);
    const labels = new SharedArrayBuffer(n * 4);
    const bounds = Array.from({ length: shards + 1 }, (_, s) => Math.round((s * n) / shards));
    // The WebAssembly kernels keep their bounds in their own memory: shared bounds only for a JavaScript shard.
    const jsShards = bounds.slice(1).some((end, s) => !wasmShardFits(kernel, end - bounds[s], d, k));
    const upper = bytes(jsShards ? n : 0);
    const lower = bytes(jsShards ? n : 0);
    const centresBuffer = bytes(k * d);
    const motionBuffer = bytes(2 * k + 3);
    const centres = new Float64Array(centresBuffer);
    centres.set(initial);
    const motionView = new Float64Array(motionBuffer);
    const state = Array.from({ length: shards }, (_, s) => {
      const sums = bytes(k * d);
      const counts = bytes(k);
      const setup: ShardSetup = { points: shared.buffer as SharedArrayBuffer, labels, upper, lower, centres: centresBuffer, motion: motionBuffer, sums, counts, n, d, k, start: bounds[s], end: bounds[s + 1], kernel };
      const shard: KmeansShard = {
        points: shared,
        dimensions: d,
        start: bounds[s],
        end: bounds[s + 1],
        labels: new Int32Array(labels),
        upper: new Float64Array(upper),
        lower: new Float64Array(lower),
        sums: new Float64Array(sums),
        counts: new Float64Array(counts),
      };
      return { setup, shard };
    });
    const others = handles.map((h, w) => ({ h, s: state[w + 1] }));
    const all = async (message: WorkerRequest) => Promise.all(others.map(({ h }) => h.request(message)));
    for (const h of handles) h.worker.ref();
    try {
      // The workers copy their rows into their kernels while the main thread copies its own.
      const ready = Promise.all(others.map(({ h, s }) => h.request({ type: "setup", setup: s.setup })));
      const own = shardKernel(kernel, state[0].shard, k);
      await ready;
      // Post first, then work: the workers' share runs while the main thread does its own.
      let replies = all({ type: "init" });
      own.assignAll(centres);
      await replies;
      const sums = state.map((s) => s.shard.sums);
      const counts = state.map((s) => s.shard.counts);
      let iterations = 1;
      let stoppedBy: KmeansResult["stoppedBy"] = "max-iterations";
      while (iterations < maxIterations) {
        const motion = updateCentres(centres, k, d, sums, counts);
        writeMotion(motionView, motion, k);
        iterations++;
        replies = all({ type: "pass" });
        const changedHere = own.pass(centres, {
          moves: motionView.subarray(0, k),
          halfSeparation: motionView.subarray(k, 2 * k),
          largest: motionView[2 * k],
          secondLargest: motionView[2 * k + 1],
          largestAt: motionView[2 * k + 2],
        });
        const changed = changedHere + (await replies).reduce((a, r) => a + (r.changed ?? 0), 0);
        if (changed === 0) {
          stoppedBy = "no-change";
          break;
        }
        if (squaredShift(motion.moves) <= shiftLimit) {
          stoppedBy = "tolerance";
          break;
        }
      }
      if (stoppedBy === "max-iterations") updateCentres(centres, k, d, sums, counts);
      replies = all({ type: "inertia" });
      own.writeLabels();
      const inertiaHere = own.inertia(centres);
      const inertia = inertiaHere + (await replies).reduce((a, r) => a + (r.inertia ?? 0), 0);
      await all({ type: "release" });
      return finishKmeans(Int32Array.from(state[0].shard.labels), Float64Array.from(centres), k, inertia, iterations, stoppedBy, counts);
    } finally {
      for (const h of handles) h.worker.unref();
    }
  }

  return {
    threads: shards(),
    run(points, n, d, k, options = {}) {
      const { force, ...rest } = options;
      if (!force && n < PARALLEL_MIN_ROWS) return Promise.resolve().then(() => kmeans(points, n, d, k, rest));
      // One job at a time: the shards' buffers and the workers' state belong to one run.
      const job = queue.then(() => runParallel(points, n, d, k, rest));
      queue = job.catch(() => undefined);
      return job;
    },
    async close() {
      await Promise.all(handles.map((h) => h.worker.terminate()));
    },
  };

  function shards() {
    return handles.length + 1;
  }
}

let shared: Promise<KmeansPool> | undefined;
/** The process's pool, started on first use and kept. */
export function kmeansPool(): Promise<KmeansPool> {
  shared ??= startKmeansPool();
  return shared;
}
