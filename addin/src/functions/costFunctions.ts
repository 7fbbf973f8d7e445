/* eslint-disable @typescript-eslint/no-explicit-any -- `any` is how custom-functions-metadata reads "any cell value"; every value is checked below. */
/**
 * The cost and supplier TIER.* worksheet functions: thin adapters over
 * shared/ (the pattern of segmentationFunctions.ts). The JSDoc of each
 * function is its metadata; parameter names are the contract's
 * (tier-functions.md, "Cost and suppliers").
 */
import { activityRates as computeActivityRates, costToServe as computeCostToServe, whaleCurve } from "../../../shared/src/cost";
import { scoreSuppliers } from "../../../shared/src/suppliers";
import { dataCell, dataVector, optionalChoice, optionalList, optionalStringList, spillColumn, tableArgument } from "./cells";

/**
 * Whether a higher supplier metric is better or worse (TIER.SCORECARD).
 * @customenum {string}
 */
export enum MetricDirection {
  /** Higher is better (default). */
  benefit = "benefit",
  /** Lower is better. */
  cost = "cost",
}

const COST_NAMES = {
  activityCosts: "activity_costs",
  totalDriverVolumes: "total_driver_volumes",
  driverVolumes: "driver_volumes",
  profits: "profits",
  metrics: "metrics",
  weights: "weights",
  directions: "directions",
} as const;

/**
 * Activity rate of each activity: pool cost / total driver volume (activity-based costing).
 * @customfunction ACTIVITYRATES
 * @helpurl https://localhost:3000/functions.html#tier-activityrates
 * @param activity_costs Pool cost of each activity (a row or a column; blank = 0).
 * @param total_driver_volumes Total driver volume of each activity, same length (blank = 0).
 * @returns One rate per activity, as a column.
 */
export function activityRates(activity_costs: any[][], total_driver_volumes: any[][]): any[][] {
  return spillColumn((context) => {
    const costs = dataVector(activity_costs, "activity_costs");
    context.orientation = costs.orientation;
    return computeActivityRates(costs.values, dataVector(total_driver_volumes, "total_driver_volumes").values);
  }, COST_NAMES);
}

/**
 * Cost-to-serve of each customer: Σ driver volume × (activity cost / total driver volume).
 * @customfunction COSTTOSERVE
 * @helpurl https://localhost:3000/functions.html#tier-costtoserve
 * @param driver_volumes Driver volumes: rows = customers, columns = activities (blank = 0).
 * @param activity_costs Pool cost of each activity, one per column of driver_volumes.
 * @param [total_driver_volumes] Company-wide driver volume of each activity (default, or all blank: the column sums of driver_volumes, which then absorb every pool).
 * @returns One total activity cost per customer.
 */
export function costToServe(driver_volumes: any[][], activity_costs: any[][], total_driver_volumes?: any[][]): any[][] {
  return spillColumn((context) => {
    const volumes = tableArgument(driver_volumes, "driver_volumes");
    const costs = dataVector(activity_costs, "activity_costs");
    context.orientation = costs.orientation;
    // All blank (or all 0, as older builds pass blanks) is omitted; a blank inside reads as 0.
    const totals = optionalList(total_driver_volumes, "total_driver_volumes")?.map(dataCell);
    return computeCostToServe(volumes, { activityCosts: costs.values, totalDriverVolumes: totals ?? "table" }).total;
  }, COST_NAMES);
}

/**
 * Whale curve: each customer's cumulative share of total profit, customers ranked by profit (peaks above 100% when some lose money).
 * @customfunction WHALE
 * @helpurl https://localhost:3000/functions.html#tier-whale
 * @param profits One profit per customer (any sign; the total must be positive; blank = 0).
 * @returns One cumulative share per row, in input order.
 */
export function whale(profits: any[][]): any[][] {
  return spillColumn((context) => {
    const input = dataVector(profits, "profits");
    context.orientation = input.orientation;
    return whaleCurve(input.values).items.map((p) => p.cumulativeShare);
  }, COST_NAMES);
}

/**
 * Supplier score 0–100: min-max normalised metrics, weighted (weights sum to 1).
 * @customfunction SCORECARD
 * @helpurl https://localhost:3000/functions.html#tier-scorecard
 * @param metrics Supplier metrics: rows = suppliers, columns = metrics (blank = 0).
 * @param weights One weight per metric, summing to 1.
 * @param [directions] "benefit" (higher is better; default and blank) or "cost" per metric.
 * @returns One score per supplier.
 */
export function scorecard(metrics: any[][], weights: any[][], directions?: MetricDirection[][]): any[][] {
  return spillColumn(
    () =>
      scoreSuppliers(tableArgument(metrics, "metrics"), dataVector(weights, "weights").values, {
        directions: optionalStringList(directions, "directions")?.map((d, i) => optionalChoice(d, `directions item ${i + 1}`, ["benefit", "cost"] as const) ?? "benefit"),
      }).map((s) => s.score),
    COST_NAMES,
  );
}
