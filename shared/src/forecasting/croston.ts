import { parseWith } from "../errors";
import { fitCrostonFamily } from "./fitIntermittent";
import { modelOptionsSchema, type ModelOptions } from "./schemas";
import { toSeries } from "./series";
import type { FittedModel } from "./types";

/**
 * Croston's method (Croston 1972, "Forecasting and stock control for
 * intermittent demands", Operational Research Quarterly 23(3): 289–303):
 * exponential smoothing of the non-zero demand sizes z (constant α) and of
 * the intervals between them p (constant β), updated only in periods with
 * demand; forecast z/p per period, flat over the horizon.
 * Conventions (those of R forecast's croston()): z starts at the first
 * non-zero demand, p at that demand's 1-based position; no forecast exists
 * before the first demand (fitted values are null up to and including it);
 * a series without demand forecasts 0. β defaults to α; α left out is
 * estimated by minimising the in-sample squared one-step error (11-point grid, then bounded Levenberg–Marquardt).
 *
 * @throws DomainError naming `history[t]` for text, NaN or a negative value; `history` when empty.
 * @example croston([0, 4, 0, 0, 2], { alpha: 0.5 }).forecast // [1.2]: z 4 → 3, p 2 → 2.5 (interval 3), 3 / 2.5
 */
export function croston(history: ArrayLike<unknown>, options: ModelOptions = {}): FittedModel {
  const opts = parseWith(modelOptionsSchema, options, "");
  return fitCrostonFamily("croston", toSeries(history, "history", { nonNegative: true }), opts);
}
