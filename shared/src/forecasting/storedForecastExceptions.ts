import { DEFAULT_EXCEPTION_THRESHOLDS } from "./forecastExceptions";

export interface StoredForecastError {
  productId: string;
  segment: string | null;
  /** in-sample Σ|e| / Σ|y| of the stored run; null when every actual was 0 */
  wape: number | null;
  /** the product's revenue over the run's data window */
  revenue: number;
}

export interface StoredForecastException {
  productId: string;
  segment: string | null;
  wape: number;
  maxWape: number;
  /** where the threshold came from: the segment's policy, or the default for its ABC class */
  thresholdSource: "policy" | "default";
  /** WAPE × revenue = Σ|e| in money over the window: what the misses were worth */
  valueAtRisk: number;
  reason: string;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

/**
 * The forecast-exception list over a stored forecast run: products whose
 * WAPE exceeds their segment's ceiling (the policy's `maxWape`, else the
 * default for the segment's ABC class, see DEFAULT_EXCEPTION_THRESHOLDS),
 * ranked by value at risk, worst first, so the costliest misses lead. Since
 * WAPE = Σ|e| / Σy, WAPE × revenue is Σ|e| valued at the window's average
 * price. Products without a segment or a ceiling raise no exception.
 *
 * @example storedForecastExceptions([{ productId: "P1", segment: "AX", wape: 0.5, revenue: 1000 }], () => undefined)[0].valueAtRisk; // 500 (A default 0.2)
 */
export function storedForecastExceptions(errors: readonly StoredForecastError[], policyMaxWape: (segment: string) => number | undefined): StoredForecastException[] {
  const out: StoredForecastException[] = [];
  for (const e of errors) {
    if (e.segment === null || e.wape === null) continue;
    const fromPolicy = policyMaxWape(e.segment);
    const fallback = DEFAULT_EXCEPTION_THRESHOLDS[e.segment[0]]?.maxWape;
    const maxWape = fromPolicy ?? fallback;
    if (maxWape === undefined || !(e.wape > maxWape)) continue;
    const source = fromPolicy !== undefined ? "policy" : "default";
    out.push({
      productId: e.productId,
      segment: e.segment,
      wape: e.wape,
      maxWape,
      thresholdSource: source,
      valueAtRisk: e.wape * e.revenue,
      reason: `WAPE ${pct(e.wape)} above ${pct(maxWape)} (${source === "policy" ? `policy of ${e.segment}` : `default for ${e.segment[0]} items`})`,
    });
  }
  return out.sort((a, b) => b.valueAtRisk - a.valueAtRisk || a.productId.localeCompare(b.productId));
}
