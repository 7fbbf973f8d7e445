import { DomainError } from "../../../shared/src/errors";
import { naiveScale, predictionIntervals, selectForecastModel, type EtsFit, type FittedModel } from "../../../shared/src/forecasting";
import type { forecastMethodSchema } from "../../../shared/src/segmentation";
import type { z } from "zod";

type PolicyMethod = z.infer<typeof forecastMethodSchema>;

export interface SeriesForecast {
  method: string;
  pattern: string;
  forecast: number[];
  sigma: number | null;
  mase: number | null;
  wape: number | null;
  /** CFE / MAD of the last TRACKING_WEEKS one-step errors; null when they are all 0 */
  trackingSignal: number | null;
  /** in-sample Σ|e| and Σ|y| over the fitted periods (what pools a segment's WAPE) */
  absError: number;
  absActual: number;
  /** the forecast-error sd for h = 1 … horizon (predictionIntervals); null when no spread could be measured */
  errorSd: number[] | null;
}

/**
 * The tracking signal's window: the last quarter of weekly one-step errors.
 * CFE over the whole history grows with its length for any small bias, so
 * the signal is read over recent periods, as a planner reviews it (Silver,
 * Pyke & Thomas, 4th ed., §4.8), and over the same 13 weeks as the KPI's hold-out.
 */
export const TRACKING_WEEKS = 13;

/**
 * One product's forecast with its segment's method ("auto": selection by
 * hold-out), and the fitted model's in-sample one-step errors: sigma (their
 * standard deviation, what safety stock reads), MASE against the naive
 * method, WAPE and the tracking signal (Brown's CFE / MAD over the last
 * TRACKING_WEEKS errors). A policy method the series cannot carry (Holt-Winters
 * without a season length or with too short a history) falls back to
 * automatic selection; the stored method says which ran. Null when even
 * that cannot fit the series.
 */
export function forecastSeries(history: Float64Array, policyMethod: PolicyMethod, horizon: number, seasonLength?: number): SeriesForecast | null {
  let selection;
  try {
    selection = selectForecastModel(history, { horizon, policyMethod, seasonLength });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (policyMethod === "auto") return null;
    try {
      selection = selectForecastModel(history, { horizon, seasonLength });
    } catch (again) {
      if (again instanceof DomainError) return null;
      throw again;
    }
  }
  const { model } = selection;
  const errors = inSampleErrors(history, model.fitted);
  const sigma = model.fittedPeriods > 0 ? Math.sqrt(model.sse / model.fittedPeriods) : null;
  return {
    method: selection.method,
    pattern: selection.pattern,
    forecast: model.forecast,
    ...errors,
    sigma: sigma !== null && Number.isFinite(sigma) ? sigma : null,
    errorSd: errorSdOf(history, model, selection.selection === "aicc" ? selection.ets?.best : undefined),
  };
}

/**
 * The model's forecast-error sd per step (shared predictionIntervals: analytic for the exponential-smoothing
 * methods, empirical otherwise). A combined (median) forecast takes its hold-out member's spread: the model
 * selection returns with the median as its forecast; an AICc selection's is its ETS fit's. Null when the fit has too few errors to measure one.
 */
export function errorSdOf(history: Float64Array, model: FittedModel, ets?: EtsFit): number[] | null {
  try {
    const sd = predictionIntervals(history, model, ets ? { ets } : {}).sd;
    return sd.every(Number.isFinite) ? sd : null;
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

/**
 * The in-sample one-step errors of fitted values against a history: sigma
 * (their standard deviation, what safety stock reads), MASE against the
 * naive method, WAPE with its Σ|e| and Σ|y|, and the tracking signal (Brown's
 * CFE / MAD over the last TRACKING_WEEKS errors). A top-down item's fitted
 * values are its share of the family's.
 */
export function inSampleErrors(history: Float64Array, fitted: ReadonlyArray<number | null | undefined>): Omit<SeriesForecast, "method" | "pattern" | "forecast" | "errorSd"> {
  let absolute = 0;
  let actual = 0;
  let squares = 0;
  const errors: number[] = [];
  for (let t = 0; t < history.length; t++) {
    const f = fitted[t];
    if (f === null || f === undefined) continue;
    const e = history[t] - f;
    errors.push(e);
    absolute += Math.abs(e);
    squares += e * e;
    actual += Math.abs(history[t]);
  }
  const n = errors.length;
  const recent = errors.slice(-TRACKING_WEEKS);
  const cfe = recent.reduce((s, e) => s + e, 0);
  const mad = recent.length ? recent.reduce((s, e) => s + Math.abs(e), 0) / recent.length : 0;
  const scale = naiveScale(history, 1);
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    sigma: n > 0 ? finite(Math.sqrt(squares / n)) : null,
    mase: n > 0 && scale > 0 ? finite(absolute / n / scale) : null,
    wape: actual > 0 ? finite(absolute / actual) : null,
    trackingSignal: mad > 0 ? finite(cfe / mad) : null,
    absError: absolute,
    absActual: actual,
  };
}
