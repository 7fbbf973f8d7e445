import { parseWith } from "../errors";
import { fitCrostonFamily } from "./fitIntermittent";
import { modelOptionsSchema, type ModelOptions } from "./schemas";
import { toSeries } from "./series";
import type { FittedModel } from "./types";

/**
 * The Syntetos–Boylan approximation (Syntetos & Boylan 2005, "The accuracy
 * of intermittent demand estimates", International Journal of Forecasting
 * 21(2): 303–314): Croston's z/p times (1 − β/2), β the interval smoothing
 * constant, which removes most of Croston's positive bias (Syntetos & Boylan
 * 2001). Same conventions and estimation as {@link croston}.
 *
 * @throws DomainError as {@link croston}.
 * @example sba([0, 4, 0, 0, 2], { alpha: 0.5 }).forecast // [0.9]: Croston's 1.2 × (1 − 0.5/2)
 */
export function sba(history: ArrayLike<unknown>, options: ModelOptions = {}): FittedModel {
  const opts = parseWith(modelOptionsSchema, options, "");
  return fitCrostonFamily("sba", toSeries(history, "history", { nonNegative: true }), opts);
}
