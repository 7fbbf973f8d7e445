import { z } from "zod";
import { parseWith } from "../errors";
import { compareIds } from "../numeric";
import { itemIdSchema, itemRowsSchema } from "./itemRows";
import { nonNegativeSchema, positiveSchema } from "./schemas";
import { mustBe } from "../validation";

export const agingItemSchema = z.object({
  id: itemIdSchema,
  /** units in stock */
  onHand: nonNegativeSchema,
  /** demand per period, oldest first; the last entry is the latest period */
  demand: z.array(nonNegativeSchema).min(1, "give at least one period of demand"),
  /** value of a unit (cost), for ranking by money at risk; 1 ranks by units */
  unitCost: nonNegativeSchema.default(1),
  /** whether the supplier takes stock back */
  returnable: z.boolean().default(false),
});
export type AgingItem = z.input<typeof agingItemSchema>;

/**
 * One rule: the action applies to an item when every condition given holds.
 * Rules are listed in the order the actions should be tried; an item's
 * actions come out in that order, each once.
 */
export const agingRuleSchema = z
  .object({
    action: z.string().trim().min(1, "an action may not be blank"),
    /** months of supply strictly above this */
    monthsOfSupplyAbove: nonNegativeSchema.optional(),
    /** at least this many trailing periods without demand */
    periodsWithoutDemandAtLeast: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).optional(),
    /** only for items the supplier takes back */
    returnableOnly: z.boolean().default(false),
  })
  .refine((r) => r.monthsOfSupplyAbove !== undefined || r.periodsWithoutDemandAtLeast !== undefined, {
    message: "a rule needs a condition: monthsOfSupplyAbove or periodsWithoutDemandAtLeast",
  });
export type AgingRule = z.input<typeof agingRuleSchema>;

export const agingOptionsSchema = z.object({
  /** demand periods per month: 1 for monthly buckets, 52/12 for weekly */
  periodsPerMonth: positiveSchema.default(1),
  /** months of supply above which stock is excess */
  monthsOfSupplyThreshold: positiveSchema.default(12),
  /** trailing periods without demand that make an item dormant */
  noDemandPeriods: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).default(6),
  /** the ranked rules; omitted → {@link defaultAgingRules} of the two thresholds */
  rules: z.array(agingRuleSchema).min(1, "give at least one rule").optional(),
});
export type AgingOptions = z.input<typeof agingOptionsSchema>;

/**
 * The default escalation: stop buying what is excess or dormant, sell the
 * excess down, send dormant stock back where the supplier allows, and write
 * down what has been dormant twice as long.
 */
export function defaultAgingRules(monthsOfSupplyThreshold: number, noDemandPeriods: number): AgingRule[] {
  return [
    { action: "stop_replenishment", monthsOfSupplyAbove: monthsOfSupplyThreshold },
    { action: "stop_replenishment", periodsWithoutDemandAtLeast: noDemandPeriods },
    { action: "promote", monthsOfSupplyAbove: monthsOfSupplyThreshold },
    { action: "return_to_supplier", periodsWithoutDemandAtLeast: noDemandPeriods, returnableOnly: true },
    { action: "write_down", periodsWithoutDemandAtLeast: 2 * noDemandPeriods },
  ];
}

export interface AgingResult {
  id: string;
  /** 1 = the most money at risk */
  rank: number;
  /** mean demand per month over the periods given */
  monthlyDemand: number;
  /** on hand / monthly demand; null when there is no demand (never runs out) */
  monthsOfSupply: number | null;
  /** trailing periods with zero demand */
  periodsWithoutDemand: number;
  /** units above threshold × monthly demand (all of it without demand) */
  excessUnits: number;
  excessValue: number;
  excess: boolean;
  dormant: boolean;
  /** actions of the matching rules, in rule order */
  actions: string[];
}

/**
 * Aging and obsolescence risk: months of supply = on hand / mean monthly
 * demand (days of supply in months; see {@link inventoryTurns}) above a
 * threshold marks excess, and a run of trailing periods without demand marks
 * a dormant item. The actions are planner rules, not textbook formulas: each
 * configurable rule names an action and its conditions (months of supply
 * above, periods without demand at least, returnable only), and an item gets
 * the actions of every rule it meets, in rule order. An item without stock
 * has no risk and no actions. Items come back in input order, each with its
 * rank by excess value (then dormancy, then id), 1 being the most at risk.
 *
 * @throws DomainError naming `items[i].field` (or `items[i].demand[t]`) for a
 *   bad or negative value, an empty demand list, a blank or duplicate id;
 *   `rules[j].field` for a rule without a condition; the option by name
 * @example agingRisk([{ id: "A", onHand: 300, demand: [10, 20, 0, 10] }])[0] // 30 months of supply → ["stop_replenishment", "promote"]
 */
export function agingRisk(items: ReadonlyArray<AgingItem>, options: AgingOptions = {}): AgingResult[] {
  const opts = parseWith(agingOptionsSchema, options, "");
  const rows = parseWith(itemRowsSchema(agingItemSchema), items, "items");
  const rules = opts.rules ?? parseWith(z.array(agingRuleSchema), defaultAgingRules(opts.monthsOfSupplyThreshold, opts.noDemandPeriods), "rules");
  const results: AgingResult[] = rows.map((item) => {
    const total = item.demand.reduce((s, x) => s + x, 0);
    const monthlyDemand = (total / item.demand.length) * opts.periodsPerMonth;
    let periodsWithoutDemand = 0;
    for (let t = item.demand.length - 1; t >= 0 && item.demand[t] === 0; t--) periodsWithoutDemand++;
    const mos = monthlyDemand > 0 ? item.onHand / monthlyDemand : item.onHand > 0 ? Infinity : 0;
    const excessUnits = mos > opts.monthsOfSupplyThreshold ? item.onHand - (monthlyDemand > 0 ? opts.monthsOfSupplyThreshold * monthlyDemand : 0) : 0;
    const hasStock = item.onHand > 0;
    const actions: string[] = [];
    if (hasStock) {
      for (const rule of rules) {
        if (rule.monthsOfSupplyAbove !== undefined && !(mos > rule.monthsOfSupplyAbove)) continue;
        if (rule.periodsWithoutDemandAtLeast !== undefined && periodsWithoutDemand < rule.periodsWithoutDemandAtLeast) continue;
        if (rule.returnableOnly && !item.returnable) continue;
        if (!actions.includes(rule.action)) actions.push(rule.action);
      }
    }
    return {
      id: item.id,
      rank: 0,
      monthlyDemand,
      monthsOfSupply: monthlyDemand > 0 ? mos : null,
      periodsWithoutDemand,
      excessUnits,
      excessValue: excessUnits * item.unitCost,
      excess: excessUnits > 0,
      dormant: hasStock && periodsWithoutDemand >= opts.noDemandPeriods,
      actions,
    };
  });
  const order = results.map((_, i) => i).sort((a, b) => results[b].excessValue - results[a].excessValue || results[b].periodsWithoutDemand - results[a].periodsWithoutDemand || compareIds(results[a].id, results[b].id));
  order.forEach((i, position) => (results[i].rank = position + 1));
  return results;
}
