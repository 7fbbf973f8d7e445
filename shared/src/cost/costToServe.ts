import { DomainError } from "../errors";
import { checkIds, toCheckedFloat64 } from "../validation";
import { rateOf } from "./activityRates";
import { toDriverTable } from "./driverTable";

/**
 * Where the activity rates come from. `pools`: activity pool costs divided by
 * total driver volumes that are either `"table"` (the sum over the rows given:
 * they absorb the whole pool) or the company-wide totals (they absorb their
 * share). `rates`: rates already known (money per driver unit).
 */
export type RateBasis =
  { activityCosts: ArrayLike<unknown>; totalDriverVolumes: "table" | ArrayLike<unknown>; rates?: undefined } | { rates: ArrayLike<unknown>; activityCosts?: undefined; totalDriverVolumes?: undefined };

export interface CostToServeOptions {
  /** one id per row (customer, or customer × product line); default "1", "2", … */
  ids?: ReadonlyArray<unknown>;
  /** one name per activity column; default "activity 1", … */
  activities?: ReadonlyArray<unknown>;
  /** costs traced directly to a row (dedicated staff, a customer's own packaging), added to its total; ≥ 0 */
  directCosts?: ArrayLike<unknown>;
}

export interface CostToServeResult {
  ids: string[];
  activities: string[];
  /** money per driver unit, one per activity */
  rates: number[];
  /** byActivity[i][j] = volume of activity j used by row i × rate j */
  byActivity: number[][];
  /** Σⱼ byActivity[i][j] */
  activityCost: number[];
  directCost: number[];
  /** activity cost + direct cost, one per row */
  total: number[];
  /** Σᵢ byActivity[i][j]: what the rows absorb of each activity */
  activityTotals: number[];
  /** pool cost − absorbed cost per activity (0 with "table" totals; the rest of the company's share with given totals; 0 with rates) */
  unabsorbed: number[];
}

/**
 * The arithmetic of cost-to-serve on row-major arrays, with no validation:
 * byActivity[i·m + j] = volume[i·m + j] × rate[j], total[i] = Σⱼ, and the
 * column sums. The hot loop of {@link costToServe} and of the benchmark.
 */
export function costToServeArrays(volumes: Float64Array, rows: number, columns: number, rates: Float64Array): { byActivity: Float64Array; total: Float64Array; activityTotals: Float64Array } {
  const byActivity = new Float64Array(rows * columns);
  const total = new Float64Array(rows);
  const activityTotals = new Float64Array(columns);
  for (let i = 0, k = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < columns; j++, k++) {
      const c = volumes[k] * rates[j];
      byActivity[k] = c;
      sum += c;
      activityTotals[j] += c;
    }
    total[i] = sum;
  }
  return { byActivity, total, activityTotals };
}

/** Column sums of a row-major table. */
export function columnSums(values: Float64Array, rows: number, columns: number): Float64Array {
  const sums = new Float64Array(columns);
  for (let i = 0, k = 0; i < rows; i++) for (let j = 0; j < columns; j++, k++) sums[j] += values[k];
  return sums;
}

/**
 * Activity-based cost-to-serve: each row's (customer's, or customer ×
 * product line's) consumption of every activity priced at the activity rate,
 *
 *   CTSᵢ = Σⱼ volumeᵢⱼ × rateⱼ + direct costᵢ,   rateⱼ = poolⱼ / total volumeⱼ,
 *
 * split by activity. Kaplan & Cooper, *Cost & Effect* (1998), ch. 10
 * "Measuring and managing customer profitability"; Horngren, Datar & Rajan,
 * *Cost Accounting: A Managerial Emphasis*, ch. "Customer-profitability
 * analysis" (customer-level costs = Σ cost-driver rate × quantity; the Spring
 * Distribution problem is reproduced in the tests). With `"table"` totals
 * the rows absorb every pool exactly (Σᵢ CTSᵢ = Σⱼ poolⱼ + Σ direct).
 *
 * @param driverVolumes rows × activities, each a driver volume ≥ 0 (orders, lines, deliveries, kg·km…)
 * @param basis rates, or pool costs with the caller's choice of totals
 * @throws DomainError naming `driverVolumes[i][j]`, `activityCosts[j]`, `totalDriverVolumes[j]`, `rates[j]`, `directCosts[i]`, `ids[i]` or `activities[j]`
 * @example costToServe([[2, 1], [3, 0]], { activityCosts: [50, 40], totalDriverVolumes: "table" }).total // [60, 30]
 */
export function costToServe(driverVolumes: ReadonlyArray<ReadonlyArray<unknown>>, basis: RateBasis, options: CostToServeOptions = {}): CostToServeResult {
  const table = toDriverTable(driverVolumes, "driverVolumes");
  const { rows, columns } = table;
  const { rates, pools } = resolveRates(basis, table.values, rows, columns);
  const activities = activityNames(options.activities, columns);
  const ids = checkIds(options.ids, rows, "ids");
  const direct = options.directCosts === undefined ? new Float64Array(rows) : toCheckedFloat64(options.directCosts, "directCosts", { min: 0 });
  if (direct.length !== rows) throw new DomainError("directCosts", `expected ${rows} direct costs (one per row of driverVolumes), got ${direct.length}`);

  const { byActivity, total, activityTotals } = costToServeArrays(table.values, rows, columns, rates);
  const byRow: number[][] = new Array(rows);
  const activityCost = Array.from(total);
  for (let i = 0; i < rows; i++) byRow[i] = Array.from(byActivity.subarray(i * columns, (i + 1) * columns));
  return {
    ids,
    activities,
    rates: Array.from(rates),
    byActivity: byRow,
    activityCost,
    directCost: Array.from(direct),
    total: activityCost.map((c, i) => c + direct[i]),
    activityTotals: Array.from(activityTotals),
    unabsorbed: pools ? Array.from(pools, (p, j) => p - activityTotals[j]) : new Array<number>(columns).fill(0),
  };
}

/**
 * Rates from the basis. Given totals may not be below the table's own
 * volume: the rows would then absorb more than the whole pool, which means
 * the totals and the table come from different periods or scopes.
 */
export function resolveRates(basis: RateBasis, volumes: Float64Array, rows: number, columns: number): { rates: Float64Array; pools?: Float64Array } {
  if (basis === null || typeof basis !== "object") throw new DomainError("basis", "give either rates or activityCosts with totalDriverVolumes", "missing");
  if (basis.rates !== undefined) {
    if (basis.activityCosts !== undefined) throw new DomainError("rates", "give either rates or activityCosts, not both");
    const rates = toCheckedFloat64(basis.rates, "rates", { min: 0 });
    if (rates.length !== columns) throw new DomainError("rates", `expected ${columns} rates (one per activity column), got ${rates.length}`);
    return { rates };
  }
  if (basis.activityCosts === undefined) throw new DomainError("activityCosts", "give either rates or activityCosts with totalDriverVolumes", "missing");
  const pools = toCheckedFloat64(basis.activityCosts, "activityCosts", { min: 0 });
  if (pools.length !== columns) throw new DomainError("activityCosts", `expected ${columns} activity costs (one per activity column), got ${pools.length}`);
  const own = columnSums(volumes, rows, columns);
  let totals: Float64Array;
  if (basis.totalDriverVolumes === "table") {
    totals = own;
  } else if (basis.totalDriverVolumes === undefined || basis.totalDriverVolumes === null) {
    throw new DomainError("totalDriverVolumes", 'choose the totals: "table" (the sum over these rows, which then absorb every pool) or the company-wide driver volumes', "missing");
  } else {
    totals = toCheckedFloat64(basis.totalDriverVolumes, "totalDriverVolumes", { min: 0 });
    if (totals.length !== columns) throw new DomainError("totalDriverVolumes", `expected ${columns} totals (one per activity column), got ${totals.length}`);
    for (let j = 0; j < columns; j++) {
      // Relative slack: a total typed from a report may round the same sum differently.
      if (totals[j] < own[j] * (1 - 1e-12)) {
        throw new DomainError(`totalDriverVolumes[${j}]`, `${totals[j]} is below the ${own[j]} units of this activity in the table: the rows would absorb more than the whole pool`, "out_of_range");
      }
    }
  }
  const rates = new Float64Array(columns);
  for (let j = 0; j < columns; j++) rates[j] = rateOf(pools[j], totals[j], j);
  return { rates, pools };
}

function activityNames(names: ReadonlyArray<unknown> | undefined, columns: number): string[] {
  if (names === undefined) return Array.from({ length: columns }, (_, j) => `activity ${j + 1}`);
  return checkIds(names, columns, "activities");
}
