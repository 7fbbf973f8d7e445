import { DomainError } from "../errors";

export interface ReliabilityBin {
  /** the bin's predicted-probability range [from, to) */
  from: number;
  to: number;
  n: number;
  meanPredicted: number | null;
  observed: number | null;
}

export interface CalibrationReport {
  /** multiclass Brier score: mean over rows of Σ_c (p_c − 1[y = c])² (0 is perfect, 2 the worst) */
  brier: number;
  /** one-vs-rest reliability over every (row, class) pair, in ten equal-width bins */
  reliability: ReliabilityBin[];
  n: number;
}

/**
 * How well predicted probabilities match what happened: the Brier score
 * (Brier 1950, "Verification of forecasts expressed in terms of
 * probability", Monthly Weather Review 78(1)) over the classes, and the
 * reliability diagram (DeGroot & Fienberg 1983) of every class probability
 * against whether the row was that class: a calibrated model's bins sit on
 * the diagonal.
 *
 * @param probabilities row-major (rows × classes)
 * @throws DomainError (`probabilities`) when its length is not rows × classes; (`truth[i]`) outside the classes
 * @example calibrationReport(Float64Array.of(0.8, 0.2), [0], 2).brier; // 0.08
 */
export function calibrationReport(probabilities: ArrayLike<number>, truth: readonly number[], k: number, bins = 10): CalibrationReport {
  const n = truth.length;
  if (probabilities.length !== n * k) throw new DomainError("probabilities", `expected ${n * k} values (${n} rows × ${k} classes), got ${probabilities.length}`);
  const sums = Array.from({ length: bins }, () => ({ n: 0, p: 0, hits: 0 }));
  let brier = 0;
  for (let i = 0; i < n; i++) {
    const y = truth[i];
    if (!Number.isInteger(y) || y < 0 || y >= k) throw new DomainError(`truth[${i}]`, `expected a class index from 0 to ${k - 1}, got ${y}`, "out_of_range");
    for (let c = 0; c < k; c++) {
      const p = probabilities[i * k + c];
      const hit = c === y ? 1 : 0;
      brier += (p - hit) ** 2;
      const b = sums[Math.min(bins - 1, Math.floor(p * bins))];
      b.n++;
      b.p += p;
      b.hits += hit;
    }
  }
  return {
    brier: n ? brier / n : 0,
    reliability: sums.map((b, j) => ({ from: j / bins, to: (j + 1) / bins, n: b.n, meanPredicted: b.n ? b.p / b.n : null, observed: b.n ? b.hits / b.n : null })),
    n,
  };
}

/**
 * Temperature scaling (Guo, Pleiss, Sun & Weinberger 2017, "On calibration
 * of modern neural networks", ICML): the one T > 0 that minimises the
 * negative log-likelihood of softmax(logits / T) on held-out rows, found by
 * golden-section search over log T in [−3, 3]. T > 1 softens over-confident
 * probabilities; the ranking of the classes does not change.
 *
 * @param logits row-major (rows × classes)
 */
export function fitTemperature(logits: ArrayLike<number>, truth: readonly number[], k: number): number {
  if (truth.length === 0) return 1;
  const nll = (logT: number) => {
    const t = Math.exp(logT);
    let loss = 0;
    for (let i = 0; i < truth.length; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, logits[i * k + c] / t);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(logits[i * k + c] / t - max);
      loss -= logits[i * k + truth[i]] / t - max - Math.log(sum);
    }
    return loss;
  };
  let lo = -3;
  let hi = 3;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 60; step++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (nll(a) <= nll(b)) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}
