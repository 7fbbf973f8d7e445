/**
 * The CPU-heavy work the service hands to its task pool, as plain messages:
 * a worker thread runs `runTask` on each, and so does the calling thread when
 * there is no pool (scripts, the in-process fallback). Everything in and out
 * is structured-clone data.
 */
import type { ComputeEngine } from "../../../shared/src/api";
import { DomainError, type DomainErrorKind } from "../../../shared/src/errors";
import { entityWeekFeatures, type EntityWeek, type FeatureSpec } from "../../../shared/src/ml";
import { AppError } from "../appError";
import { clusterTable, type ClusterTableOptions } from "../ml/clusterTable";
import { trainSoftmax, type SoftmaxTrainingOptions } from "../ml/modelTrainer";
import { runComputeEngine } from "../useCases/compute/engines";
import { solveMip, type MipModel, type MipOptions } from "../../../shared/src/optimisation/solveMip";
import { readTabularFile } from "../files/readTabularFile";

export type Task =
  | { kind: "compute"; engine: ComputeEngine; body: unknown }
  | { kind: "cluster"; ids: string[]; entityWeeks: EntityWeek[]; weeks: number; features: FeatureSpec[]; options: ClusterTableOptions }
  | { kind: "read-tabular"; name: string; data: Uint8Array }
  | { kind: "train-softmax"; x: Float64Array; y: Int32Array; d: number; k: number; options: SoftmaxTrainingOptions }
  | { kind: "solve-mip"; model: MipModel; options: MipOptions };

/** What each task kind resolves to. */
export interface TaskResults {
  compute: unknown;
  cluster: { result: Awaited<ReturnType<typeof clusterTable>> };
  "read-tabular": Array<Record<string, string>>;
  "train-softmax": Awaited<ReturnType<typeof trainSoftmax>>;
  "solve-mip": Awaited<ReturnType<typeof solveMip>>;
}

/** A human label of a task for budget and failure messages. */
export function describeTask(task: Task): string {
  switch (task.kind) {
    case "compute":
      return `compute engine "${task.engine}"`;
    case "cluster":
      return "clustering";
    case "read-tabular":
      return `reading "${task.name}"`;
    case "train-softmax":
      return "model training";
    case "solve-mip":
      return "the network design's solve (HiGHS)";
  }
}

export async function runTask<T extends Task>(task: T): Promise<TaskResults[T["kind"]]> {
  switch (task.kind) {
    case "compute":
      return runComputeEngine(task.engine, task.body) as TaskResults[T["kind"]];
    case "cluster": {
      const features = entityWeekFeatures(task.ids, task.entityWeeks, task.weeks);
      // A pool worker is already one thread of many: k-means runs in it rather than fanning out again.
      const result = await clusterTable(features, task.features, { ...task.options, threads: false });
      return { result } as TaskResults[T["kind"]];
    }
    case "read-tabular":
      return (await readTabularFile(task.name, Buffer.from(task.data.buffer, task.data.byteOffset, task.data.byteLength))) as TaskResults[T["kind"]];
    case "train-softmax":
      return (await trainSoftmax(task.x, task.y, task.d, task.k, task.options)) as TaskResults[T["kind"]];
    case "solve-mip":
      return (await solveMip(task.model, task.options)) as TaskResults[T["kind"]];
  }
}

/** An error as it crosses a thread: structured clone keeps only an Error's message, so the kinds the edges map are spelled out. */
export type TaskFailure =
  | { type: "domain"; field: string; detail: string; kind: DomainErrorKind }
  | { type: "app"; status: number; title: string; detail: string; errors: AppError["errors"]; headers: Record<string, string> }
  | { type: "error"; message: string; stack?: string };

export function toFailure(error: unknown): TaskFailure {
  if (error instanceof DomainError) return { type: "domain", field: error.field, detail: error.detail, kind: error.kind };
  if (error instanceof AppError) return { type: "app", status: error.status, title: error.title, detail: error.detail, errors: error.errors, headers: error.headers };
  if (error instanceof Error) return { type: "error", message: error.message, stack: error.stack };
  return { type: "error", message: String(error) };
}

export function fromFailure(failure: TaskFailure): Error {
  switch (failure.type) {
    case "domain":
      return new DomainError(failure.field, failure.detail, failure.kind);
    case "app":
      return new AppError(failure.status, failure.title, failure.detail, failure.errors, failure.headers);
    case "error": {
      const error = new Error(failure.message);
      if (failure.stack) error.stack = failure.stack;
      return error;
    }
  }
}
