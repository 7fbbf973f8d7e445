import { z } from "zod";
import { parseWith } from "../errors";
import { normalQuantile } from "../inventory/normalQuantile";
import { safetyStockOf } from "../inventory/safetyStock";
import { turnsInputSchema, type TurnsInput } from "./schemas";

export interface ItemTurns {
  itemId: string;
  /** d · 52 · unit cost */
  annualCogs: number;
  /** (d·R/2 + ss) · unit cost */
  averageInventoryValue: number;
  /** annual COGS / average inventory value; null when the item holds no inventory */
  turns: number | null;
  /** average inventory value − annual COGS / turns target: stock held above what the target allows (negative: below) */
  excessValue: number;
}

export interface ModelledTurns {
  items: ItemTurns[];
  /** Σ annual COGS / Σ average inventory value over the items; null without inventory */
  turns: number | null;
  annualCogs: number;
  averageInventoryValue: number;
}

const WEEKS_PER_YEAR = 52;

/**
 * Inventory turns = annual cost of goods sold / average inventory value
 * (Chopra & Meindl, *Supply Chain Management*, ch. "Supply chain drivers and
 * metrics", inventory turns = COGS / average inventory), on a modelled average
 * inventory because stock levels are not stored: under periodic review with
 * period R (at least one week, the demand bucket) the average on hand is the
 * cycle stock d·R/2 plus the safety stock ss = z·√((L + R)σd² + d²σL²),
 * z = Φ⁻¹(CSL) (Silver, Pyke & Thomas, 4th ed., ch. 6, average inventory of an
 * (R, S) system ≈ D·R/2 + SS; safety stock as in inventory/safetyStock). So
 * these are the turns the segment's policy yields on the observed demand: an
 * item misses its target when its variability forces more safety stock than
 * the target allows. A segment's turns pool its items (Σ COGS / Σ inventory).
 *
 * @throws DomainError naming `items[i].<field>` for a negative number, a service level outside (0, 1) or a target ≤ 0
 * @example
 * modelledTurns([{ itemId: "P1", demandMean: 100, demandSd: 20, unitCost: 2, leadTime: 1, reviewPeriod: 1, cycleServiceLevel: 0.95, inventoryTurnsTarget: 12 }]).turns;
 * // 53.87…: ss = 1.6449·√(2·400) = 46.52, average 50 + 46.52 units × 2 = 193.05, COGS 100·52·2 = 10,400
 */
export function modelledTurns(items: readonly TurnsInput[]): ModelledTurns {
  const parsed = parseWith(z.array(turnsInputSchema), items, "items");
  let cogs = 0;
  let inventory = 0;
  const out = parsed.map((item): ItemTurns => {
    const review = Math.max(1, item.reviewPeriod);
    const z = normalQuantile(item.cycleServiceLevel);
    const ss = Math.max(0, safetyStockOf(item.demandMean, item.demandSd, item.leadTime, z, item.leadTimeSd, review));
    const averageInventoryValue = (item.demandMean * review * 0.5 + ss) * item.unitCost;
    const annualCogs = item.demandMean * WEEKS_PER_YEAR * item.unitCost;
    cogs += annualCogs;
    inventory += averageInventoryValue;
    return {
      itemId: item.itemId,
      annualCogs,
      averageInventoryValue,
      turns: averageInventoryValue > 0 ? annualCogs / averageInventoryValue : null,
      excessValue: averageInventoryValue - annualCogs / item.inventoryTurnsTarget,
    };
  });
  return { items: out, turns: inventory > 0 ? cogs / inventory : null, annualCogs: cogs, averageInventoryValue: inventory };
}
