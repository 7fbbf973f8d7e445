import { selectForecastModel } from "../forecasting/selectForecastModel";
import { topDownForecast } from "../forecasting/topDown";

/** The longest hold-out, a quarter of weekly buckets. */
const MAX_HOLDOUT = 13;
/** Weeks a model needs before the hold-out to be selected at all. */
const MIN_FIT_WEEKS = 8;

/**
 * Weeks held out to measure forecast error: a third of the history, at most
 * 13; 0 when fewer than 8 weeks would remain to select the model on.
 *
 * @example holdoutWeeks(26); // 8
 */
export function holdoutWeeks(weeks: number): number {
  const holdout = Math.min(MAX_HOLDOUT, Math.floor(weeks / 3));
  return holdout < 1 || weeks - holdout < MIN_FIT_WEEKS ? 0 : holdout;
}

export interface HoldoutForecast {
  actual: number[];
  forecast: number[];
}

/**
 * Out-of-sample forecasts of the last `holdoutWeeks(weeks)` weeks of each
 * listed entity: a model selected (selectForecastModel) on the weeks before
 * forecasts them, as forecastDemoCompany does per product. Entities without
 * a series, and every entity when the history is too short, get none.
 *
 * @param series units per week of each entity, weeks 1 … `weeks`
 */
export function holdoutForecasts(series: ReadonlyMap<string, Float64Array>, ids: Iterable<string>, weeks: number): Map<string, HoldoutForecast> {
  const holdout = holdoutWeeks(weeks);
  const out = new Map<string, HoldoutForecast>();
  if (holdout === 0) return out;
  for (const id of ids) {
    const s = series.get(id);
    if (!s || out.has(id)) continue;
    const selection = selectForecastModel(s.subarray(0, weeks - holdout), { horizon: holdout, holdout: Math.min(MAX_HOLDOUT, holdout) });
    out.set(id, { actual: Array.from(s.subarray(weeks - holdout)), forecast: selection.model.forecast.slice(0, holdout) });
  }
  return out;
}

/**
 * Hold-out forecasts at the level each entity's policy sets: those `familyOf`
 * names a family for are forecast top-down (the family's members summed, the
 * sum forecast by the same automatic selection, split by Gross & Sohl's
 * (1990) average of historical proportions over the weeks before the
 * hold-out, as a forecast run does), the others as holdoutForecasts does.
 * Also the families' own hold-out forecasts, for the family-level error.
 *
 * @param familyOf an entity's family when its policy forecasts it by family, else null
 */
export function holdoutForecastsByLevel(
  series: ReadonlyMap<string, Float64Array>,
  ids: Iterable<string>,
  weeks: number,
  familyOf: (id: string) => string | null,
): { items: Map<string, HoldoutForecast>; families: Map<string, HoldoutForecast & { members: string[] }> } {
  const all = [...new Set(ids)];
  const families = new Map<string, string[]>();
  for (const id of all) {
    const family = familyOf(id);
    if (family === null || !series.has(id)) continue;
    if (!families.has(family)) families.set(family, []);
    families.get(family)!.push(id);
  }
  const items = holdoutForecasts(
    series,
    all.filter((id) => familyOf(id) === null || !series.has(id)),
    weeks,
  );
  const familyForecasts = new Map<string, HoldoutForecast & { members: string[] }>();
  const holdout = holdoutWeeks(weeks);
  if (holdout === 0) return { items, families: familyForecasts };
  for (const [family, members] of families) {
    const td = topDownForecast(new Map(members.map((id) => [id, series.get(id)!.subarray(0, weeks - holdout)])), { horizon: holdout, holdout: Math.min(MAX_HOLDOUT, holdout), method: "A" });
    for (const [id, item] of td.items) items.set(id, { actual: Array.from(series.get(id)!.subarray(weeks - holdout)), forecast: item.forecast.slice(0, holdout) });
    const actual = Array.from({ length: holdout }, (_, h) => members.reduce((s, id) => s + series.get(id)![weeks - holdout + h], 0));
    familyForecasts.set(family, { actual, forecast: td.family.model.forecast.slice(0, holdout), members });
  }
  return { items, families: familyForecasts };
}
