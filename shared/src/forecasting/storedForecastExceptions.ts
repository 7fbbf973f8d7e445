import { DEFAULT_EXCEPTION_THRESHOLDS } from "./forecastExceptions";

export interface StoredForecastError {
  productId: string;
  segment: string | null;
  /** in-sample Σ|e| / Σ|y| of the stored run; null when every actual was 0 */
  wape: number | null;
  /** CFE / MAD of the stored run's last weeks; null or absent when not stored */
  trackingSignal?: number | null;
  /** the product's revenue over the run's data window */
  revenue: number;
}

/** A segment policy's exception limits, where it sets them. */
export interface PolicyLimits {
  maxWape?: number;
  maxTrackingSignal?: number;
}

export interface StoredForecastException {
  productId: string;
  segment: string | null;
  wape: number;
  maxWape: number;
  /** where the WAPE threshold came from: the segment's policy, or the default for its ABC class */
  thresholdSource: "policy" | "default";
  /** WAPE × revenue = Σ|e| in money over the window: what the misses were worth */
  valueAtRisk: number;
  /** every limit the product is beyond, joined */
  reason: string;
  reasons: string[];
  trackingSignal: number | null;
  maxTrackingSignal: number | null;
  trackingSource: "policy" | "default" | null;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
const fixed = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/**
 * The forecast-exception list over a stored forecast run: products whose
 * WAPE exceeds their segment's ceiling, or whose |tracking signal| (CFE / MAD,
 * Brown; Trigg 1964) exceeds its limit, each limit the policy's (`maxWape`,
 * `maxTrackingSignal`) else the default for the segment's ABC class (see
 * DEFAULT_EXCEPTION_THRESHOLDS; C items have no bias limit by default).
 * Ranked by value at risk, worst first, so the costliest misses lead: since
 * WAPE = Σ|e| / Σy, WAPE × revenue is Σ|e| valued at the window's average
 * price. Products without a segment, a WAPE or a WAPE ceiling (no policy
 * maxWape, no ABC class) raise no exception.
 *
 * @example storedForecastExceptions([{ productId: "P1", segment: "AX", wape: 0.5, revenue: 1000 }], () => ({}))[0].valueAtRisk; // 500 (A default 0.2)
 */
export function storedForecastExceptions(errors: readonly StoredForecastError[], policyLimits: (segment: string) => PolicyLimits): StoredForecastException[] {
  const out: StoredForecastException[] = [];
  for (const e of errors) {
    if (e.segment === null || e.wape === null) continue;
    const policy = policyLimits(e.segment);
    const fallback = DEFAULT_EXCEPTION_THRESHOLDS[e.segment[0]];
    const maxWape = policy.maxWape ?? fallback?.maxWape;
    const maxSignal = policy.maxTrackingSignal ?? fallback?.maxTrackingSignal;
    const source = policy.maxWape !== undefined ? "policy" : "default";
    const signalSource = maxSignal === undefined ? null : policy.maxTrackingSignal !== undefined ? "policy" : "default";
    const from = (s: "policy" | "default" | null) => (s === "policy" ? `policy of ${e.segment}` : `default for ${e.segment![0]} items`);
    const signal = e.trackingSignal ?? null;
    const reasons: string[] = [];
    if (maxWape !== undefined && e.wape > maxWape) reasons.push(`WAPE ${pct(e.wape)} above ${pct(maxWape)} (${from(source)})`);
    if (maxSignal !== undefined && signal !== null && Math.abs(signal) > maxSignal) {
      reasons.push(`tracking signal ${signal > 0 ? "+" : "−"}${fixed(Math.abs(signal))} beyond ±${maxSignal}: ${signal > 0 ? "under" : "over"}-forecast (${from(signalSource)})`);
    }
    if (reasons.length === 0 || maxWape === undefined) continue;
    out.push({
      productId: e.productId,
      segment: e.segment,
      wape: e.wape,
      maxWape,
      thresholdSource: source,
      valueAtRisk: e.wape * e.revenue,
      reason: reasons.join("; "),
      reasons,
      trackingSignal: signal,
      maxTrackingSignal: maxSignal ?? null,
      trackingSource: signalSource,
    });
  }
  return out.sort((a, b) => b.valueAtRisk - a.valueAtRisk || a.productId.localeCompare(b.productId));
}
