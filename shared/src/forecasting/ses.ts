import { parseWith } from "../errors";
import { fitTrendModel } from "./fitTrendModel";
import { modelOptionsSchema, type ModelOptions } from "./schemas";
import { toSeries } from "./series";
import type { FittedModel } from "./types";

/**
 * Simple exponential smoothing (Brown 1959; Hyndman & Athanasopoulos,
 * Forecasting: Principles and Practice, 3rd ed. (FPP3), §8.1, component form):
 *   ŷ_{t+1|t} = ℓ_t,   ℓ_t = α y_t + (1 − α) ℓ_{t−1},   ŷ_{n+h|n} = ℓ_n (flat).
 * ℓ₀ = y₀ (given `initialLevel` overrides it) is the state before the first
 * observation and the recursion runs over every observation, so the first
 * fitted value is y₀ — R forecast's `ses(initial = "simple")` and
 * statsmodels' fixed-initial-value convention. α left out is estimated by
 * minimising the in-sample squared one-step error over [0, 1] (11-point
 * grid, then bounded Levenberg–Marquardt on the analytic derivative:
 * estimateSmoothingConstants).
 *
 * @throws DomainError naming `history[t]` for text, NaN or ±Infinity; `history` when empty; `alpha` outside [0, 1].
 * @example ses([10, 12, 11], { alpha: 0.5 }).forecast // [11]: ℓ = 10 → 11 → 11
 */
export function ses(history: ArrayLike<unknown>, options: ModelOptions = {}): FittedModel {
  const opts = parseWith(modelOptionsSchema, options, "");
  return fitTrendModel("ses", toSeries(history, "history"), opts);
}
