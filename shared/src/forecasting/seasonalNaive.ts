import { DomainError, parseWith } from "../errors";
import { toFittedModel } from "./fittedModel";
import { runSeasonalNaive } from "./kernels";
import { modelOptionsSchema, type ModelOptions, type ResolvedModelOptions } from "./schemas";
import { toSeries } from "./series";
import type { FittedModel } from "./types";
import { mustBe } from "../validation";

/**
 * Seasonal naive (FPP3 §5.2): each forecast is the last observed value of
 * the same season, ŷ_{n+h|n} = y_{n+h−m(k+1)}, k = ⌊(h − 1)/m⌋; fitted
 * values ŷ_t = y_{t−m} from period m on. No parameters to estimate.
 *
 * @throws DomainError naming `seasonLength` when missing or longer than the history.
 * @example seasonalNaive([1, 2, 3, 4, 5, 6], { seasonLength: 4, horizon: 5 }).forecast // [3, 4, 5, 6, 3]
 */
export function seasonalNaive(history: ArrayLike<unknown>, options: ModelOptions = {}): FittedModel {
  const opts = parseWith(modelOptionsSchema, options, "");
  return fitSeasonalNaive(toSeries(history, "history"), opts);
}

/** {@link seasonalNaive} on a validated series. */
export function fitSeasonalNaive(y: Float64Array, opts: ResolvedModelOptions): FittedModel {
  const m = opts.seasonLength;
  const n = y.length;
  if (m === undefined) throw new DomainError("seasonLength", "required for the seasonal naive method (periods per season)", "missing");
  if (m > n) throw new DomainError("seasonLength", `${mustBe.atMost(n)} (the periods of history), got ${m}`, "out_of_range");
  const fitted = new Float64Array(n);
  const sse = runSeasonalNaive(y, n, m, fitted);
  const forecast = new Float64Array(opts.horizon);
  for (let h = 1; h <= opts.horizon; h++) forecast[h - 1] = y[n - m + ((h - 1) % m)];
  return toFittedModel("snaive", fitted, forecast, { seasonLength: m }, [], sse);
}
