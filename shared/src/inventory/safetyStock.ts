import { parseWith } from "../errors";
import { normalQuantile } from "./normalQuantile";
import { cycleServiceInputSchema, type CycleServiceInput } from "./schemas";

/**
 * Safety stock for a cycle service level (the probability of no stockout in a
 * replenishment cycle), with demand and lead-time uncertainty.
 *
 * ss = z·√((L + R)·σd² + d²·σL²), z = Φ⁻¹(CSL): demand over the protection
 * interval L + R is normal with variance (L + R)σd² + d²σL² when per-period
 * demands are independent and independent of the lead time (Chopra & Meindl,
 * *Supply Chain Management*, ch. "Managing Uncertainty in a Supply Chain:
 * Safety Inventory", σL with lead-time uncertainty; Silver, Pyke & Thomas,
 * 4th ed., ch. 6, for the review period R). R = 0 is continuous review.
 *
 * @throws DomainError naming the field for a negative mean, sd, lead time or
 *   review period, or a service level outside (0, 1)
 * @example safetyStock({ demandMean: 2500, demandSd: 500, leadTime: 2, serviceLevel: 0.9 }) // 906.17… = 1.2816 × 500√2
 */
export function safetyStock(input: CycleServiceInput): number {
  const v = parseWith(cycleServiceInputSchema, input, "");
  return safetyStockOf(v.demandMean, v.demandSd, v.leadTime, normalQuantile(v.serviceLevel), v.leadTimeSd, v.reviewPeriod);
}

/** The formula on checked numbers, shared with the array kernel and reorderPoint. */
export function safetyStockOf(demandMean: number, demandSd: number, leadTime: number, z: number, leadTimeSd: number, reviewPeriod: number): number {
  const variance = (leadTime + reviewPeriod) * demandSd * demandSd + demandMean * demandMean * leadTimeSd * leadTimeSd;
  // Zero variability means zero safety stock whatever z is (not z·0 = −0 for z < 0).
  return variance === 0 ? 0 : z * Math.sqrt(variance);
}
