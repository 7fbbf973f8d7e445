import { DomainError } from "../errors";
import { checkNumber } from "../validation";
import { selectForecastModel, type ModelSelection } from "./selectForecastModel";

/**
 * The two proportion methods Gross & Sohl (1990), "Disaggregation methods to
 * expedite product line forecasting", Journal of Forecasting 9(3): 233–254,
 * found most accurate among their twenty-one:
 *
 * - A, "average of historical proportions": p_i = (1/n) Σ_t y_it / Y_t, the
 *   mean over periods of the item's share of that period's family total
 *   (periods whose family total is 0 have no proportion and are left out);
 * - F, "proportion of historical averages": p_i = (Σ_t y_it / n) / (Σ_t Y_t / n)
 *   = Σ_t y_it / Σ_t Y_t, the item's share of the family's total.
 *
 * Y_t = Σ_i y_it is the family's demand in period t.
 */
export type ProportionMethod = "A" | "F";

export const PROPORTION_METHODS: Record<ProportionMethod, string> = {
  A: "average of historical proportions (Gross & Sohl 1990, method A)",
  F: "proportion of historical averages (Gross & Sohl 1990, method F)",
};

/** Item histories of one family, checked: equal lengths, finite, not negative. */
function checkedHistories(histories: ReadonlyMap<string, ArrayLike<number>>): { ids: string[]; length: number } {
  const ids = [...histories.keys()];
  if (ids.length === 0) throw new DomainError("histories", "a family needs at least one item", "missing");
  const length = histories.get(ids[0])!.length;
  for (const id of ids) {
    const h = histories.get(id)!;
    if (h.length !== length) throw new DomainError(`histories["${id}"]`, `expected ${length} periods (as "${ids[0]}"), got ${h.length}`);
    for (let t = 0; t < h.length; t++) {
      checkNumber(h[t], `histories["${id}"][${t}]`);
      if (h[t] < 0) throw new DomainError(`histories["${id}"][${t}]`, `demand may not be negative, got ${h[t]}`, "out_of_range");
    }
  }
  return { ids, length };
}

/** Y_t: the family's demand per period, the sum of its items'. */
export function familyAggregate(histories: ReadonlyMap<string, ArrayLike<number>>): Float64Array {
  const { ids, length } = checkedHistories(histories);
  const total = new Float64Array(length);
  for (const id of ids) {
    const h = histories.get(id)!;
    for (let t = 0; t < length; t++) total[t] += h[t];
  }
  return total;
}

/**
 * Each item's share of its family by Gross & Sohl's method A or F (see
 * {@link ProportionMethod}). The shares are non-negative and sum to 1 when the
 * family has any demand; an item without demand gets 0; a family without any
 * demand gives every item 0 (there is nothing to split).
 *
 * @example historicalShares(new Map([["P1", [2, 0]], ["P2", [2, 4]]]), "A"); // P1 (0.5 + 0) / 2 = 0.25, P2 (0.5 + 1) / 2 = 0.75
 * @example historicalShares(new Map([["P1", [2, 0]], ["P2", [2, 4]]]), "F"); // P1 2 / 8 = 0.25, P2 6 / 8 = 0.75
 */
export function historicalShares(histories: ReadonlyMap<string, ArrayLike<number>>, method: ProportionMethod): Map<string, number> {
  const { ids, length } = checkedHistories(histories);
  const total = familyAggregate(histories);
  const shares = new Map<string, number>();
  if (method === "F") {
    let family = 0;
    for (let t = 0; t < length; t++) family += total[t];
    for (const id of ids) {
      const h = histories.get(id)!;
      let item = 0;
      for (let t = 0; t < length; t++) item += h[t];
      shares.set(id, family > 0 ? item / family : 0);
    }
    return shares;
  }
  let periods = 0;
  for (let t = 0; t < length; t++) if (total[t] > 0) periods++;
  for (const id of ids) {
    const h = histories.get(id)!;
    let sum = 0;
    for (let t = 0; t < length; t++) if (total[t] > 0) sum += h[t] / total[t];
    shares.set(id, periods > 0 ? sum / periods : 0);
  }
  return shares;
}

/** ŷ_i = p_i · Ŷ: the family's forecast (or fitted values; null stays null) split by the shares. */
export function disaggregate<T extends number | null>(family: readonly T[], shares: ReadonlyMap<string, number>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const [id, share] of shares)
    out.set(
      id,
      family.map((v) => (v === null ? v : ((v * share) as T))),
    );
  return out;
}

export interface TopDownForecast {
  /** the family aggregate's automatic selection (method, pattern, model fitted on the whole history) */
  family: ModelSelection;
  /** Y_t */
  aggregate: Float64Array;
  shares: Map<string, number>;
  /** per item: the horizon's forecasts and the in-sample fitted values, each the family's times the item's share */
  items: Map<string, { forecast: number[]; fitted: Array<number | null> }>;
}

/**
 * Top-down forecasting of one family: aggregate the items' histories,
 * forecast the aggregate with the same automatic selection items get
 * (selectForecastModel), and split the forecast by each item's historical
 * share (Gross & Sohl 1990, method A or F). Item forecasts sum to the
 * family forecast whenever the family has demand.
 *
 * @throws DomainError naming the item and period of a bad value, or the selection's error when the aggregate cannot be forecast
 */
export function topDownForecast(histories: ReadonlyMap<string, ArrayLike<number>>, options: { horizon: number; seasonLength?: number; method?: ProportionMethod; holdout?: number }): TopDownForecast {
  const aggregate = familyAggregate(histories);
  const family = selectForecastModel(aggregate, { horizon: options.horizon, seasonLength: options.seasonLength, holdout: options.holdout });
  const shares = historicalShares(histories, options.method ?? "F");
  const forecasts = disaggregate(family.model.forecast, shares);
  const fitted = disaggregate(family.model.fitted as Array<number | null>, shares);
  const items = new Map([...shares.keys()].map((id) => [id, { forecast: forecasts.get(id)!, fitted: fitted.get(id)! }]));
  return { family, aggregate, shares, items };
}
