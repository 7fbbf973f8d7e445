/**
 * The recursions of every model on a validated Float64Array, shared by the
 * public model functions, the parameter search and the batch selection.
 * Each returns the sum of squared one-step errors over the first `n`
 * observations, writes the one-step fitted values into `fitted` when given
 * (NaN where none exists) and leaves the final states in `state`, from which
 * the forecast functions below extrapolate. Nothing here allocates: the
 * parameter search calls these thousands of times per series.
 */

/**
 * Holt's linear method with a damped trend in component form (Gardner &
 * McKenzie 1985; Hyndman & Athanasopoulos, FPP3 §8.2):
 *   ŷ_t = ℓ_{t−1} + φ b_{t−1}
 *   ℓ_t = α y_t + (1 − α)(ℓ_{t−1} + φ b_{t−1})
 *   b_t = β*(ℓ_t − ℓ_{t−1}) + (1 − β*) φ b_{t−1}
 * SES is β* = 0, b₀ = 0; Holt is φ = 1. state ← [ℓ_n, b_n].
 */
export function runTrend(
  y: Float64Array,
  n: number,
  alpha: number,
  beta: number,
  phi: number,
  level0: number,
  trend0: number,
  fitted: Float64Array | null,
  state: Float64Array,
): number {
  if (beta === 0 && trend0 === 0) return runLevel(y, n, alpha, level0, fitted, state);
  let level = level0;
  let trend = trend0;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const damped = phi * trend;
    const f = level + damped;
    const e = y[t] - f;
    sse += e * e;
    if (fitted) fitted[t] = f;
    const next = f + alpha * e;
    trend = damped + beta * (next - level - damped);
    level = next;
  }
  state[0] = level;
  state[1] = trend;
  return sse;
}

/** SES alone: the trend recursion without its (zero) trend, half the dependent operations per period. */
function runLevel(y: Float64Array, n: number, alpha: number, level0: number, fitted: Float64Array | null, state: Float64Array): number {
  let level = level0;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const e = y[t] - level;
    sse += e * e;
    if (fitted) fitted[t] = level;
    level += alpha * e;
  }
  state[0] = level;
  state[1] = 0;
  return sse;
}

/** ŷ_{n+h|n} = ℓ_n + (φ + φ² + … + φʰ) b_n. */
export function trendForecast(state: Float64Array, phi: number, horizon: number, out: Float64Array): void {
  let sum = 0;
  let power = 1;
  for (let h = 0; h < horizon; h++) {
    power *= phi;
    sum += power;
    out[h] = state[0] + sum * state[1];
  }
}

/**
 * Additive Holt-Winters in component form (Holt 1957, Winters 1960;
 * Hyndman & Athanasopoulos, FPP3 §8.3, the additive method's equations):
 *   ŷ_t = ℓ_{t−1} + b_{t−1} + s_{t−m}
 *   ℓ_t = α(y_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + b_{t−1})
 *   b_t = β*(ℓ_t − ℓ_{t−1}) + (1 − β*) b_{t−1}
 *   s_t = γ(y_t − ℓ_{t−1} − b_{t−1}) + (1 − γ) s_{t−m}
 * `season` holds s for the periods t mod m; it starts as s₋ₘ₊₁…s₀ (so index
 * j is the seasonal of period j) and is updated in place.
 * state ← [ℓ_n, b_n].
 */
export function runHoltWinters(
  y: Float64Array,
  n: number,
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  level0: number,
  trend0: number,
  season: Float64Array,
  fitted: Float64Array | null,
  state: Float64Array,
): number {
  let level = level0;
  let trend = trend0;
  let sse = 0;
  let j = 0;
  for (let t = 0; t < n; t++) {
    const s = season[j];
    const base = level + trend;
    const f = base + s;
    const e = y[t] - f;
    sse += e * e;
    if (fitted) fitted[t] = f;
    const next = base + alpha * e;
    trend += beta * (next - level - trend);
    // γ(y_t − ℓ_{t−1} − b_{t−1}) + (1 − γ)s_{t−m} = s_{t−m} + γ e_t, since y_t − ℓ_{t−1} − b_{t−1} = e_t + s_{t−m}.
    season[j] = s + gamma * e;
    level = next;
    if (++j === m) j = 0;
  }
  state[0] = level;
  state[1] = trend;
  return sse;
}

/** ŷ_{n+h|n} = ℓ_n + h b_n + s_{n+h−m(k+1)}: the latest seasonal of the same phase. */
export function holtWintersForecast(state: Float64Array, season: Float64Array, n: number, m: number, horizon: number, out: Float64Array): void {
  for (let h = 1; h <= horizon; h++) out[h - 1] = state[0] + h * state[1] + season[(n + h - 1) % m];
}

/** The first period with demand, or −1. */
export function firstDemand(y: Float64Array, n: number): number {
  for (let t = 0; t < n; t++) if (y[t] > 0) return t;
  return -1;
}

/**
 * Croston (1972) with a bias correction factor c (1 for Croston; 1 − β/2 for
 * SBA; 1 − β/(2 − β) for SBJ): after each demand the size estimate
 * z ← z + α(y_t − z) and the interval p ← p + β(q − p), q the periods since
 * the last demand; the forecast c·z/p holds until the next demand. z starts
 * at the first non-zero demand and p at its 1-based position. Fitted values
 * exist from the period after the first demand. state ← [z, p, forecast].
 */
export function runCroston(
  y: Float64Array,
  n: number,
  alpha: number,
  beta: number,
  correction: number,
  first: number,
  fitted: Float64Array | null,
  state: Float64Array,
): number {
  if (fitted) fitted.fill(Number.NaN, 0, n);
  if (first < 0 || first >= n) {
    state[0] = 0;
    state[1] = 0;
    state[2] = 0;
    return 0;
  }
  let size = y[first];
  let interval = first + 1;
  let last = first;
  let f = (correction * size) / interval;
  let sse = 0;
  for (let t = first + 1; t < n; t++) {
    const v = y[t];
    const e = v - f;
    sse += e * e;
    if (fitted) fitted[t] = f;
    if (v > 0) {
      size += alpha * (v - size);
      interval += beta * (t - last - interval);
      last = t;
      f = (correction * size) / interval;
    }
  }
  state[0] = size;
  state[1] = interval;
  state[2] = f;
  return sse;
}

/**
 * Teunter, Syntetos & Babai (2011): the demand probability is updated every
 * period, p ← p + β(1[y_t > 0] − p), the size only when demand occurs,
 * z ← z + α(y_t − z); forecast p·z. p starts at 1 / (1-based position of the
 * first demand) and z at that demand. state ← [z, p, forecast].
 */
export function runTsb(
  y: Float64Array,
  n: number,
  alpha: number,
  beta: number,
  first: number,
  fitted: Float64Array | null,
  state: Float64Array,
): number {
  if (fitted) fitted.fill(Number.NaN, 0, n);
  if (first < 0 || first >= n) {
    state[0] = 0;
    state[1] = 0;
    state[2] = 0;
    return 0;
  }
  let size = y[first];
  let probability = 1 / (first + 1);
  let sse = 0;
  for (let t = first + 1; t < n; t++) {
    const v = y[t];
    const f = probability * size;
    const e = v - f;
    sse += e * e;
    if (fitted) fitted[t] = f;
    if (v > 0) {
      probability += beta * (1 - probability);
      size += alpha * (v - size);
    } else {
      probability -= beta * probability;
    }
  }
  state[0] = size;
  state[1] = probability;
  state[2] = probability * size;
  return sse;
}

/** Moving average of the last k periods: ŷ_t = (y_{t−k} + … + y_{t−1}) / k from t = k on. SSE from period `from` (≥ k). */
export function runMovingAverage(y: Float64Array, n: number, k: number, from: number, fitted: Float64Array | null): number {
  if (fitted) fitted.fill(Number.NaN, 0, n);
  let sum = 0;
  for (let t = 0; t < k && t < n; t++) sum += y[t];
  let sse = 0;
  for (let t = k; t < n; t++) {
    const f = sum / k;
    if (fitted) fitted[t] = f;
    if (t >= from) {
      const e = y[t] - f;
      sse += e * e;
    }
    sum += y[t] - y[t - k];
  }
  return sse;
}

/** Seasonal naive: ŷ_t = y_{t−m} from t = m on (FPP3 §5.2). */
export function runSeasonalNaive(y: Float64Array, n: number, m: number, fitted: Float64Array | null): number {
  if (fitted) fitted.fill(Number.NaN, 0, n);
  let sse = 0;
  for (let t = m; t < n; t++) {
    const f = y[t - m];
    if (fitted) fitted[t] = f;
    const e = y[t] - f;
    sse += e * e;
  }
  return sse;
}
