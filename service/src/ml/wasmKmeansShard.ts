/**
 * One thread's share of a threaded k-means run, on the WebAssembly SIMD kernel
 * (kmeansWat.ts) where the engine has it, else on the JavaScript one. Both
 * give the same numbers bit for bit (see kmeansWat.ts), so a run's result does
 * not depend on which served.
 *
 * The WebAssembly instance is kept per thread and feature count and reused by the
 * next run: creating one and growing its memory cost about 12 ms per 50,000
 * rows, and a fresh instance's first pass ran on the baseline compiler. Each
 * run copies the thread's rows into the instance's memory once; per pass only
 * the centres and their motion go in and the shard's sums and counts come out
 * (k × d numbers), and the labels come out once at the end.
 */
import wabt from "wabt";
import { assignAll, hamerlyPass, shardInertia, type CentreMotion, type KmeansShard } from "../../../shared/src/ml/hamerlyKernel";
import { kmeansWat } from "./kmeansWat";

/**
 * The few parts of the WebAssembly API used here, typed locally: the service compiles against
 * Node's types alone (no DOM library), and this @types/node does not declare WebAssembly.
 */
export type WasmModule = { readonly __wasmModule: unique symbol };
interface WasmInstance {
  exports: Record<string, unknown>;
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
const wasm = (
  globalThis as unknown as {
    WebAssembly: { Module: new (bytes: Uint8Array) => WasmModule; Instance: new (module: WasmModule, imports: object) => WasmInstance; validate(bytes: Uint8Array): boolean };
  }
).WebAssembly;

/** What the threaded run asks of one shard, whichever kernel serves it. */
export interface ShardKernel {
  /** first, full pass: every row's nearest centre; leaves the shard's sums and counts */
  assignAll(centres: Float64Array): void;
  /** one Hamerly pass after the centres moved; returns how many rows changed cluster */
  pass(centres: Float64Array, motion: CentreMotion): number;
  /** the shard's share of the inertia */
  inertia(centres: Float64Array): number;
  /** writes the shard's labels into the run's labels (indexed by global row) */
  writeLabels(): void;
  readonly kind: "wasm-simd" | "javascript";
}

const compiled = new Map<number, Promise<WasmModule | undefined>>();

/** The module for rows of `d` features, compiled once per process; undefined where the engine has no WebAssembly SIMD. */
export function kmeansModule(d: number): Promise<WasmModule | undefined> {
  let module = compiled.get(d);
  if (module) return module;
  module = (async () => {
    const tools = await wabt();
    const parsed = tools.parseWat(`kmeans-d${d}.wat`, kmeansWat(d), { simd: true });
    try {
      parsed.resolveNames();
      parsed.validate();
      const bytes = Uint8Array.from(parsed.toBinary({}).buffer);
      return wasm.validate(bytes) ? new wasm.Module(bytes) : undefined;
    } finally {
      parsed.destroy();
    }
  })();
  compiled.set(d, module);
  return module;
}

/** The JavaScript kernel on the run's shared arrays. */
export function jsShardKernel(shard: KmeansShard, k: number): ShardKernel {
  return {
    kind: "javascript",
    assignAll: (centres) => assignAll(shard, centres, k),
    pass: (centres, motion) => hamerlyPass(shard, centres, k, motion),
    inertia: (centres) => shardInertia(shard, centres),
    writeLabels: () => undefined,
  };
}

const PAGE = 65_536;
/** Past this the 32-bit addresses of WebAssembly cannot hold the shard: the JavaScript kernel serves it. */
const MAX_BYTES = 2 ** 31;
const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;
/** By d, not by module: a worker receives a new Module object with every run's setup message, and instantiating one each run cost ~100 ms at 500,000 rows. */
const instances = new Map<number, WasmInstance>();

type Assign = (points: number, count: number, centres: number, k: number, labels: number, upper: number, lower: number, sums: number, counts: number) => void;
type Pass = (
  points: number,
  count: number,
  centres: number,
  k: number,
  labels: number,
  upper: number,
  lower: number,
  sums: number,
  counts: number,
  moves: number,
  half: number,
  largestAt: number,
  largest: number,
  secondLargest: number,
) => number;
type Inertia = (points: number, count: number, centres: number, labels: number) => number;

/** Byte addresses of a shard's arrays in the instance's memory, and the memory it needs. */
function layout(m: number, d: number, k: number) {
  let at = 0;
  const take = (bytes: number) => {
    const here = at;
    at = align16(at + bytes);
    return here;
  };
  const addresses = {
    points: take(m * d * 8),
    labels: take(m * 4),
    upper: take(m * 8),
    lower: take(m * 8),
    centres: take(k * d * 8),
    sums: take(k * d * 8),
    counts: take(k * 8),
    moves: take(k * 8),
    half: take(k * 8),
  };
  return { ...addresses, bytes: at };
}

/** Whether a shard of `rows` rows runs on the WebAssembly kernel (else its bounds live in the run's shared arrays). */
export function wasmShardFits(module: WasmModule | undefined, rows: number, d: number, k: number): module is WasmModule {
  return module !== undefined && layout(rows, d, k).bytes <= MAX_BYTES;
}

/** The shard on `module`'s kernel (compiled for the shard's d), or the JavaScript kernel when it does not fit. */
export function shardKernel(module: WasmModule | undefined, shard: KmeansShard, k: number): ShardKernel {
  const { points, dimensions: d, start, end, labels, sums, counts } = shard;
  const m = end - start;
  if (!wasmShardFits(module, m, d, k)) return jsShardKernel(shard, k);
  const { points: pointsAt, labels: labelsAt, upper: upperAt, lower: lowerAt, centres: centresAt, sums: sumsAt, counts: countsAt, moves: movesAt, half: halfAt, bytes } = layout(m, d, k);

  let instance = instances.get(d);
  if (!instance) {
    instance = new wasm.Instance(module, {});
    instances.set(d, instance);
  }
  const memory = instance.exports.memory as WasmMemory;
  const grow = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
  if (grow > 0) memory.grow(grow);
  const exports = instance.exports as unknown as { assign: Assign; pass: Pass; inertia: Inertia };
  const buffer = memory.buffer;
  new Float64Array(buffer, pointsAt, m * d).set(points.subarray(start * d, end * d));
  const plain = new Float64Array(buffer, centresAt, k * d);
  const ownSums = new Float64Array(buffer, sumsAt, k * d);
  const ownCounts = new Float64Array(buffer, countsAt, k);
  const moves = new Float64Array(buffer, movesAt, k);
  const half = new Float64Array(buffer, halfAt, k);

  function loadCentres(centres: Float64Array) {
    plain.set(centres.subarray(0, k * d));
  }
  function publish() {
    sums.set(ownSums);
    counts.set(ownCounts);
  }
  return {
    kind: "wasm-simd",
    assignAll(centres) {
      loadCentres(centres);
      ownSums.fill(0);
      ownCounts.fill(0);
      exports.assign(pointsAt, m, centresAt, k, labelsAt, upperAt, lowerAt, sumsAt, countsAt);
      publish();
    },
    pass(centres, motion) {
      loadCentres(centres);
      moves.set(motion.moves);
      half.set(motion.halfSeparation);
      const changed = exports.pass(pointsAt, m, centresAt, k, labelsAt, upperAt, lowerAt, sumsAt, countsAt, movesAt, halfAt, motion.largestAt, motion.largest, motion.secondLargest);
      publish();
      return changed;
    },
    inertia(centres) {
      loadCentres(centres);
      return exports.inertia(pointsAt, m, centresAt, labelsAt);
    },
    writeLabels() {
      labels.set(new Int32Array(buffer, labelsAt, m), start);
    },
  };
}
