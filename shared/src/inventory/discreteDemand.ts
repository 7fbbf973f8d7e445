import { DomainError } from "../errors";
import { mustBe } from "../validation";

export type DiscreteFamily = "poisson" | "negative_binomial";

/** An integer-valued lead-time demand D, tabulated once and queried many times. */
export interface DiscreteDemand {
  family: DiscreteFamily;
  mean: number;
  variance: number;
  /** NB only: size r = μ²/(σ² − μ) and success probability p = μ/σ² (scipy's nbinom(r, p)) */
  size?: number;
  probability?: number;
  /** P(D = k) */
  pmf(k: number): number;
  /** F(k) = P(D ≤ k) */
  cdf(k: number): number;
  /** 1 − F(k) = P(D > k), summed from the tail, so accurate where F is near 1 */
  survival(k: number): number;
  /** first-order loss n(x) = E[(D − x)⁺] */
  loss(x: number): number;
}

/** Above this lead-time mean a discrete table is pointless (and long): use the normal. */
export const MAX_DISCRETE_MEAN = 100_000;
/** The table stops where the pmf has decayed below this (past the mode): the neglected tail is smaller still. */
const TAIL_CUTOFF = 1e-22;
/** An NB with a huge variance-to-mean ratio decays so slowly that its table would not fit in memory. */
const MAX_TABLE = 1_000_000;

/**
 * Poisson or negative-binomial lead-time demand with mean μ and variance σ²
 * (σ² = μ for the Poisson, σ² > μ for the NB), as a table of pmf, cdf,
 * survival and loss values.
 *
 * Poisson: P(D = k) = e^(−μ) μᵏ / k!. Negative binomial (number of failures
 * before the r-th success, scipy's `nbinom`): P(D = k) = C(k + r − 1, k)
 * pʳ (1 − p)ᵏ with r = μ²/(σ² − μ) and p = μ/σ², the moment match stockpyl
 * uses (Snyder & Shen, *Fundamentals of Supply Chain Theory*, 2nd ed.,
 * appendix C; stockpyl `negative_binomial_loss(mean=, sd=)`). As σ² → μ the
 * NB tends to the Poisson (r → ∞).
 *
 * The pmf is built by the ratio recurrences p(k)/p(k − 1) = μ/k (Poisson) and
 * (k − 1 + r)(1 − p)/k (NB) in logarithms, so e^(−μ) never underflows; the
 * survival 1 − F(k) = Σ_{j>k} p(j) is summed from the far tail down, and the
 * loss uses n(x) = Σ_{j≥x} (1 − F(j)) for integer x (Zipkin, *Foundations of
 * Inventory Management*, 2000, appendix C; n(x) − n(x + 1) = 1 − F(x)): only
 * sums of positive terms, no cancellation at high service levels.
 *
 * @throws DomainError (`leadTimeDemandMean`, `leadTimeDemandVariance`) for a
 *   mean ≤ 0 or above {@link MAX_DISCRETE_MEAN}, an NB variance ≤ the mean, or
 *   one so large that the tail runs past a million units
 * @example discreteDemand("poisson", 6).cdf(8) // 0.8472374939845613
 */
export function discreteDemand(family: DiscreteFamily, mean: number, variance = mean): DiscreteDemand {
  if (!(mean > 0 && mean <= MAX_DISCRETE_MEAN)) {
    throw new DomainError(
      "leadTimeDemandMean",
      `a ${family === "poisson" ? "Poisson" : "negative-binomial"} lead-time demand mean ${mustBe.inRange({ greaterThan: 0, max: MAX_DISCRETE_MEAN })}, got ${mean}`,
      Number.isNaN(mean) ? "invalid" : "out_of_range",
    );
  }
  let size: number | undefined;
  let probability: number | undefined;
  let logRatio: (k: number) => number;
  let logP0: number;
  if (family === "poisson") {
    const logMean = Math.log(mean);
    logRatio = (k) => logMean - Math.log(k);
    logP0 = -mean;
    variance = mean;
  } else {
    if (!(variance > mean)) {
      throw new DomainError("leadTimeDemandVariance", `a negative binomial needs a variance above its mean ${mean} (over-dispersed demand), got ${variance}; use the Poisson`, "out_of_range");
    }
    const r = (mean * mean) / (variance - mean);
    const p = mean / variance;
    size = r;
    probability = p;
    const log1mp = Math.log1p(-p);
    // The pmf decays like (1 − p)ᵏ: reject up front what could not be tabulated.
    if (Math.log(TAIL_CUTOFF) / log1mp > MAX_TABLE) throw tooDispersed(variance, mean);
    logRatio = (k) => Math.log((k - 1 + r) / k) + log1mp;
    logP0 = r * Math.log(p);
  }
  const pmf: number[] = [Math.exp(logP0)];
  let logP = logP0;
  for (let k = 1; ; k++) {
    logP += logRatio(k);
    const pk = Math.exp(logP);
    pmf.push(pk);
    if (k > mean && pk < TAIL_CUTOFF) break;
    if (k >= MAX_TABLE) throw tooDispersed(variance, mean);
  }
  const n = pmf.length;
  // tail[k] = P(D > k); the last entry's own tail is below TAIL_CUTOFF and dropped.
  const tail = new Float64Array(n);
  for (let k = n - 2; k >= 0; k--) tail[k] = tail[k + 1] + pmf[k + 1];
  // lossTable[k] = n(k) = Σ_{j ≥ k} P(D > j)
  const lossTable = new Float64Array(n);
  for (let k = n - 2; k >= 0; k--) lossTable[k] = lossTable[k + 1] + tail[k];
  // Below the mode F is small and better summed from 0 than taken as 1 − tail.
  const head = new Float64Array(n);
  let acc = 0;
  for (let k = 0; k < n; k++) head[k] = acc += pmf[k];

  const survival = (k: number): number => (k < 0 ? 1 : k >= n ? 0 : tail[Math.floor(k)]);
  return {
    family,
    mean,
    variance,
    size,
    probability,
    pmf: (k) => (Number.isInteger(k) && k >= 0 && k < n ? pmf[k] : 0),
    cdf: (k) => {
      if (k < 0) return 0;
      if (k >= n) return 1;
      const i = Math.floor(k);
      return head[i] < 0.5 ? head[i] : 1 - tail[i];
    },
    survival,
    // For x < 0, D − x ≥ 0 always, so n(x) = μ − x; between integers n is
    // linear with slope −(1 − F(k)), so interpolation is exact.
    loss: (x) => {
      if (x < 0) return mean - x;
      if (x >= n) return 0;
      const k = Math.floor(x);
      return lossTable[k] - (x - k) * tail[k];
    },
  };
}

function tooDispersed(variance: number, mean: number): DomainError {
  return new DomainError("leadTimeDemandVariance", `variance ${variance} is too large against the mean ${mean}: the distribution's tail reaches beyond ${MAX_TABLE} units`, "out_of_range");
}
