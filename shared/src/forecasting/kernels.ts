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
export function runTrend(y: Float64Array, n: number, alpha: number, beta: number, phi: number, level0: number, trend0: number, fitted: Float64Array | null, state: Float64Array): number {
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
export function runCroston(y: Float64Array, n: number, alpha: number, beta: number, correction: number, first: number, fitted: Float64Array | null, state: Float64Array): number {
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
 * Teunter, Syntetos & Babai (2011), "Intermittent demand: linking forecasting
 * to inventory obsolescence", EJOR 214(3): the demand probability is updated
 * every period, p ← p + β(1[y_t > 0] − p), the size only when demand occurs,
 * z ← z + α(y_t − z); forecast p·z. Start-up as the TIER.* contract states it
 * (tier-functions.md, revision 2): z₀ = the first non-zero demand and
 * p₀ = 1 / (its 1-based position), both set before the first period, then p
 * updated from the first period on, leading zeros included. The fitted value
 * of period t is p·z after period t − 1; the contract shows none before the
 * first demand, so they and the SSE start at its period. state ← [z, p, forecast].
 */
export function runTsb(y: Float64Array, n: number, alpha: number, beta: number, first: number, fitted: Float64Array | null, state: Float64Array): number {
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
  for (let t = 0; t < n; t++) {
    const v = y[t];
    if (t >= first) {
      const f = probability * size;
      const e = v - f;
      sse += e * e;
      if (fitted) fitted[t] = f;
    }
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

/**
 * {@link runTrend} with its Gauss–Newton pieces for (α, β*, φ), for
 * minimizeLeastSquares: returns the SSE and writes JᵀJ (packed upper
 * triangle) and Jᵀe into `out`, J_tp = ∂e_t/∂p = −∂ŷ_t/∂p. With
 * ℓ_t = ŷ_t + α e_t and b_t = φ b_{t−1} + αβ* e_t (the error-correction form
 * of the same recursion, FPP3 §8.5), the state derivatives follow by the chain
 * rule, e.g. ∂ℓ_t/∂α = (1 − α) ∂ŷ_t/∂α + e_t; they start at 0 since ℓ₀ and
 * b₀ do not depend on the smoothing constants.
 */
export function trendJacobian(y: Float64Array, n: number, alpha: number, beta: number, phi: number, level0: number, trend0: number, out: Float64Array): number {
  let level = level0;
  let trend = trend0;
  let sse = 0;
  let la = 0,
    lb = 0,
    lp = 0,
    ba = 0,
    bb = 0,
    bp = 0;
  let a00 = 0,
    a01 = 0,
    a02 = 0,
    a11 = 0,
    a12 = 0,
    a22 = 0,
    g0 = 0,
    g1 = 0,
    g2 = 0;
  const keep = 1 - alpha;
  const gain = alpha * beta;
  for (let t = 0; t < n; t++) {
    const damped = phi * trend;
    const f = level + damped;
    const e = y[t] - f;
    sse += e * e;
    const fa = la + phi * ba;
    const fb = lb + phi * bb;
    const fp = lp + phi * bp + trend;
    a00 += fa * fa;
    a01 += fa * fb;
    a02 += fa * fp;
    a11 += fb * fb;
    a12 += fb * fp;
    a22 += fp * fp;
    g0 -= fa * e;
    g1 -= fb * e;
    g2 -= fp * e;
    // ∂b_t/∂p = ∂(φ b_{t−1})/∂p − αβ* ∂ŷ_t/∂p + e_t ∂(αβ*)/∂p, and ∂(φ b_{t−1})/∂p = ∂ŷ_t/∂p − ∂ℓ_{t−1}/∂p.
    ba = fa - la - gain * fa + beta * e;
    bb = fb - lb - gain * fb + alpha * e;
    bp = fp - lp - gain * fp;
    la = keep * fa + e;
    lb = keep * fb;
    lp = keep * fp;
    level = f + alpha * e;
    trend = damped + gain * e;
  }
  out[0] = a00;
  out[1] = a01;
  out[2] = a02;
  out[3] = a11;
  out[4] = a12;
  out[5] = a22;
  out[6] = g0;
  out[7] = g1;
  out[8] = g2;
  return sse;
}

/** {@link trendJacobian} for SES (β* = 0, b = 0): one parameter, α, in out[0] (JᵀJ) and out[6] (Jᵀe). */
export function levelJacobian(y: Float64Array, n: number, alpha: number, level0: number, out: Float64Array): number {
  let level = level0;
  let sse = 0;
  let la = 0;
  let a00 = 0;
  let g0 = 0;
  const keep = 1 - alpha;
  for (let t = 0; t < n; t++) {
    const e = y[t] - level;
    sse += e * e;
    a00 += la * la;
    g0 -= la * e;
    la = keep * la + e;
    level += alpha * e;
  }
  out[0] = a00;
  out[6] = g0;
  return sse;
}

/**
 * {@link runCroston} with its Gauss–Newton pieces for (α, β), written as in
 * {@link trendJacobian}: out[0], out[1], out[3] = JᵀJ, out[6], out[7] = Jᵀe.
 * ŷ = c(β) z / p; ∂z/∂α and ∂p/∂β follow their own smoothing,
 * e.g. ∂z/∂α ← (1 − α) ∂z/∂α + (y_t − z), and dc/dβ is 0 (Croston), −½ (SBA)
 * or −2/(2 − β)² (SBJ). With `tied` (β = α) the one column is ∂ŷ/∂α + ∂ŷ/∂β, in out[0] and out[6].
 */
export function crostonJacobian(y: Float64Array, n: number, alpha: number, beta: number, correction: number, correctionSlope: number, first: number, tied: boolean, out: Float64Array): number {
  out.fill(0);
  if (first < 0 || first >= n) return 0;
  let size = y[first];
  let interval = first + 1;
  let last = first;
  let sizeA = 0;
  let intervalB = 0;
  let f = (correction * size) / interval;
  let fa = 0;
  let fb = (correctionSlope * size) / interval;
  let sse = 0,
    a00 = 0,
    a01 = 0,
    a11 = 0,
    g0 = 0,
    g1 = 0;
  for (let t = first + 1; t < n; t++) {
    const v = y[t];
    const e = v - f;
    sse += e * e;
    if (tied) {
      const j = fa + fb;
      a00 += j * j;
      g0 -= j * e;
    } else {
      a00 += fa * fa;
      a01 += fa * fb;
      a11 += fb * fb;
      g0 -= fa * e;
      g1 -= fb * e;
    }
    if (v > 0) {
      sizeA = (1 - alpha) * sizeA + (v - size);
      size += alpha * (v - size);
      const q = t - last;
      intervalB = (1 - beta) * intervalB + (q - interval);
      interval += beta * (q - interval);
      last = t;
      f = (correction * size) / interval;
      fa = (correction * sizeA) / interval;
      fb = (correctionSlope * size) / interval - (correction * size * intervalB) / (interval * interval);
    }
  }
  out[0] = a00;
  out[1] = a01;
  out[3] = a11;
  out[6] = g0;
  out[7] = g1;
  return sse;
}

/**
 * {@link runTsb} with its Gauss–Newton pieces for (α, β): ŷ = p z,
 * ∂ŷ/∂α = p ∂z/∂α, ∂ŷ/∂β = z ∂p/∂β, with
 * ∂p/∂β ← (1 − β) ∂p/∂β + (1[y_t > 0] − p) every period from the first (p₀ and
 * z₀ do not depend on α or β) and ∂z/∂α ← (1 − α) ∂z/∂α + (y_t − z) in periods
 * with demand; terms summed over the periods {@link runTsb} sums its SSE over.
 */
export function tsbJacobian(y: Float64Array, n: number, alpha: number, beta: number, first: number, out: Float64Array): number {
  out.fill(0);
  if (first < 0 || first >= n) return 0;
  let size = y[first];
  let probability = 1 / (first + 1);
  let sizeA = 0;
  let probabilityB = 0;
  let sse = 0,
    a00 = 0,
    a01 = 0,
    a11 = 0,
    g0 = 0,
    g1 = 0;
  for (let t = 0; t < n; t++) {
    const v = y[t];
    if (t >= first) {
      const f = probability * size;
      const e = v - f;
      sse += e * e;
      const fa = probability * sizeA;
      const fb = probabilityB * size;
      a00 += fa * fa;
      a01 += fa * fb;
      a11 += fb * fb;
      g0 -= fa * e;
      g1 -= fb * e;
    }
    if (v > 0) {
      probabilityB = (1 - beta) * probabilityB + (1 - probability);
      probability += beta * (1 - probability);
      sizeA = (1 - alpha) * sizeA + (v - size);
      size += alpha * (v - size);
    } else {
      probabilityB = (1 - beta) * probabilityB - probability;
      probability -= beta * probability;
    }
  }
  out[0] = a00;
  out[1] = a01;
  out[3] = a11;
  out[6] = g0;
  out[7] = g1;
  return sse;
}

/**
 * The SSE of {@link runTrend} for four parameter sets at once, (α, β*, φ) in
 * `points` [α₀, β₀, φ₀, α₁, …]: four independent recursions interleaved in
 * one pass run about three times faster than one after another (the
 * processor overlaps their dependency chains), which is what a start grid needs.
 */
export function runTrend4(y: Float64Array, n: number, points: Float64Array, level0: number, trend0: number, out: Float64Array): void {
  const a0 = points[0],
    b0 = points[0] * points[1],
    p0 = points[2];
  const a1 = points[3],
    b1 = points[3] * points[4],
    p1 = points[5];
  const a2 = points[6],
    b2 = points[6] * points[7],
    p2 = points[8];
  const a3 = points[9],
    b3 = points[9] * points[10],
    p3 = points[11];
  let l0 = level0,
    l1 = level0,
    l2 = level0,
    l3 = level0;
  let t0 = trend0,
    t1 = trend0,
    t2 = trend0,
    t3 = trend0;
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  for (let t = 0; t < n; t++) {
    const v = y[t];
    let d = p0 * t0,
      f = l0 + d,
      e = v - f;
    s0 += e * e;
    l0 = f + a0 * e;
    t0 = d + b0 * e;
    d = p1 * t1;
    f = l1 + d;
    e = v - f;
    s1 += e * e;
    l1 = f + a1 * e;
    t1 = d + b1 * e;
    d = p2 * t2;
    f = l2 + d;
    e = v - f;
    s2 += e * e;
    l2 = f + a2 * e;
    t2 = d + b2 * e;
    d = p3 * t3;
    f = l3 + d;
    e = v - f;
    s3 += e * e;
    l3 = f + a3 * e;
    t3 = d + b3 * e;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}
