import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { forecastAccuracy } from "./forecastAccuracy";
import { mustBe } from "../validation";

export const exceptionItemSchema = z.object({
  id: z.string().trim().min(1),
  segment: z.string().trim().min(1),
  actuals: z.array(z.unknown()),
  forecasts: z.array(z.unknown()),
  unitValue: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
});
export const exceptionThresholdSchema = z.object({
  maxWape: z.number(mustBe.number).finite().gt(0, mustBe.above(0)).optional(),
  maxTrackingSignal: z.number(mustBe.number).finite().gt(0, mustBe.above(0)).optional(),
});
export type ExceptionItem = z.input<typeof exceptionItemSchema>;
export type ExceptionThreshold = z.input<typeof exceptionThresholdSchema>;

export interface ForecastException {
  id: string;
  segment: string;
  wape: number | null;
  trackingSignal: number | null;
  /** Σ|e| × unit value: money mis-forecast over the periods scored */
  valueAtRisk: number;
  reasons: string[];
}

/** Example thresholds per ABC class: tight for A, loose for C (|TS| > 4 is Brown's classic out-of-control signal). */
export const DEFAULT_EXCEPTION_THRESHOLDS: Readonly<Record<string, ExceptionThreshold>> = {
  A: { maxWape: 0.2, maxTrackingSignal: 4 },
  B: { maxWape: 0.4, maxTrackingSignal: 4 },
  C: { maxWape: 0.6 },
};

/**
 * The forecast exception list: items whose WAPE or |tracking signal|
 * (definitions in forecastAccuracy) exceeds their segment's threshold,
 * ranked by value at risk = Σ|actual − forecast| × unit value, worst first
 * (ties by input order), so a planner sees the costliest misses first.
 * Segments without a threshold row raise no exceptions.
 *
 * @throws DomainError naming `items[i].field` for a bad item, `thresholds.<segment>.field` for a bad threshold.
 * @example forecastExceptions([{ id: "P1", segment: "A", actuals: [10, 10], forecasts: [5, 5], unitValue: 3 }]) // [{ id: "P1", wape: 0.5, valueAtRisk: 30, … }]
 */
export function forecastExceptions(items: readonly ExceptionItem[], thresholds: Readonly<Record<string, ExceptionThreshold>> = DEFAULT_EXCEPTION_THRESHOLDS): ForecastException[] {
  const parsed = parseWith(z.array(exceptionItemSchema), items, "items");
  const limits = parseWith(z.record(z.string(), exceptionThresholdSchema), thresholds, "thresholds");
  const out: Array<ForecastException & { order: number }> = [];
  parsed.forEach((item, i) => {
    const limit = limits[item.segment];
    if (!limit) return;
    let accuracy;
    try {
      accuracy = forecastAccuracy(item.actuals, item.forecasts);
    } catch (error) {
      if (error instanceof DomainError) throw new DomainError(`items[${i}].${error.field}`, error.detail, error.kind);
      throw error;
    }
    const reasons: string[] = [];
    if (limit.maxWape !== undefined && accuracy.wape !== null && accuracy.wape > limit.maxWape) reasons.push(`WAPE ${accuracy.wape.toFixed(3)} > ${limit.maxWape}`);
    if (limit.maxTrackingSignal !== undefined && accuracy.trackingSignal !== null && Math.abs(accuracy.trackingSignal) > limit.maxTrackingSignal) {
      reasons.push(`|tracking signal| ${Math.abs(accuracy.trackingSignal).toFixed(2)} > ${limit.maxTrackingSignal}`);
    }
    if (reasons.length === 0) return;
    out.push({ id: item.id, segment: item.segment, wape: accuracy.wape, trackingSignal: accuracy.trackingSignal, valueAtRisk: accuracy.mae * accuracy.pairs * item.unitValue, reasons, order: i });
  });
  out.sort((a, b) => b.valueAtRisk - a.valueAtRisk || a.order - b.order);
  return out.map(({ order: _order, ...rest }) => rest);
}
