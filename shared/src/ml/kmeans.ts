import { DomainError } from "../errors";
import { checkPointMatrix } from "./checkPointMatrix";
import { assignAll, hamerlyPass, shardInertia, updateCentres, type KmeansShard } from "./hamerlyKernel";
import { kmeansPlusPlus } from "./kmeansPlusPlus";
import { mustBe, checkNumber } from "../validation";

export interface KmeansOptions {
  /** assignment passes at most, the first (full) one included; scikit-learn's default is 300 */
  maxIterations?: number;
  /** seed of the k-means++ initialisation (ignored when initialCentres is given) */
  seed?: number;
  /** k × d starting centres, row-major: to reproduce another implementation's run */
  initialCentres?: Float64Array;
  /**
   * 0 (default): run until no row moves. Above 0, scikit-learn's rule: stop
   * once the centres' total squared shift Σ‖δ_j‖² is at most tolerance × the
   * mean of the features' variances, after one last assignment to those centres.
   */
  tolerance?: number;
}

export interface KmeansResult {
  /** cluster of each row, 0 … k−1 */
  labels: Int32Array;
  /** k × d centres, row-major: the mean of each cluster's rows */
  centres: Float64Array;
  /** Σ‖x_i − c_label(i)‖², the within-cluster sum of squares */
  inertia: number;
  /** assignment passes run */
  iterations: number;
  /** true when the last pass moved no row (a fixed point of Lloyd's iteration) or the tolerance was met */
  converged: boolean;
  stoppedBy: "no-change" | "tolerance" | "max-iterations";
  sizes: number[];
  /** clusters left without rows (their centre stays where it was) */
  emptyClusters: number[];
}

const DEFAULTS = { maxIterations: 300, seed: 0, tolerance: 0 };

/**
 * k-means (Lloyd's iteration: assign each row to its nearest centre, move
 * each centre to the mean of its rows, until no row moves), computed exactly
 * with Hamerly's bounds, which skip distance computations that cannot change
 * an assignment (Hamerly 2010, "Making k-means even faster", SDM, Algorithm
 * 2). Minimises the inertia Σ_i ‖x_i − μ_c(i)‖² (Lloyd 1982, IEEE Trans.
 * Inf. Theory 28(2); Hastie, Tibshirani & Friedman, The Elements of
 * Statistical Learning, 2nd ed., §14.3.6, eq. 14.33) to a local optimum; from
 * the same initial centres it reaches the same fixed point as a plain Lloyd
 * loop. Seeded k-means++ starts it when no centres are given.
 *
 * In-process, one thread: the service splits large matrices across worker
 * threads with the same kernel (service/src/ml/parallelKmeans.ts).
 *
 * @param points row-major n × d matrix of finite numbers
 * @throws DomainError (`k`) out of 1 … n; (`points[i][t]`) non-finite; (`initialCentres`) of the wrong length; (`maxIterations`) below 1
 * @example
 * const r = kmeans(new Float64Array([0, 0, 0, 1, 10, 10, 10, 11]), 4, 2, 2, { seed: 1 });
 * r.inertia; // 1 (each pair is 1 apart: 2 × 2 × 0.5²)
 */
export function kmeans(points: Float64Array, n: number, d: number, k: number, options: KmeansOptions = {}): KmeansResult {
  const o = { ...DEFAULTS, ...options };
  checkPointMatrix(points, n, d, k);
  checkNumber(o.maxIterations, "maxIterations", { integer: true, min: 1 });
  const shiftLimit = toleranceLimit(points, n, d, o.tolerance);
  let centres: Float64Array;
  if (o.initialCentres) {
    if (o.initialCentres.length !== k * d) throw new DomainError("initialCentres", `expected ${k} centres × ${d} features = ${k * d} values, got ${o.initialCentres.length}`, "invalid");
    o.initialCentres.forEach((v, i) => {
      if (!Number.isFinite(v)) throw new DomainError(`initialCentres[${Math.floor(i / d)}][${i % d}]`, `${mustBe.number}, got ${v}`, "invalid");
    });
    centres = Float64Array.from(o.initialCentres);
  } else centres = kmeansPlusPlus(points, n, d, k, o.seed);

  const shard: KmeansShard = {
    points,
    dimensions: d,
    start: 0,
    end: n,
    labels: new Int32Array(n),
    upper: new Float64Array(n),
    lower: new Float64Array(n),
    sums: new Float64Array(k * d),
    counts: new Float64Array(k),
  };
  assignAll(shard, centres, k);
  let iterations = 1;
  let stoppedBy: KmeansResult["stoppedBy"] = "max-iterations";
  while (iterations < o.maxIterations) {
    const motion = updateCentres(centres, k, d, [shard.sums], [shard.counts]);
    iterations++;
    if (hamerlyPass(shard, centres, k, motion) === 0) {
      stoppedBy = "no-change";
      break;
    }
    if (squaredShift(motion.moves) <= shiftLimit) {
      stoppedBy = "tolerance";
      break;
    }
  }
  if (stoppedBy === "max-iterations") updateCentres(centres, k, d, [shard.sums], [shard.counts]);
  return finishKmeans(shard.labels, centres, k, shardInertia(shard, centres), iterations, stoppedBy, [shard.counts]);
}

/** tolerance × mean of the features' population variances (scikit-learn's `_tolerance`); −1 when the tolerance is 0, so only "no row moved" stops. */
export function toleranceLimit(points: Float64Array, n: number, d: number, tolerance: number): number {
  checkNumber(tolerance, "tolerance", { min: 0 });
  if (tolerance === 0) return -1;
  // Each feature's sums take the rows in order, as a column-at-a-time loop does (so the same
  // bits), but a block of rows at a time, which stays in cache across the features: a whole
  // column at a time read the matrix 2·d times (35 ms on 1,000,000 × 8).
  const means = new Float64Array(d);
  const squares = new Float64Array(d);
  const block = 2048;
  for (let from = 0; from < n; from += block) {
    const to = Math.min(n, from + block);
    for (let t = 0; t < d; t++) {
      let sum = means[t];
      for (let i = from; i < to; i++) sum += points[i * d + t];
      means[t] = sum;
    }
  }
  for (let t = 0; t < d; t++) means[t] /= n;
  for (let from = 0; from < n; from += block) {
    const to = Math.min(n, from + block);
    for (let t = 0; t < d; t++) {
      const mean = means[t];
      let sum = squares[t];
      for (let i = from; i < to; i++) {
        const diff = points[i * d + t] - mean;
        sum += diff * diff;
      }
      squares[t] = sum;
    }
  }
  let total = 0;
  for (let t = 0; t < d; t++) total += squares[t] / n;
  return (tolerance * total) / d;
}

export function squaredShift(moves: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < moves.length; j++) s += moves[j] * moves[j];
  return s;
}

/** The result record, shared with the threaded path so both report alike. */
export function finishKmeans(labels: Int32Array, centres: Float64Array, k: number, inertia: number, iterations: number, stoppedBy: KmeansResult["stoppedBy"], shardCounts: readonly Float64Array[]): KmeansResult {
  const sizes = Array.from({ length: k }, (_, j) => shardCounts.reduce((s, c) => s + c[j], 0));
  return { labels, centres, inertia, iterations, converged: stoppedBy !== "max-iterations", stoppedBy, sizes, emptyClusters: sizes.flatMap((s, j) => (s === 0 ? [j] : [])) };
}
