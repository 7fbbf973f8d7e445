import { z } from "zod";
import { parseWith } from "../errors";
import { normalLoss } from "./normalLoss";
import { nonNegativeSchema, positiveSchema } from "./schemas";
import { mustBe } from "../validation";

const fillRateOfSchema = z.object({
  safetyStock: z.number(mustBe.number).finite(),
  leadTimeDemandSd: nonNegativeSchema,
  orderQuantity: positiveSchema,
  /** "approximate" (eq. 6.28, the contract of TIER.FILLRATE) or "exact" (eq. 6.29) */
  method: z.enum(["approximate", "exact"]).default("approximate"),
});
export type FillRateOfInput = z.input<typeof fillRateOfSchema>;

/**
 * Expected fill rate of an (s, Q) system with safety stock ss and normal
 * lead-time demand of sd σL: β = 1 − ESPRC/Q with expected shortage per
 * replenishment cycle ESPRC = σL·G(ss/σL) (Silver, Pyke & Thomas 4th ed.,
 * eq. 6.28 read backwards), or σL·[G(k) − G(k + Q/σL)] with method "exact"
 * (eq. 6.29). σL = 0 leaves the deterministic shortage max(0, −ss). A
 * shortage larger than Q would be a negative fill rate; it is reported as 0.
 *
 * @throws DomainError naming the field for a negative sd or an order quantity ≤ 0
 * @example fillRate({ safetyStock: 0, leadTimeDemandSd: 100, orderQuantity: 500 }) // 1 − 39.894/500 = 0.92021…
 */
export function fillRate(input: FillRateOfInput): number {
  const v = parseWith(fillRateOfSchema, input, "");
  let shortage: number;
  if (v.leadTimeDemandSd === 0) shortage = Math.max(0, -v.safetyStock);
  else {
    const k = v.safetyStock / v.leadTimeDemandSd;
    const overshoot = v.method === "exact" ? normalLoss(k + v.orderQuantity / v.leadTimeDemandSd) : 0;
    shortage = v.leadTimeDemandSd * (normalLoss(k) - overshoot);
  }
  return Math.max(0, 1 - shortage / v.orderQuantity);
}
