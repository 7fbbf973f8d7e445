import { DomainError } from "../errors";
import { linearEtsVariance } from "./ets/etsForecastVariance";
import type { EtsFit } from "./ets/fitEts";
import { INTERMITTENT_METHODS } from "./fitForecastModel";
import type { FittedModel } from "./types";

/** Standard normal quantiles for the two-sided 80 % and 95 % intervals (z_{0.90}, z_{0.975}). */
export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

/**
 * How a method's intervals are made:
 * - "analytic": SES, Holt, damped trend, additive Holt-Winters and additive-error ETS fits. Their point forecasts are
 *   those of the linear state-space models ETS(A,N,N), (A,A,N), (A,Ad,N), (A,A,A) (Hyndman, Koehler, Ord & Snyder
 *   2008, Forecasting with Exponential Smoothing, §2.3; classical β* maps to β = αβ*, γ and α carry over), so the
 *   class-1 variance of their §6.1, Table 6.1 applies: v_h = σ²[1 + Σ_{j<h} c_j²], intervals ŷ ± z √v_h.
 * - "approximate": a multiplicative-error ETS fit. Its exact (class 2/3) variance is not implemented; the class-1
 *   formula is used with the fit's own constants and σ² the absolute one-step residuals' mean square, i.e. the
 *   errors treated as additive. It misstates the spread where the level has moved far from its in-sample average.
 * - "empirical": moving average and seasonal naive. The h-step sd is the root mean square of the in-sample h-step
 *   errors (each past origin's forecast h periods ahead against what happened), which these methods allow since their
 *   forecasts from any origin are known in closed form (flat, or last season's value); intervals ŷ ± z·sd.
 * - "empirical-quantile": Croston, SBA, SBJ and TSB. Intermittent demand is far from normal (most periods are 0), so
 *   the interval is ŷ plus the empirical 10/90 % and 2.5/97.5 % quantiles of the same in-sample h-step errors: the
 *   residual-distribution intervals of Hyndman & Athanasopoulos, FPP3 §5.5 ("Prediction intervals from bootstrapped
 *   residuals", taken here as quantiles of the observed errors rather than resamples), which Trapero, Cardós &
 *   Kourentzes (2019, "Empirical safety stock estimation based on kernel and GARCH models", Omega 84: 199–211) find
 *   better calibrated than the normal for safety stock when errors are skewed. Quantiles: type 7 (Hyndman & Fan 1996).
 * The empirical sd is made non-decreasing in h (a running maximum): for the local-level demand these flat forecasts
 * assume the error variance grows with h (FPP3 §5.5, Table 5.2), and a dip is sampling noise of fewer, overlapping
 * errors at longer horizons. Where fewer than MIN_ERRORS h-step errors exist the last horizon that had them stands.
 * Every bound is clipped at 0 (demand).
 */
export type IntervalBasis = "analytic" | "approximate" | "empirical" | "empirical-quantile";

export interface PredictionIntervals {
  basis: IntervalBasis;
  /** forecast-error standard deviation for h = 1 … H */
  sd: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
}

/** The fewest h-step errors an empirical sd or quantile is read from. */
export const MIN_ERRORS = 8;

/**
 * Prediction intervals for a fitted forecast, per horizon step (see {@link IntervalBasis} for which method gets which).
 * `forecast` defaults to the model's own (a "combined" selection's model carries the median forecast and takes its
 * hold-out member's spread); pass `ets` (the selection's `ets.best`) for an "aicc" selection: its FittedModel holds
 * β in the ETS form, not Holt's β*, so only the fit itself reads right.
 *
 * @throws DomainError naming `model` when the fit has too few in-sample errors to measure a spread.
 */
export function predictionIntervals(history: ArrayLike<number>, model: FittedModel, options: { forecast?: readonly number[]; ets?: EtsFit } = {}): PredictionIntervals {
  const forecast = options.forecast ?? model.forecast;
  const horizon = forecast.length;
  const y = Array.from(history);
  if (options.ets) return normal(options.ets.spec.error === "A" && options.ets.spec.season !== "M" ? "analytic" : "approximate", forecast, etsSd(options.ets, y, horizon));
  const p = model.parameters;
  switch (model.method) {
    case "ses":
    case "holt":
    case "damped":
    case "hw": {
      const alpha = p.alpha ?? 0;
      // σ² = SSE / (T − K), K the constants estimated (FPP3 §5.5, residual sd); the heuristic initial states are not estimated.
      const dof = model.fittedPeriods - model.estimated.length;
      if (model.fittedPeriods < 2 || dof < 1) throw new DomainError("model", `${model.method} has ${model.fittedPeriods} fitted periods, too few to measure its error`, "out_of_range");
      const v = linearEtsVariance({ alpha, beta: alpha * (p.beta ?? 0), gamma: model.method === "hw" ? (p.gamma ?? 0) : 0, phi: p.phi ?? 1, seasonLength: p.seasonLength ?? 1 }, model.sse / dof, horizon);
      return normal("analytic", forecast, v.map(Math.sqrt));
    }
    default: {
      const errors = hStepErrors(y, model, horizon);
      if (errors[0].length < 2) throw new DomainError("model", `${model.method} has ${errors[0].length} in-sample errors, too few to measure its spread`, "out_of_range");
      const sd = runningMax(usable(errors).map(rootMeanSquare));
      if (!INTERMITTENT_METHODS.has(model.method)) return normal("empirical", forecast, sd);
      const sorted = usable(errors).map((e) => [...e].sort((a, b) => a - b));
      const at = (q: number) => sorted.map((e, h) => Math.max(0, forecast[h] + quantile(e, q)));
      return { basis: "empirical-quantile", sd, lower80: at(0.1), upper80: at(0.9), lower95: at(0.025), upper95: at(0.975) };
    }
  }
}

function normal(basis: IntervalBasis, forecast: readonly number[], sd: number[]): PredictionIntervals {
  const band = (z: number, sign: number) => forecast.map((f, h) => Math.max(0, f + sign * z * sd[h]));
  return { basis, sd, lower80: band(Z80, -1), upper80: band(Z80, 1), lower95: band(Z95, -1), upper95: band(Z95, 1) };
}

function etsSd(fit: EtsFit, y: readonly number[], horizon: number): number[] {
  const constants = { alpha: fit.alpha, beta: fit.beta, gamma: fit.spec.season !== "N" ? fit.gamma : 0, phi: fit.phi, seasonLength: fit.seasonLength };
  let sigma2 = fit.sigma2;
  if (fit.spec.error === "M") {
    let squares = 0;
    for (let t = 0; t < y.length; t++) squares += (y[t] - fit.fitted[t]) ** 2;
    sigma2 = squares / Math.max(1, y.length - (fit.parameterCount - 1));
  }
  return linearEtsVariance(constants, sigma2, horizon).map(Math.sqrt);
}

/**
 * errors[h − 1]: the in-sample errors y_τ − ŷ_{τ|τ−h}. Flat methods (moving average, the Croston family, TSB)
 * forecast every horizon with the fitted value of the period after the origin, ŷ_{τ|τ−h} = ŷ_{τ−h+1}; seasonal
 * naive with y_{τ−m(k+1)}, k = ⌊(h − 1)/m⌋ (FPP3 §5.2).
 */
function hStepErrors(y: readonly number[], model: FittedModel, horizon: number): number[][] {
  const out: number[][] = [];
  const m = model.parameters.seasonLength ?? 1;
  for (let h = 1; h <= horizon; h++) {
    const e: number[] = [];
    for (let tau = h - 1; tau < y.length; tau++) {
      let f: number | null | undefined;
      if (model.method === "snaive") {
        const back = tau - m * (Math.floor((h - 1) / m) + 1);
        f = back >= 0 ? y[back] : null;
      } else f = model.fitted[tau - h + 1];
      if (f !== null && f !== undefined) e.push(y[tau] - f);
    }
    out.push(e);
  }
  return out;
}

/** Each horizon's errors, or the last horizon's with at least MIN_ERRORS (the first horizon's when none has). */
function usable(errors: number[][]): number[][] {
  let last = errors[0];
  return errors.map((e) => (e.length >= MIN_ERRORS || e === errors[0] ? (last = e) : last));
}

function rootMeanSquare(e: readonly number[]): number {
  let s = 0;
  for (const v of e) s += v * v;
  return Math.sqrt(s / e.length);
}

function runningMax(values: number[]): number[] {
  let top = 0;
  return values.map((v) => (top = Math.max(top, v)));
}

/** Type-7 sample quantile of sorted values (Hyndman & Fan 1996, "Sample quantiles in statistical packages", Am. Stat. 50(4): 361–365; R's default). */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/**
 * The sd of the forecast error of demand summed over a lead time of `lead` whole periods, from the per-step sds.
 * The steps' errors are correlated, so this is not √Σ sd_h². In the innovations form of Hyndman et al. 2008 (§6.1),
 * e_{n+h|n} = ε_{n+h} + Σ_{j<h} c_j ε_{n+h−j}, so v_h − v_{h−1} = σ² c_{h−1}² gives each c_j back (c_j ≥ 0 for
 * non-negative smoothing constants), and the summed error Σ_{k=1}^{L} ε_{n+k} (1 + Σ_{j=1}^{L−k} c_j) has variance
 * σ² Σ_{k=1}^{L} (1 + C_{L−k})², C_i = c_1 + … + c_i: for SES σ² Σ_{i<L} (1 + iα)², the lead-time demand variance of
 * Snyder, Koehler & Ord (2002, "Forecasting for inventory control with exponential smoothing", IJF 18(1): 5–18).
 * Exact for the analytic methods; for the empirical ones it reads their sds as if they came from such a model.
 *
 * @throws DomainError naming `lead` when it is not a whole number from 1 to the horizon.
 */
export function leadTimeErrorSd(sd: readonly number[], lead: number): number {
  if (!Number.isInteger(lead) || lead < 1 || lead > sd.length) throw new DomainError("lead", `must be a whole number of periods from 1 to ${sd.length} (the horizon), got ${lead}`, "out_of_range");
  const v1 = sd[0] * sd[0];
  if (v1 === 0) return 0;
  const cumulative = [0];
  for (let j = 1; j < lead; j++) cumulative.push(cumulative[j - 1] + Math.sqrt(Math.max(0, sd[j] * sd[j] - sd[j - 1] * sd[j - 1]) / v1));
  let sum = 0;
  for (let k = 1; k <= lead; k++) sum += (1 + cumulative[lead - k]) ** 2;
  return Math.sqrt(v1 * sum);
}
