/* eslint-disable @typescript-eslint/no-explicit-any -- `any` is how custom-functions-metadata reads "any cell value"; every value is checked below. */
/**
 * The inventory TIER.* functions of contract revision 2 (EPQ, quantity
 * discounts, the newsvendor, periodic (s, S)): thin adapters over
 * shared/src/inventory, broadcasting and checking cells exactly like
 * inventoryFunctions.ts.
 */
import { eoqDiscount, epq, newsvendor, ssPolicy } from "../../../shared/src/inventory";
import { numberProblem, readNumber } from "../../../shared/src/validation";
import { numberAt } from "./broadcast";
import { CellError, optionalChoice, vectorArgument } from "./cells";
import { NON_NEGATIVE, POSITIVE, spillRows } from "./inventoryCells";

/**
 * Economic production quantity √(2DK/(h(1−D/P))) and its yearly set-up + holding cost.
 * @customfunction EPQ
 * @helpurl https://localhost:3000/functions.html#tier-epq
 * @param annual_demand Demand per year (D); a value or a column.
 * @param order_cost Fixed cost per production run (K).
 * @param holding_cost Holding cost per unit per year (h), > 0.
 * @param production_rate Production per year (P), above annual_demand.
 * @returns One row per input row: lot size, yearly cost.
 */
export function epqCells(annual_demand: any[][], order_cost: any[][], holding_cost: any[][], production_rate: any[][]): any[][] {
  return spillRows({ annual_demand, order_cost, holding_cost, production_rate }, (b, i) => {
    const r = epq({
      annualDemand: numberAt(b, "annual_demand", i, NON_NEGATIVE),
      orderCost: numberAt(b, "order_cost", i, NON_NEGATIVE),
      holdingCost: numberAt(b, "holding_cost", i, POSITIVE),
      productionRate: numberAt(b, "production_rate", i, POSITIVE),
    });
    return [r.orderQuantity, r.cost];
  });
}

const DISCOUNT_TYPES = ["all_units", "incremental"] as const;

/**
 * How TIER.EOQDISCOUNT prices an order.
 * @customenum {string}
 */
export enum DiscountType {
  /** Every unit of the order at the price of the break the quantity reaches (default). */
  all_units = "all_units",
  /** Each unit at the price of the break it falls in. */
  incremental = "incremental",
}

/**
 * EOQ with quantity discounts: the order quantity, the price break used (1 = first) and the yearly cost including purchases.
 * @customfunction EOQDISCOUNT
 * @helpurl https://localhost:3000/functions.html#tier-eoqdiscount
 * @param annual_demand Demand per year (D); a value or a column.
 * @param order_cost Fixed cost per order (K).
 * @param holding_rate Holding cost per year as a share of the unit cost (i), > 0, e.g. 0.3.
 * @param breakpoints Quantities at which each price starts: a column or row, ascending, the first 0.
 * @param unit_costs Unit price from each break on, one per break, > 0.
 * @param [discount_type] "all_units" (default) or "incremental".
 * @returns One row per input row: order quantity, price break, yearly cost.
 */
export function eoqDiscountCells(annual_demand: any[][], order_cost: any[][], holding_rate: any[][], breakpoints: any[][], unit_costs: any[][], discount_type?: DiscountType): any[][] {
  return spillRows({ annual_demand, order_cost, holding_rate }, (b, i) => {
    const r = eoqDiscount({
      annualDemand: numberAt(b, "annual_demand", i, NON_NEGATIVE),
      orderCost: numberAt(b, "order_cost", i, NON_NEGATIVE),
      holdingRate: numberAt(b, "holding_rate", i, POSITIVE),
      breakpoints: priceList(breakpoints, "breakpoints", NON_NEGATIVE),
      unitCosts: priceList(unit_costs, "unit_costs", POSITIVE),
      discountType: optionalChoice(discount_type, "discount_type", DISCOUNT_TYPES),
    });
    return [r.orderQuantity, r.priceBreak, r.cost];
  });
}

/** A required list of numbers, a column or a row; a blank item reads as 0 (as older builds pass it). */
function priceList(range: unknown, argument: string, rule: typeof NON_NEGATIVE | typeof POSITIVE): number[] {
  return vectorArgument(range, argument).values.map((raw, k) => {
    const reading = readNumber(raw);
    if (reading.kind === "error") throw new CellError("invalid", `${argument} item ${k + 1}: ${reading.detail}`);
    const value = reading.kind === "blank" ? 0 : reading.value;
    const problem = numberProblem(value, rule);
    if (problem) throw new CellError(problem.kind, `${argument} item ${k + 1}: ${problem.detail}`);
    return value;
  });
}

const DISTRIBUTIONS = ["normal", "poisson"] as const;

/**
 * The demand distribution of TIER.NEWSVENDOR.
 * @customenum {string}
 */
export enum NewsvendorDistribution {
  /** Normal demand with demand_sd (default). */
  normal = "normal",
  /** Poisson demand at demand_mean; a whole-unit level. */
  poisson = "poisson",
}

/**
 * Newsvendor: the optimal order-up-to level at the critical ratio p/(p+h) and its expected cost.
 * @customfunction NEWSVENDOR
 * @helpurl https://localhost:3000/functions.html#tier-newsvendor
 * @param demand_mean Mean demand over the period; a value or a column.
 * @param holding_cost Cost per unit left over (h), > 0.
 * @param stockout_cost Cost per unit short (p), > 0.
 * @param [demand_sd] Standard deviation of demand: needed for "normal", ignored for "poisson".
 * @param [distribution] "normal" (default) or "poisson".
 * @returns One row per input row: order-up-to level, expected cost.
 */
export function newsvendorCells(demand_mean: any[][], holding_cost: any[][], stockout_cost: any[][], demand_sd?: any[][], distribution?: NewsvendorDistribution): any[][] {
  return spillRows({ demand_mean, holding_cost, stockout_cost, demand_sd }, (b, i) => {
    const chosen = optionalChoice(distribution, "distribution", DISTRIBUTIONS) ?? "normal";
    const r = newsvendor({
      demandMean: numberAt(b, "demand_mean", i, NON_NEGATIVE),
      holdingCost: numberAt(b, "holding_cost", i, POSITIVE),
      stockoutCost: numberAt(b, "stockout_cost", i, POSITIVE),
      demandSd: chosen === "normal" ? numberAt(b, "demand_sd", i, NON_NEGATIVE) : undefined,
      distribution: chosen,
    });
    return [r.level, r.cost];
  });
}

/**
 * Optimal periodic-review (s, S) policy for Poisson demand per period with backorders (Zheng & Federgruen 1991): s, S and the expected cost per period.
 * @customfunction SSPOLICY
 * @helpurl https://localhost:3000/functions.html#tier-sspolicy
 * @param demand_mean Mean (Poisson) demand per period, > 0; a value or a column.
 * @param order_cost Fixed cost per order (K), > 0.
 * @param holding_cost Holding cost per unit per period (h), > 0.
 * @param stockout_cost Backorder cost per unit per period (p), > 0.
 * @param [lead_time] Lead time in whole periods (default 0).
 * @returns One row per input row: s, S, cost per period.
 */
export function ssPolicyCells(demand_mean: any[][], order_cost: any[][], holding_cost: any[][], stockout_cost: any[][], lead_time?: any[][]): any[][] {
  return spillRows({ demand_mean, order_cost, holding_cost, stockout_cost, lead_time }, (b, i) => {
    const r = ssPolicy({
      demandMean: numberAt(b, "demand_mean", i, POSITIVE),
      orderCost: numberAt(b, "order_cost", i, POSITIVE),
      holdingCost: numberAt(b, "holding_cost", i, POSITIVE),
      stockoutCost: numberAt(b, "stockout_cost", i, POSITIVE),
      leadTime: numberAt(b, "lead_time", i, { ...NON_NEGATIVE, integer: true, optional: 0 }),
    });
    return [r.reorderPoint, r.orderUpToLevel, r.cost];
  });
}
