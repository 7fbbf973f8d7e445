import { parseWith } from "../errors";
import { normalLoss } from "./normalLoss";
import { fillRateInputSchema, type FillRateInput } from "./schemas";
import { solveDecreasing } from "./solveDecreasing";

export interface FillRateSafetyStock {
  /** ss = k·σL */
  safetyStock: number;
  /** k, the safety factor */
  safetyFactor: number;
  /** σL = √(L·σd² + d²·σL²), the sd of lead-time demand */
  leadTimeDemandSd: number;
  /** which equation was solved */
  equation: "6.28" | "6.29";
}

/** Above this fill rate the overshoot term G(k + Q/σL) is negligible and eq. 6.28 is used. */
export const FILL_RATE_EXACT_BELOW = 0.9;

/**
 * Safety stock of an (s, Q) system for a Type-2 service level (fill rate β,
 * the fraction of demand met from stock), normal lead-time demand.
 *
 * Expected shortage per cycle σL·G(k) must equal Q(1 − β): solve
 * σL·G(k) = Q(1 − β) for β > 0.9 (Silver, Pyke & Thomas, *Inventory and
 * Production Management in Supply Chains*, 4th ed., eq. 6.28), and
 * σL·[G(k) − G(k + Q/σL)] = Q(1 − β) for β ≤ 0.9 (eq. 6.29, which subtracts
 * the shortage already counted in the previous cycle; it matters when Q is
 * small against σL). ss = k·σL, σL = √(L·σd² + d²·σLT²). G is the standard
 * normal loss function ({@link normalLoss}). Zero variability gives zero
 * safety stock.
 *
 * @throws DomainError naming the field for a negative sd, mean or lead time,
 *   a fill rate outside (0, 1), or an order quantity ≤ 0
 * @example fillRateSafetyStock({ demandMean: 0, demandSd: 10, leadTime: 1, fillRate: 0.99, orderQuantity: 100 }).safetyFactor // 0.9004… (G(k) = 0.1)
 */
export function fillRateSafetyStock(input: FillRateInput): FillRateSafetyStock {
  const v = parseWith(fillRateInputSchema, input, "");
  const sigma = Math.sqrt(v.leadTime * v.demandSd * v.demandSd + v.demandMean * v.demandMean * v.leadTimeSd * v.leadTimeSd);
  const equation = v.fillRate > FILL_RATE_EXACT_BELOW ? "6.28" : "6.29";
  if (sigma === 0) return { safetyStock: 0, safetyFactor: 0, leadTimeDemandSd: 0, equation };
  const target = (v.orderQuantity * (1 - v.fillRate)) / sigma;
  const a = v.orderQuantity / sigma;
  const k = equation === "6.28" ? solveDecreasing(normalLoss, target) : solveDecreasing((x) => normalLoss(x) - normalLoss(x + a), target);
  return { safetyStock: k * sigma, safetyFactor: k, leadTimeDemandSd: sigma, equation };
}
