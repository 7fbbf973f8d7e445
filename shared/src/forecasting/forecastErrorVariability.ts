import { DomainError } from "../errors";
import { checkNumber } from "../validation";
import type { FittedModel } from "./types";

/**
 * Forecast-error-driven demand variability for safety stock: σ₁ = RMSE of
 * the one-step errors y_t − ŷ_t over the periods with a fitted value, and
 * over a lead time of L periods σ_L = σ₁ √L, which holds when the one-step
 * errors are independent (Silver, Pyke & Thomas, Inventory and Production
 * Management in Supply Chains, 4th ed., §6.9: safety stock from the standard
 * deviation of forecast errors, not of demand). For a smoothing model the
 * h-step errors are correlated and √L understates σ_L; this is the textbook
 * approximation shared/src/inventory/demandVariability.ts builds on.
 *
 * @throws DomainError naming `leadTime` when it is not a number ≥ 0; `model` when it has no fitted value.
 * @example forecastErrorVariability({ fitted: [null, 10, 12] }, [9, 11, 10], 4) // σ₁ = √((1 + 4)/2) ≈ 1.58, σ_L = 2σ₁ ≈ 3.16
 */
export function forecastErrorVariability(model: Pick<FittedModel, "fitted">, history: ArrayLike<number>, leadTime: number): { oneStepRmse: number; leadTimeSd: number; periods: number } {
  const lead = checkNumber(leadTime, "leadTime", { min: 0 });
  let sum = 0;
  let periods = 0;
  model.fitted.forEach((f, t) => {
    if (f === null) return;
    const e = history[t] - f;
    sum += e * e;
    periods++;
  });
  if (periods === 0) throw new DomainError("model", "has no fitted value yet (no demand, or a history shorter than its first window)", "missing");
  const oneStepRmse = Math.sqrt(sum / periods);
  return { oneStepRmse, leadTimeSd: oneStepRmse * Math.sqrt(lead), periods };
}
