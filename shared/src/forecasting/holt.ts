import { parseWith } from "../errors";
import { fitTrendModel } from "./fitTrendModel";
import { modelOptionsSchema, type ModelOptions } from "./schemas";
import { toSeries } from "./series";
import type { FittedModel } from "./types";

/**
 * Holt's linear trend method (Holt 1957; FPP3 §8.2, component form):
 *   ŷ_{t+h|t} = ℓ_t + h b_t
 *   ℓ_t = α y_t + (1 − α)(ℓ_{t−1} + b_{t−1})
 *   b_t = β*(ℓ_t − ℓ_{t−1}) + (1 − β*) b_{t−1}      (β here is FPP3's β*)
 * ℓ₀ = y₀ and b₀ = y₁ − y₀ are the states before the first observation; the
 * recursion runs over every observation, so the first fitted value is
 * ℓ₀ + b₀ = y₁ (R forecast's `holt(initial = "simple")`, statsmodels with
 * fixed initial values). α and β left out are estimated jointly by
 * minimising the in-sample squared one-step error over [0, 1]² (3×3 lattice,
 * then bounded Levenberg–Marquardt on the analytic Jacobian); one left out,
 * from an 11-point grid.
 *
 * @throws DomainError naming `history[t]` for a bad value; `history` with fewer than 2 periods; `alpha`/`beta` outside [0, 1].
 * @example holt([1, 2, 3, 4], { alpha: 1, beta: 0, horizon: 2 }).forecast // [5, 6]: a straight line is followed exactly
 */
export function holt(history: ArrayLike<unknown>, options: ModelOptions = {}): FittedModel {
  const opts = parseWith(modelOptionsSchema, options, "");
  return fitTrendModel("holt", toSeries(history, "history"), opts);
}
