import { assertUnreachable, parseWith } from "../errors";
import { fitCrostonFamily, fitTsbModel } from "./fitIntermittent";
import { fitTrendModel } from "./fitTrendModel";
import { fitHoltWinters } from "./holtWinters";
import { fitMovingAverage } from "./movingAverage";
import { modelOptionsSchema, type ModelOptions, type ResolvedModelOptions } from "./schemas";
import { fitSeasonalNaive } from "./seasonalNaive";
import { toSeries } from "./series";
import { modelMethodSchema, type FittedModel, type ModelMethod, type ModelParameters } from "./types";

/** Methods that model demand sizes and refuse negative values. */
export const INTERMITTENT_METHODS: ReadonlySet<ModelMethod> = new Set(["croston", "sba", "sbj", "tsb"]);

/**
 * Fit one named model (see each model's function for its formula, source
 * and conventions): the common entry of TIER.FORECAST and TIER.FITTED.
 *
 * @throws DomainError naming `method` for an unknown name, and whatever the model throws.
 * @example fitForecastModel([10, 12, 11], "ses", { alpha: 0.5 }).forecast // [11]
 */
export function fitForecastModel(history: ArrayLike<unknown>, method: ModelMethod, options: ModelOptions = {}): FittedModel {
  const name = parseWith(modelMethodSchema, method, "method");
  const opts = parseWith(modelOptionsSchema, options, "");
  const y = toSeries(history, "history", { nonNegative: INTERMITTENT_METHODS.has(name) });
  return fitSeries(y, name, opts);
}

/**
 * {@link fitForecastModel} on a validated series with resolved options;
 * `start` warm-starts the parameter search (automatic selection passes the
 * estimates from the training window when it refits the winner).
 */
export function fitSeries(y: Float64Array, method: ModelMethod, opts: ResolvedModelOptions, start?: ModelParameters): FittedModel {
  switch (method) {
    case "ses":
    case "holt":
    case "damped":
      return fitTrendModel(method, y, opts, start);
    case "hw":
      return fitHoltWinters(y, opts, start);
    case "croston":
    case "sba":
    case "sbj":
      return fitCrostonFamily(method, y, opts, start);
    case "tsb":
      return fitTsbModel(y, opts, start);
    case "ma":
      return fitMovingAverage(y, opts);
    case "snaive":
      return fitSeasonalNaive(y, opts);
    default:
      return assertUnreachable(method);
  }
}
