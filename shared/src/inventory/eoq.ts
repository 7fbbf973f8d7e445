import { parseWith } from "../errors";
import { eoqInputSchema, type EoqInput } from "./schemas";

export interface EoqResult {
  /** Q* */
  orderQuantity: number;
  /** g*: ordering + holding (+ backorder) cost per unit time at Q* */
  cost: number;
  /** x* = h/(h + p): the fraction of each cycle spent in backorder (0 without backorders) */
  backorderFraction: number;
}

/**
 * Economic order quantity Q* = √(2KD/h), cost √(2KDh) (Harris 1913; Snyder &
 * Shen, *Fundamentals of Supply Chain Theory*, 2nd ed., eqs. (3.4)–(3.5)). With
 * a backorder cost p per unit per unit time, planned backorders:
 * Q* = √(2KD(h + p)/(hp)), x* = h/(h + p), g* = √(2KDhp/(h + p))
 * (eqs. (3.27)–(3.29)).
 *
 * @throws DomainError naming the field for negative demand or order cost, or
 *   a holding or backorder cost ≤ 0
 * @example eoq({ annualDemand: 1300, orderCost: 8, holdingCost: 0.225 }).orderQuantity // 304.0467800264368 (Snyder & Shen Example 3.1)
 */
export function eoq(input: EoqInput): EoqResult {
  const { annualDemand: d, orderCost: k, holdingCost: h, backorderCost: p } = parseWith(eoqInputSchema, input, "");
  if (p === undefined) {
    const q = Math.sqrt((2 * k * d) / h);
    return { orderQuantity: q, cost: Math.sqrt(2 * k * d * h), backorderFraction: 0 };
  }
  return {
    orderQuantity: Math.sqrt((2 * k * d * (h + p)) / (h * p)),
    cost: Math.sqrt((2 * k * d * h * p) / (h + p)),
    backorderFraction: h / (h + p),
  };
}
