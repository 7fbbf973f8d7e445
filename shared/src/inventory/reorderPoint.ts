import { parseWith } from "../errors";
import { normalQuantile } from "./normalQuantile";
import { safetyStockOf } from "./safetyStock";
import { cycleServiceInputSchema, type CycleServiceInput } from "./schemas";

/**
 * Reorder point (continuous review, R = 0) or order-up-to level (periodic
 * review, R > 0): expected demand over the protection interval plus the
 * safety stock, d·(L + R) + z·√((L + R)·σd² + d²·σL²), z = Φ⁻¹(CSL)
 * (Chopra & Meindl, *Supply Chain Management*, ROP = D_L + ss; Silver, Pyke &
 * Thomas 4th ed., ch. 6, for the order-up-to level of an (R, S) system, which
 * protects L + R periods).
 *
 * @throws DomainError as {@link safetyStock}
 * @example reorderPoint({ demandMean: 2500, demandSd: 500, leadTime: 2, serviceLevel: 0.9 }) // 5906.17…
 */
export function reorderPoint(input: CycleServiceInput): number {
  const v = parseWith(cycleServiceInputSchema, input, "");
  const z = normalQuantile(v.serviceLevel);
  return v.demandMean * (v.leadTime + v.reviewPeriod) + safetyStockOf(v.demandMean, v.demandSd, v.leadTime, z, v.leadTimeSd, v.reviewPeriod);
}
