import type { HoldoutForecast } from "./holdoutForecasts";
import { rankDrivers, type RankedDriver } from "./rankDrivers";

/**
 * |TS| above 4 MADs: the out-of-control limit usually paired with Brown's
 * CFE / MAD signal (Silver, Pyke & Thomas, *Inventory and Production
 * Management in Supply Chains*, 4th ed., §4.8; DEFAULT_EXCEPTION_THRESHOLDS
 * uses it too). The KPI says when this default, not a policy, is the limit.
 */
export const DEFAULT_MAX_TRACKING_SIGNAL = 4;

export interface SegmentTrackingSignal {
  /** CFE / MAD of the segment's pooled weekly error; null without forecasts or when every week's error is 0 */
  signal: number | null;
  /** cumulative forecast error Σ_t e_t, units: positive when demand ran above the forecasts */
  cfe: number;
  /** mean |e_t| over the hold-out weeks, units */
  mad: number;
  weeks: number;
  /** the entities whose own cumulative error leans the segment's way, by its size */
  drivers: { entities: RankedDriver[] };
}

/**
 * A segment's tracking signal over its hold-out forecasts: with the pooled
 * error of week t, e_t = Σ_i (y_it − ŷ_it) over the segment's entities, the
 * cumulative forecast error CFE = Σ_t e_t and MAD = mean_t |e_t|, the signal
 * is CFE / MAD (Brown, *Smoothing, Forecasting and Prediction*, 1963; Trigg,
 * "Monitoring a Forecasting System", Operational Research Quarterly 15(3),
 * 1964, which smooths both terms). Unbiased forecasts keep it near 0; a
 * signal beyond ±4 says the errors run one way, i.e. the forecast is biased.
 * Weeks are pooled before the signal, as a planner reviews the segment's
 * total; the drivers are the entities whose own CFE has the segment's sign.
 *
 * @example segmentTrackingSignal(["P1"], new Map([["P1", { actual: [12, 12, 12], forecast: [10, 10, 10] }]])).signal; // 6 / 2 = 3
 */
export function segmentTrackingSignal(entities: readonly string[], forecasts: ReadonlyMap<string, HoldoutForecast>): SegmentTrackingSignal {
  const series = entities.flatMap((id) => {
    const f = forecasts.get(id);
    return f ? [{ id, ...f }] : [];
  });
  const weeks = series.reduce((n, s) => Math.max(n, s.actual.length), 0);
  const pooled = new Float64Array(weeks);
  const own = series.map((s) => {
    let cfe = 0;
    for (let t = 0; t < s.actual.length; t++) {
      const e = s.actual[t] - s.forecast[t];
      pooled[t] += e;
      cfe += e;
    }
    return { id: s.id, cfe };
  });
  const cfe = pooled.reduce((a, e) => a + e, 0);
  const mad = weeks > 0 ? pooled.reduce((a, e) => a + Math.abs(e), 0) / weeks : 0;
  const sign = Math.sign(cfe);
  return {
    signal: mad > 0 && Number.isFinite(cfe / mad) ? cfe / mad : null,
    cfe,
    mad,
    weeks,
    drivers: { entities: sign === 0 ? [] : rankDrivers(own.filter((o) => Math.sign(o.cfe) === sign).map((o) => ({ id: o.id, value: Math.abs(o.cfe) }))) },
  };
}

/** The signal in words for the KPI's note: which way the forecast leans and by how much (the limit and where it comes from are the KPI's target and targetSource). */
export function trackingSignalNote(ts: SegmentTrackingSignal): string {
  if (ts.signal === null) return "|CFE / MAD| over the hold-out: no forecast error to judge";
  const lean = ts.cfe > 0 ? "demand ran above the forecasts (under-forecast)" : ts.cfe < 0 ? "demand ran below the forecasts (over-forecast)" : "errors cancel out (no bias)";
  // Units whole with thousands separators and a typographic minus, as a planner reads them.
  const units = (x: number) => Math.round(x).toLocaleString("en-US").replace("-", "\u2212");
  const signal = (Math.round(ts.signal * 10) / 10).toFixed(1).replace("-", "\u2212");
  return `|CFE / MAD| over a ${ts.weeks}-week hold-out: signal ${signal}, CFE ${units(ts.cfe)} units, MAD ${units(ts.mad)}; ${lean}`;
}
