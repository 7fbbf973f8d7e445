/**
 * The functions worker (dist/functions-worker.js): computes the heavy TIER.*
 * functions that workerPool.ts posts to it, with the very computations the
 * pane's thread would run, and posts back the cells. One message brings the
 * calls of one recalculation; results go back in slices of about a frame's
 * worth of work, so Excel fills cells as they finish without one message per
 * cell.
 */
import "./workerCustomFunctions";
import { computeFitted, computeForecast } from "./forecastingFunctions";
import { computeMeio } from "./inventoryFunctions";
import { encodeCells, runJob, unpackJobs, type Computation, type HeavyJob, type JobBatch, type JobResult } from "./workerPool";

const COMPUTATIONS: Record<HeavyJob, Computation> = {
  FORECAST: computeForecast,
  FITTED: computeFitted,
  MEIO: computeMeio,
};

const SLICE_MS = 20;

interface WorkerScope {
  onmessage: ((event: MessageEvent<JobBatch>) => void) | null;
  postMessage(message: JobResult[]): void;
}
const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  let slice: JobResult[] = [];
  let sliceStart = performance.now();
  for (const { id, job, args } of unpackJobs(event.data)) {
    slice.push({ id, cells: encodeCells(runJob(COMPUTATIONS[job], args)) });
    if (performance.now() - sliceStart >= SLICE_MS) {
      scope.postMessage(slice);
      slice = [];
      sliceStart = performance.now();
    }
  }
  if (slice.length > 0) scope.postMessage(slice);
};
