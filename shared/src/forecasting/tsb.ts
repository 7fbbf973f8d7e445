import { parseWith } from "../errors";
import { fitTsbModel } from "./fitIntermittent";
import { modelOptionsSchema, type ModelOptions } from "./schemas";
import { toSeries } from "./series";
import type { FittedModel } from "./types";

/**
 * The Teunter–Syntetos–Babai method (Teunter, Syntetos & Babai 2011,
 * "Intermittent demand: linking forecasting to inventory obsolescence",
 * EJOR 214(3): 606–615): the demand probability p is smoothed every period,
 * p ← p + β(1[y_t > 0] − p), the size z only when demand occurs,
 * z ← z + α(y_t − z); forecast p·z. Unlike Croston's it decays through
 * long runs of zeros, so dying items forecast towards 0.
 * Start-up as the TIER.* contract states it (tier-functions.md, revision 2):
 * z₀ = the first non-zero demand and p₀ = 1 / its 1-based position, both set
 * before the first period; p is then updated in every period from the first,
 * z only in periods with demand. Fitted values start at the first demand's
 * period (none before it); no demand forecasts 0.
 * α and β left out are estimated independently of each other (the paper
 * recommends a smaller β than α) by minimising the in-sample squared one-step error.
 *
 * @throws DomainError as {@link croston}.
 * @example tsb([0, 4, 0, 0, 2], { alpha: 0.5, beta: 0.5 }).forecast // [1.734375]: z₀ 4, p₀ ½; p ¼, ⅝, 5/16, 5/32, 37/64; z 4 → 3; 37/64 × 3
 */
export function tsb(history: ArrayLike<unknown>, options: ModelOptions = {}): FittedModel {
  const opts = parseWith(modelOptionsSchema, options, "");
  return fitTsbModel(toSeries(history, "history", { nonNegative: true }), opts);
}
