import type { CentreMotion } from "../../../shared/src/ml/hamerlyKernel";
import type { WasmModule } from "./wasmKmeansShard";

/** The buffers one worker's shard lives in; every one is a SharedArrayBuffer, so nothing is copied per pass. */
export interface ShardSetup {
  points: SharedArrayBuffer;
  labels: SharedArrayBuffer;
  upper: SharedArrayBuffer;
  lower: SharedArrayBuffer;
  centres: SharedArrayBuffer;
  /** k moves, k half-separations, then largest, second largest, largest's index */
  motion: SharedArrayBuffer;
  sums: SharedArrayBuffer;
  counts: SharedArrayBuffer;
  n: number;
  d: number;
  k: number;
  start: number;
  end: number;
  /** the WebAssembly kernel compiled for d, when the engine has SIMD (a module crosses threads, its code compiled once) */
  kernel?: WasmModule;
}

export type WorkerRequest = { type: "setup"; setup: ShardSetup } | { type: "init" } | { type: "pass" } | { type: "inertia" } | { type: "release" };
export interface WorkerReply {
  ok: boolean;
  error?: string;
  changed?: number;
  inertia?: number;
}

export function writeMotion(target: Float64Array, motion: CentreMotion, k: number): void {
  target.set(motion.moves, 0);
  target.set(motion.halfSeparation, k);
  target[2 * k] = motion.largest;
  target[2 * k + 1] = motion.secondLargest;
  target[2 * k + 2] = motion.largestAt;
}

export function readMotion(source: Float64Array, k: number): CentreMotion {
  return {
    moves: source.subarray(0, k),
    halfSeparation: source.subarray(k, 2 * k),
    largest: source[2 * k],
    secondLargest: source[2 * k + 1],
    largestAt: source[2 * k + 2],
  };
}
