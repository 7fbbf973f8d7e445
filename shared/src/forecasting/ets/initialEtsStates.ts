import type { EtsSpec } from "./etsModel";

export interface EtsStates {
  level: number;
  trend: number;
  /** s for the positions 0…m−1 of the first season (empty without a season) */
  season: Float64Array;
}

/**
 * Starting values of the initial states, the heuristic of Hyndman et al.
 * (2008), Forecasting with Exponential Smoothing, §2.6.1 as R's ets() codes
 * it (forecast 8.20, `initstate`): the seasonal indices of a classical
 * decomposition (centred 2×m moving average, per-position mean of the
 * detrended series, normalised to sum 0 or average 1; multiplicative ones
 * floored at 0.01); then on the first max(10, 2m) seasonally adjusted values
 * ℓ₀ = their mean (no trend) or ℓ₀, b₀ = intercept and slope of a least-squares
 * line over t = 1, 2, …. The maximum-likelihood search starts here and
 * estimates the states with the smoothing constants.
 * Needs two full seasons for a seasonal model (R falls back to a Fourier
 * regression below three; the classical decomposition is used from two here).
 */
export function initialEtsStates(y: Float64Array, spec: EtsSpec, m: number): EtsStates {
  const n = y.length;
  const multiplicative = spec.season === "M";
  const adjusted = Float64Array.from(y);
  let season = new Float64Array(0);
  if (spec.season !== "N") {
    const figure = seasonalFigure(y, m, multiplicative);
    season = new Float64Array(m);
    let sum = 0;
    for (let j = 1; j < m; j++) {
      season[j] = multiplicative ? Math.max(figure[j], 0.01) : figure[j];
      sum += season[j];
    }
    if (multiplicative && sum > m) {
      // ets()'s rescaling when the floors push the sum of the free indices past m.
      const total = sum + 0.01 * (m - 1);
      sum = 0;
      for (let j = 1; j < m; j++) sum += season[j] /= total;
    }
    season[0] = (multiplicative ? m : 0) - sum;
    for (let t = 0; t < n; t++) adjusted[t] = multiplicative ? y[t] / Math.max(figure[t % m], 0.01) : y[t] - figure[t % m];
  }
  const count = Math.min(Math.max(10, 2 * (spec.season === "N" ? 1 : m)), n);
  if (spec.trend === "N") {
    let mean = 0;
    for (let t = 0; t < count; t++) mean += adjusted[t] / count;
    return { level: mean, trend: 0, season };
  }
  // Least-squares line through (t, adjusted_t), t = 1…count.
  let sx = 0;
  let sy = 0;
  for (let t = 0; t < count; t++) {
    sx += t + 1;
    sy += adjusted[t];
  }
  const mx = sx / count;
  const my = sy / count;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < count; t++) {
    sxy += (t + 1 - mx) * (adjusted[t] - my);
    sxx += (t + 1 - mx) ** 2;
  }
  let trend = sxx > 0 ? sxy / sxx : 0;
  let level = my - trend * mx;
  if (Math.abs(level + trend) < 1e-8) {
    level *= 1.001;
    trend *= 0.999;
  }
  return { level, trend, season };
}

/** Classical decomposition's seasonal figure by position (R's `decompose`): normalised to sum 0 (additive) or mean 1 (multiplicative). */
function seasonalFigure(y: Float64Array, m: number, multiplicative: boolean): Float64Array {
  const n = y.length;
  const half = Math.floor(m / 2);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = half; t < n - half; t++) {
    let average = 0;
    if (m % 2 === 0) {
      average = 0.5 * (y[t - half] + y[t + half]);
      for (let k = -half + 1; k < half; k++) average += y[t + k];
    } else for (let k = -half; k <= half; k++) average += y[t + k];
    average /= m;
    sums[t % m] += multiplicative ? y[t] / average : y[t] - average;
    counts[t % m]++;
  }
  const figure = new Float64Array(m);
  let total = 0;
  for (let j = 0; j < m; j++) total += figure[j] = counts[j] > 0 ? sums[j] / counts[j] : multiplicative ? 1 : 0;
  for (let j = 0; j < m; j++) figure[j] = multiplicative ? figure[j] / (total / m) : figure[j] - total / m;
  return figure;
}
