import { DomainError, parseWith } from "../errors";
import { epqInputSchema, type EpqInput } from "./schemas";

export interface EpqResult {
  /** Q*: the production lot size */
  orderQuantity: number;
  /** set-up + holding cost per year at Q* */
  cost: number;
}

/**
 * Economic production quantity: the EOQ when a lot is produced at a finite
 * rate P > D, so the inventory peaks at Q(1 − D/P) instead of Q:
 * Q* = √(2KD / (h(1 − D/P))), g* = √(2KDh(1 − D/P)) (Snyder & Shen,
 * *Fundamentals of Supply Chain Theory*, 2nd ed., ch. 3, the EPQ; stockpyl's
 * `economic_production_quantity` gives 513.93 and 40.47 on Example 3.1's data with P = 2000).
 * As P → ∞ it is the EOQ; for any finite P it is larger (the EOQ ≤ EPQ).
 *
 * @throws DomainError naming the field for negative demand or set-up cost, a
 *   holding cost ≤ 0, or (`productionRate`) a production rate not above demand
 * @example epq({ annualDemand: 1300, orderCost: 8, holdingCost: 0.225, productionRate: 2000 }).orderQuantity // 513.93 (Example 3.1 with P = 2000)
 */
export function epq(input: EpqInput): EpqResult {
  const { annualDemand: d, orderCost: k, holdingCost: h, productionRate: p } = parseWith(epqInputSchema, input, "");
  if (!(p > d)) throw new DomainError("productionRate", `must be above annual demand ${d} (production must outpace demand), got ${p}`, "out_of_range");
  const rho = 1 - d / p;
  return { orderQuantity: Math.sqrt((2 * k * d) / (h * rho)), cost: Math.sqrt(2 * k * d * h * rho) };
}
