import { parseWith } from "../errors";
import { fitTrendModel } from "./fitTrendModel";
import { modelOptionsSchema, type ModelOptions } from "./schemas";
import { toSeries } from "./series";
import type { FittedModel } from "./types";

/**
 * Damped trend (Gardner & McKenzie 1985, "Forecasting trends in time
 * series", Management Science 31(10): 1237–1246; FPP3 §8.2, damped method):
 *   ŷ_{t+h|t} = ℓ_t + (φ + φ² + … + φʰ) b_t
 *   ℓ_t = α y_t + (1 − α)(ℓ_{t−1} + φ b_{t−1})
 *   b_t = β*(ℓ_t − ℓ_{t−1}) + (1 − β*) φ b_{t−1}
 * Initial states as in {@link holt} (ℓ₀ = y₀, b₀ = y₁ − y₀; first fitted
 * value y₀ + φ b₀). Parameters left out are estimated jointly by minimising
 * the in-sample squared one-step error: α, β* in [0, 1], φ in [0.8, 0.98]
 * (the bounds of R's ets(), Hyndman et al. 2008 §5.2), by a 3×3×3 lattice
 * then bounded Levenberg–Marquardt on the analytic Jacobian.
 *
 * @throws DomainError as {@link holt}; `phi` outside (0, 1].
 * @example dampedTrend([1, 2, 3], { alpha: 1, beta: 1, phi: 0.5, horizon: 2 }).forecast // [3.5, 3.75]: b = 1 damped by ½ then ¼
 */
export function dampedTrend(history: ArrayLike<unknown>, options: ModelOptions = {}): FittedModel {
  const opts = parseWith(modelOptionsSchema, options, "");
  return fitTrendModel("damped", toSeries(history, "history"), opts);
}
