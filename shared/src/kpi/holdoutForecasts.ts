import { selectForecastModel } from "../forecasting/selectForecastModel";

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
