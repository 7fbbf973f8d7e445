import { parseWith } from "../errors";
import { normalPdf } from "./normalDistribution";
import { normalQuantile } from "./normalQuantile";
import { baseStockInputSchema, type BaseStockInput } from "./schemas";

export interface BaseStockResult {
  /** S* = μ(L + 1) + z·σ√(L + 1) */
  level: number;
  safetyStock: number;
  /** the critical ratio p/(p + h) */
  criticalRatio: number;
  /** g* = (h + p)·φ(z)·σ√(L + 1), expected holding + stockout cost per period */
  cost: number;
}

/**
 * Optimal base-stock level of a periodic-review system with backorders and a
 * lead time of L periods: an order placed now covers demand over L + 1
 * periods, normal with mean μ(L + 1) and sd σ√(L + 1), and the newsvendor
 * critical ratio p/(p + h) sets the fractile (Snyder & Shen, *Fundamentals of
 * Supply Chain Theory*, 2nd ed., eqs. (4.30) and (4.37) for L = 0, Example
 * 4.3; the lead time enters as demand over L + 1 periods, as in the author's
 * stockpyl `newsvendor_normal(lead_time=L)`).
 *
 * @throws DomainError naming the field for negative demand parameters or lead
 *   time, or a cost ≤ 0
 * @example baseStock({ demandMean: 50, demandSd: 8, holdingCost: 0.18, stockoutCost: 0.7 }).level // 56.60395592743389
 */
export function baseStock(input: BaseStockInput): BaseStockResult {
  const v = parseWith(baseStockInputSchema, input, "");
  const criticalRatio = v.stockoutCost / (v.stockoutCost + v.holdingCost);
  const z = normalQuantile(criticalRatio);
  const sigma = v.demandSd * Math.sqrt(v.leadTime + 1);
  const safety = sigma === 0 ? 0 : z * sigma;
  return {
    level: v.demandMean * (v.leadTime + 1) + safety,
    safetyStock: safety,
    criticalRatio,
    cost: (v.holdingCost + v.stockoutCost) * normalPdf(z) * sigma,
  };
}
