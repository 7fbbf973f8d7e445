import { z } from "zod";
import { parseWith } from "../errors";
import { normalCdf } from "./normalDistribution";
import { nonNegativeSchema } from "./schemas";
import { mustBe } from "../validation";

const cslSchema = z.object({ safetyStock: z.number(mustBe.number).finite(), leadTimeDemandSd: nonNegativeSchema });

/**
 * Cycle service level of a safety stock: the probability that lead-time
 * demand does not exceed its mean plus ss, Φ(ss/σL) (Silver, Pyke & Thomas
 * 4th ed., ch. 6, the P1 service measure = Φ(k); Chopra & Meindl, *Supply
 * Chain Management*, CSL = NORMDIST(ROP, D_L, σ_L, 1)).
 * σL = 0: 1 when ss ≥ 0, else 0.
 *
 * @throws DomainError (`leadTimeDemandSd`) for a negative sd
 * @example cycleServiceLevel({ safetyStock: 1000, leadTimeDemandSd: 707.1 }) // 0.9214…
 */
export function cycleServiceLevel(input: { safetyStock: number; leadTimeDemandSd: number }): number {
  const v = parseWith(cslSchema, input, "");
  if (v.leadTimeDemandSd === 0) return v.safetyStock >= 0 ? 1 : 0;
  return normalCdf(v.safetyStock / v.leadTimeDemandSd);
}
