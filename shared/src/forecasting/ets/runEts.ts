/**
 * The state-space recursion of every ETS model with a linear or damped trend
 * (Hyndman, Koehler, Ord & Snyder 2008, Forecasting with Exponential
 * Smoothing, Tables 2.2 and 2.3), in error-correction form with
 * e_t = y_t − μ_t the one-step error and p = ℓ_{t−1} + φ b_{t−1}:
 *   season N: μ = p,          ℓ = p + α e,        b = φb + β e
 *   season A: μ = p + s_{t−m}, ℓ = p + α e,        b = φb + β e,        s_t = s_{t−m} + γ e
 *   season M: μ = p · s_{t−m}, ℓ = p + α e / s,    b = φb + β e / s,    s_t = s_{t−m} + γ e / p
 * With multiplicative errors (ε_t = e_t / μ_t) the same updates hold: the
 * tables' (1 + αε) forms reduce to these, so the error type changes only the
 * likelihood (and the prediction intervals), as in R's ets() C code.
 * No trend: b ≡ 0; undamped: φ = 1.
 *
 * `season` holds s for the positions t mod m, starting as the states before
 * the first observation, and is updated in place; `state` ← [ℓ_n, b_n].
 * Returns −2 log-likelihood up to constants, as R's ets() (`lik`):
 * n log Σe² for additive errors, n log Σε² + 2 Σ log|μ_t| for multiplicative
 * ones (Hyndman et al. 2008 §5.2); +∞ when a multiplicative model's μ_t or
 * p is not positive or the errors overflow. `fitted` (when given) ← μ_t.
 */
export function runEts(
  y: Float64Array,
  n: number,
  multiplicativeError: boolean,
  seasonKind: 0 | 1 | 2,
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  level0: number,
  trend0: number,
  season: Float64Array,
  fitted: Float64Array | null,
  state: Float64Array,
): number {
  let level = level0;
  let trend = trend0;
  let sum = 0;
  let logs = 0;
  for (let t = 0; t < n; t++) {
    const damped = phi * trend;
    const p = level + damped;
    const j = seasonKind === 0 ? 0 : t % m;
    const s = seasonKind === 0 ? 0 : season[j];
    const mu = seasonKind === 2 ? p * s : p + s;
    if (fitted) fitted[t] = mu;
    const e = y[t] - mu;
    if (multiplicativeError) {
      if (!(mu > 0)) return Infinity;
      const eps = e / mu;
      sum += eps * eps;
      logs += Math.log(mu);
    } else sum += e * e;
    if (seasonKind === 2) {
      if (!(p > 0) || !(s > 0)) return Infinity;
      level = p + (alpha * e) / s;
      trend = damped + (beta * e) / s;
      season[j] = s + (gamma * e) / p;
    } else {
      level = p + alpha * e;
      trend = damped + beta * e;
      if (seasonKind === 1) season[j] = s + gamma * e;
    }
  }
  state[0] = level;
  state[1] = trend;
  if (!Number.isFinite(sum)) return Infinity;
  // A perfect fit: −2 log L is unbounded below; ets() caps its objective at −1e10.
  const lik = n * Math.log(sum) + 2 * logs;
  return Number.isFinite(lik) ? lik : sum === 0 ? -1e10 : Infinity;
}

/**
 * Point forecasts from the final states (Hyndman et al. 2008, Table 2.2):
 * ŷ_{n+h|n} = ℓ_n + φ_h b_n (+ or ×) s_{n+h−m(k+1)}, φ_h = φ + … + φʰ.
 */
export function etsForecast(state: Float64Array, season: Float64Array, seasonKind: 0 | 1 | 2, n: number, m: number, phi: number, horizon: number, out: Float64Array): void {
  let sum = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    power *= phi;
    sum += power;
    const p = state[0] + sum * state[1];
    const s = seasonKind === 0 ? 0 : season[(n + h - 1) % m];
    out[h - 1] = seasonKind === 2 ? p * s : p + s;
  }
}
