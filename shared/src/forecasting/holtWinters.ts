import { DomainError, parseWith } from "../errors";
import { estimateParameters, type FreeParameter } from "./estimateParameters";
import { toFittedModel } from "./fittedModel";
import { holtWintersForecast, runHoltWinters } from "./kernels";
import { modelOptionsSchema, type ModelOptions, type ResolvedModelOptions } from "./schemas";
import { toSeries } from "./series";
import type { FittedModel, ModelParameters } from "./types";

/**
 * Additive Holt-Winters (Winters 1960; FPP3 §8.3, additive method):
 *   ŷ_{t+h|t} = ℓ_t + h b_t + s_{t+h−m(k+1)}
 *   ℓ_t = α(y_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + b_{t−1})
 *   b_t = β*(ℓ_t − ℓ_{t−1}) + (1 − β*) b_{t−1}
 *   s_t = γ(y_t − ℓ_{t−1} − b_{t−1}) + (1 − γ) s_{t−m}
 * Initial states from the first two full seasons (the "simple" start of
 * Hyndman et al. 2008, Forecasting with Exponential Smoothing, §2.6.1, and of
 * R forecast's `hw(initial = "simple")`): ℓ₀ = mean of season 1,
 * b₀ = (mean of season 2 − mean of season 1) / m, s_{j−m} = y_j − ℓ₀ for the
 * m periods j of season 1. They are the states before the first observation
 * and the recursion runs over every observation. α, β*, γ left out are
 * estimated jointly in [0, 1] by minimising the in-sample squared one-step
 * error (3-point lattice per parameter, then bounded Nelder–Mead).
 *
 * @throws DomainError naming `seasonLength` when it is missing or the history holds fewer than two full seasons; `history[t]` for a bad value.
 * @example holtWinters([1, 3, 1, 3, 1, 3], { seasonLength: 2, alpha: 0.5, beta: 0, gamma: 0.5, horizon: 2 }).forecast // [1, 3]
 */
export function holtWinters(history: ArrayLike<unknown>, options: ModelOptions = {}): FittedModel {
  const opts = parseWith(modelOptionsSchema, options, "");
  return fitHoltWinters(toSeries(history, "history"), opts);
}

/** {@link holtWinters} on a validated series. */
export function fitHoltWinters(y: Float64Array, opts: ResolvedModelOptions, start?: ModelParameters): FittedModel {
  const m = opts.seasonLength;
  const n = y.length;
  if (m === undefined) throw new DomainError("seasonLength", "required for Holt-Winters (periods per season, e.g. 12 for monthly data)", "missing");
  const initial = initialStates(y, m, opts);
  const season = new Float64Array(m);
  const state = new Float64Array(2);
  const free: FreeParameter[] = [];
  if (opts.alpha === undefined) free.push({ name: "alpha", lower: 0, upper: 1 });
  if (opts.beta === undefined) free.push({ name: "beta", lower: 0, upper: 1 });
  if (opts.gamma === undefined) free.push({ name: "gamma", lower: 0, upper: 1 });
  const { parameters, estimated } = estimateParameters(
    { alpha: opts.alpha, beta: opts.beta, gamma: opts.gamma },
    free,
    (p) => {
      season.set(initial.season);
      return runHoltWinters(y, n, m, p.alpha ?? 0, p.beta ?? 0, p.gamma ?? 0, initial.level, initial.trend, season, null, state);
    },
    start,
  );
  const alpha = parameters.alpha ?? 0;
  const beta = parameters.beta ?? 0;
  const gamma = parameters.gamma ?? 0;
  const fitted = new Float64Array(n);
  season.set(initial.season);
  const sse = runHoltWinters(y, n, m, alpha, beta, gamma, initial.level, initial.trend, season, fitted, state);
  const forecast = new Float64Array(opts.horizon);
  holtWintersForecast(state, season, n, m, opts.horizon, forecast);
  return toFittedModel("hw", fitted, forecast, { alpha, beta, gamma, seasonLength: m, initialLevel: initial.level, initialTrend: initial.trend, initialSeason: Array.from(initial.season) }, estimated, sse);
}

function initialStates(y: Float64Array, m: number, opts: ResolvedModelOptions): { level: number; trend: number; season: Float64Array } {
  const n = y.length;
  const allGiven = opts.initialLevel !== undefined && opts.initialTrend !== undefined && opts.initialSeason !== undefined;
  if (!allGiven && n < 2 * m) {
    throw new DomainError("seasonLength", `${m} needs at least two full seasons (${2 * m} periods) of history to start Holt-Winters, got ${n}`, "out_of_range");
  }
  if (opts.initialSeason !== undefined && opts.initialSeason.length !== m) {
    throw new DomainError("initialSeason", `expected ${m} seasonal states (one per period of the season), got ${opts.initialSeason.length}`);
  }
  let first = 0;
  let second = 0;
  if (!allGiven) {
    for (let j = 0; j < m; j++) {
      first += y[j];
      second += y[m + j];
    }
    first /= m;
    second /= m;
  }
  const level = opts.initialLevel ?? first;
  const trend = opts.initialTrend ?? (second - first) / m;
  const season = new Float64Array(m);
  for (let j = 0; j < m; j++) season[j] = opts.initialSeason ? opts.initialSeason[j] : y[j] - level;
  return { level, trend, season };
}
