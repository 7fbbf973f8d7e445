import { DomainError } from "../errors";

/**
 * The seasonality test of the M3/M4 benchmarks (Makridakis, Spiliotis & Assimakopoulos 2020, "The M4 Competition:
 * 100,000 time series and 61 forecasting methods", IJF 36(1): 54–74; the benchmarks' published R code,
 * `SeasonalityTest`): seasonal when the autocorrelation at lag m exceeds its 90 % one-sided limit under
 * Bartlett's formula, |r_m| > 1.645 · √((1 + 2 Σ_{k<m} r_k²) / n), with at least three full seasons of data.
 */
export function seasonalityTest(y: Float64Array, m: number): boolean {
  const n = y.length;
  if (m < 2 || n < 3 * m) return false;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[t] / n;
  let c0 = 0;
  for (let t = 0; t < n; t++) c0 += (y[t] - mean) ** 2;
  if (!(c0 > 0)) return false;
  const acf = (k: number) => {
    let c = 0;
    for (let t = k; t < n; t++) c += (y[t] - mean) * (y[t - k] - mean);
    return c / c0;
  };
  let squares = 0;
  for (let k = 1; k < m; k++) squares += acf(k) ** 2;
  return Math.abs(acf(m)) > (1.645 / Math.sqrt(n)) * Math.sqrt(1 + 2 * squares);
}

/** Seasonal indices by position of the first observation, and how they combine with the series. */
export interface SeasonalIndices {
  kind: "multiplicative" | "additive";
  /** index[j] for the periods t ≡ j (mod m), counted from the first observation */
  index: number[];
}

/**
 * Classical decomposition's seasonal figure as R's `decompose()` computes it (Kendall & Stuart; Makridakis,
 * Wheelwright & Hyndman 1998, *Forecasting: Methods and Applications* §3/4): trend = the centred moving average
 * (2×m for even m), detrended = y / trend, the index of each position the mean of its detrended values, normalised
 * to mean 1. Multiplicative as the M4 benchmarks use it; additive (differences, mean 0) when a value is not
 * positive, where ratios mean nothing.
 */
export function classicalSeasonalIndices(y: Float64Array, m: number): SeasonalIndices {
  const n = y.length;
  if (m < 2 || n < 2 * m) throw new DomainError("seasonLength", `classical decomposition needs two full seasons, got ${n} periods for a season of ${m}`, "out_of_range");
  let positive = true;
  for (let t = 0; t < n; t++) if (!(y[t] > 0)) positive = false;
  const half = Math.floor(m / 2);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = half; t < n - half; t++) {
    let trend = 0;
    if (m % 2 === 0) {
      trend = 0.5 * (y[t - half] + y[t + half]);
      for (let k = -half + 1; k < half; k++) trend += y[t + k];
    } else for (let k = -half; k <= half; k++) trend += y[t + k];
    trend /= m;
    sums[t % m] += positive ? y[t] / trend : y[t] - trend;
    counts[t % m]++;
  }
  const index = Array.from(sums, (s, j) => s / counts[j]);
  const centre = index.reduce((a, b) => a + b, 0) / m;
  return positive ? { kind: "multiplicative", index: index.map((s) => s / centre) } : { kind: "additive", index: index.map((s) => s - centre) };
}

/** y with the season taken out (divided by or less its index). */
export function deseasonalise(y: Float64Array, s: SeasonalIndices): Float64Array {
  const m = s.index.length;
  return Float64Array.from(y, (v, t) => (s.kind === "multiplicative" ? v / s.index[t % m] : v - s.index[t % m]));
}

/** Forecasts of the adjusted series for periods n … n+h−1 with the season put back. */
export function reseasonalise(forecast: readonly number[], n: number, s: SeasonalIndices): number[] {
  const m = s.index.length;
  return forecast.map((f, h) => (s.kind === "multiplicative" ? f * s.index[(n + h) % m] : f + s.index[(n + h) % m]));
}

/**
 * The M4 benchmarks' seasonal adjustment: classical indices when {@link seasonalityTest} passes, none otherwise.
 * `seasonal` = true is other evidence of a season (automatic selection passes whether the best ETS model by AICc
 * has one): then the indices are taken whenever two full seasons allow, because the autocorrelation test has little
 * power on short trending series (it misses the season of AirPassengers' first three years, and of the 48-month
 * deaths series).
 */
export function benchmarkSeason(y: Float64Array, seasonLength: number | undefined, seasonal = false): SeasonalIndices | null {
  if (seasonLength === undefined || seasonLength < 2 || y.length < 2 * seasonLength) return null;
  return seasonal || seasonalityTest(y, seasonLength) ? classicalSeasonalIndices(y, seasonLength) : null;
}
