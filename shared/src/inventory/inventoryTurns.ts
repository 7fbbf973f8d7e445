import { z } from "zod";
import { parseWith } from "../errors";
import { itemIdSchema, itemRowsSchema } from "./itemRows";
import { nonNegativeSchema, positiveSchema } from "./schemas";
import { numberSchema } from "../validation";

export const turnsItemSchema = z.object({
  id: itemIdSchema,
  /** annual throughput: units per year, or cost of goods sold per year (then inventory at cost) */
  annualDemand: nonNegativeSchema,
  /** average inventory over the year, same unit as annualDemand */
  averageInventory: nonNegativeSchema,
  /** current stock for days of supply, same unit; omitted → the average inventory */
  onHand: nonNegativeSchema.optional(),
  /** the segment's turns target */
  targetTurns: positiveSchema,
});
export type TurnsItem = z.input<typeof turnsItemSchema>;

export const turnsOptionsSchema = z.object({
  /** days per year behind days of supply (365 calendar, ~250 working) */
  daysPerYear: positiveSchema.default(365),
  /** relative band around the target counted as on target: 0.1 = ±10 % */
  tolerance: numberSchema({ min: 0, lessThan: 1 }).default(0.1),
});
export type TurnsOptions = z.input<typeof turnsOptionsSchema>;

export type TurnsStatus = "below_target" | "on_target" | "above_target" | "no_inventory";

export interface TurnsResult {
  id: string;
  /** annual demand / average inventory; null without inventory */
  turns: number | null;
  /** on hand / daily demand; null without demand (stock that never runs out) */
  daysOfSupply: number | null;
  /** days per year / target turns */
  targetDaysOfSupply: number;
  /** days of supply − target; positive = more stock than the target allows; null without demand */
  excessDaysOfSupply: number | null;
  /** below_target: turning too slowly (too much stock); above_target: faster than planned (check service) */
  status: TurnsStatus;
}

/**
 * Inventory turns and days of supply against the segment's target.
 *
 * Turns = annual cost of goods sold (or units) / average inventory, and days
 * of inventory = average inventory / daily throughput, Little's law's flow
 * time (Chopra & Meindl, *Supply Chain Management*, ch. "Supply chain
 * drivers and metrics": inventory turns and average flow time). Days of
 * supply here uses the current stock when given. The target days of supply
 * is days per year / target turns. Turns below target × (1 − tolerance) are
 * `below_target`, above target × (1 + tolerance) `above_target`.
 *
 * @throws DomainError naming `items[i].field` for a bad or negative number,
 *   a target ≤ 0, a blank or duplicate id; `daysPerYear`, `tolerance`
 * @example inventoryTurns([{ id: "A", annualDemand: 1200, averageInventory: 200, targetTurns: 8 }])[0] // turns 6, 60.8 days of supply vs 45.6 → below_target
 */
export function inventoryTurns(items: ReadonlyArray<TurnsItem>, options: TurnsOptions = {}): TurnsResult[] {
  const { daysPerYear, tolerance } = parseWith(turnsOptionsSchema, options, "");
  const rows = parseWith(itemRowsSchema(turnsItemSchema), items, "items");
  return rows.map((item) => {
    const turns = item.averageInventory > 0 ? item.annualDemand / item.averageInventory : null;
    const stock = item.onHand ?? item.averageInventory;
    const daysOfSupply = item.annualDemand > 0 ? stock / (item.annualDemand / daysPerYear) : null;
    const targetDaysOfSupply = daysPerYear / item.targetTurns;
    let status: TurnsStatus;
    if (turns === null) status = "no_inventory";
    else if (turns < item.targetTurns * (1 - tolerance)) status = "below_target";
    else if (turns > item.targetTurns * (1 + tolerance)) status = "above_target";
    else status = "on_target";
    return {
      id: item.id,
      turns,
      daysOfSupply,
      targetDaysOfSupply,
      excessDaysOfSupply: daysOfSupply === null ? null : daysOfSupply - targetDaysOfSupply,
      status,
    };
  });
}
