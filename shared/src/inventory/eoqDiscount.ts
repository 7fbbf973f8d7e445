import { DomainError, parseWith } from "../errors";
import { eoqDiscountInputSchema, type DiscountType, type EoqDiscountInput } from "./schemas";

export interface EoqDiscountResult {
  orderQuantity: number;
  /** the 1-based index of the price break whose region holds the order quantity */
  priceBreak: number;
  /** ordering + holding + purchase cost per year at the order quantity */
  cost: number;
}

/**
 * EOQ with quantity discounts (Snyder & Shen, *Fundamentals of Supply Chain
 * Theory*, 2nd ed., ch. 3). Prices c_j apply from break b_j (b₀ = 0); holding
 * cost is i·(the unit value of the stock).
 *
 * - All-units: every unit of an order of Q ∈ [b_j, b_{j+1}) costs c_j, so
 *   g(Q) = c_j·D + KD/Q + i·c_j·Q/2. In each region the convex g is smallest at
 *   the region's EOQ √(2KD/(i·c_j)) clamped into the region (Example 3.6).
 * - Incremental: only the units above b_j cost c_j, so an order of Q costs
 *   C(Q) = c̄_j + c_j(Q − b_j) with c̄_j the cost of b_j units, and
 *   g(Q) = D·C(Q)/Q + KD/Q + i·C(Q)/2, whose minimiser in region j is
 *   √(2D(K + c̄_j − c_j·b_j)/(i·c_j)) (setting g′ = 0; Example 3.7).
 *
 * The optimum is the cheapest of these candidates, one per region, each
 * costed at the price its quantity actually pays: so it always lies on a break
 * or on a region's own EOQ.
 *
 * @throws DomainError naming the field (`breakpoints[j]`, `unitCosts`) for
 *   breaks not starting at 0 or not ascending, or a price list of another length
 * @example eoqDiscount({ annualDemand: 1300, orderCost: 8, holdingRate: 0.3, breakpoints: [0, 400, 800], unitCosts: [0.75, 0.72, 0.68] }) // Q 800, break 3, cost 978.60 (Example 3.6)
 */
export function eoqDiscount(input: EoqDiscountInput): EoqDiscountResult {
  const v = parseWith(eoqDiscountInputSchema, input, "");
  const { breakpoints: b, unitCosts: c } = v;
  if (b[0] !== 0) throw new DomainError("breakpoints[0]", `the first break must be 0, got ${b[0]}`, "out_of_range");
  for (let j = 1; j < b.length; j++) {
    if (!(b[j] > b[j - 1])) throw new DomainError(`breakpoints[${j}]`, `breaks must be ascending: ${b[j]} is not above ${b[j - 1]}`, "out_of_range");
  }
  if (c.length !== b.length) throw new DomainError("unitCosts", `one price per break: ${b.length} breaks but ${c.length} prices`, "invalid");
  // cBar[j]: the purchase cost of the first b_j units under incremental pricing.
  const cBar = [0];
  for (let j = 1; j < b.length; j++) cBar.push(cBar[j - 1] + c[j - 1] * (b[j] - b[j - 1]));
  const regionOf = (q: number) => {
    let j = 0;
    while (j + 1 < b.length && q >= b[j + 1]) j++;
    return j;
  };
  const cost = (q: number) => totalCost(q, regionOf(q), v.discountType, v.annualDemand, v.orderCost, v.holdingRate, b, c, cBar);
  let best: EoqDiscountResult | undefined;
  for (let j = 0; j < b.length; j++) {
    const fixed = v.orderCost + (v.discountType === "incremental" ? cBar[j] - c[j] * b[j] : 0);
    const unconstrained = Math.sqrt((2 * v.annualDemand * fixed) / (v.holdingRate * c[j]));
    const q = Math.min(Math.max(unconstrained, b[j]), j + 1 < b.length ? b[j + 1] : Infinity);
    const g = cost(q);
    if (best === undefined || g < best.cost) best = { orderQuantity: q, priceBreak: regionOf(q) + 1, cost: g };
  }
  return best!;
}

function totalCost(q: number, j: number, type: DiscountType, d: number, k: number, i: number, b: number[], c: number[], cBar: number[]): number {
  // An order of 0 is the limit of no demand or no fixed cost: the per-order terms vanish with KD.
  const perOrder = (amount: number) => (amount * d === 0 ? 0 : (amount * d) / q);
  if (type === "all_units") return c[j] * d + perOrder(k) + (i * c[j] * q) / 2;
  const purchase = cBar[j] + c[j] * (q - b[j]);
  return c[j] * d + perOrder(k + cBar[j] - c[j] * b[j]) + (i * purchase) / 2;
}
