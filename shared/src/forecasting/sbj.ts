import { parseWith } from "../errors";
import { fitCrostonFamily } from "./fitIntermittent";
import { modelOptionsSchema, type ModelOptions } from "./schemas";
import { toSeries } from "./series";
import type { FittedModel } from "./types";

/**
 * The Shale–Boylan–Johnston correction (Shale, Boylan & Johnston 2006,
 * "Forecasting for intermittent demand: the estimation of an unbiased
 * average", JORS 57(5): 588–592): Croston's z/p times (1 − β/(2 − β)), the
 * exact bias correction when demand arrives as a Poisson process. Same
 * conventions and estimation as {@link croston}.
 *
 * @throws DomainError as {@link croston}.
 * @example sbj([0, 4, 0, 0, 2], { alpha: 0.5 }).forecast // [0.8]: Croston's 1.2 × (1 − 0.5/1.5)
 */
export function sbj(history: ArrayLike<unknown>, options: ModelOptions = {}): FittedModel {
  const opts = parseWith(modelOptionsSchema, options, "");
  return fitCrostonFamily("sbj", toSeries(history, "history", { nonNegative: true }), opts);
}
