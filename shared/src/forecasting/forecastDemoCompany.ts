import { DomainError } from "../errors";
import type { DemoCompany } from "../demo";
import { classifyAbc, type DemandPattern } from "../segmentation";
import { selectForecastModel } from "./selectForecastModel";
import type { ModelMethod } from "./types";

export interface DemoForecastItem {
  productId: string;
  abcClass: string;
  pattern: DemandPattern;
  /** the method selected on the history before the evaluation window */
  method: ModelMethod;
  /** the evaluation window's forecasts, from its origin */
  forecast: number[];
  actual: number[];
}

export interface DemoForecastReport {
  weeks: number;
  holdout: number;
  items: DemoForecastItem[];
  /** per ABC class: Σ|e| / Σ|actual| over the items and weeks of the evaluation window; null without demand */
  segments: Array<{ segment: string; items: number; wape: number | null; methods: Partial<Record<ModelMethod, number>> }>;
}

/**
 * Automatic selection over every product of a company, evaluated out of
 * sample: weekly demand from the order lines, ABC by revenue, then for each
 * product a model selected on all but the last `holdout` weeks (with its own
 * inner hold-out) forecasts those weeks; WAPE is pooled per ABC class.
 *
 * @throws DomainError naming `holdout` when it leaves fewer than 8 weeks to fit on.
 */
/** Each product's weekly units (week 1 at index 0) and its revenue over the history, in the company's product order. */
export function demandByProduct(company: DemoCompany): { demand: Float64Array[]; revenue: Float64Array } {
  const weeks = company.settings.weeks;
  const index = new Map(company.products.map((p, i) => [p.productId, i]));
  const demand = company.products.map(() => new Float64Array(weeks));
  const revenue = new Float64Array(company.products.length);
  for (const line of company.orderLines) {
    const p = index.get(line.productId);
    if (p === undefined) continue;
    demand[p][line.week - 1] += line.quantity;
    revenue[p] += line.quantity * line.unitPrice;
  }
  return { demand, revenue };
}

export function forecastDemoCompany(company: DemoCompany, options: { holdout?: number } = {}): DemoForecastReport {
  const weeks = company.settings.weeks;
  const holdout = options.holdout ?? 13;
  if (!Number.isInteger(holdout) || holdout < 1 || weeks - holdout < 8) {
    throw new DomainError("holdout", `expected a whole number from 1 to ${weeks - 8} (at least 8 weeks left to fit on), got ${holdout}`, "out_of_range");
  }
  const { demand, revenue } = demandByProduct(company);
  const abc = classifyAbc(Array.from(revenue), { ids: company.products.map((p) => p.productId) });
  const items: DemoForecastItem[] = company.products.map((product, i) => {
    const series = demand[i];
    const selection = selectForecastModel(series.subarray(0, weeks - holdout), { horizon: holdout, holdout: Math.min(13, holdout) });
    return {
      productId: product.productId,
      abcClass: abc.items[i].class,
      pattern: selection.pattern,
      method: selection.method,
      forecast: selection.model.forecast,
      actual: Array.from(series.subarray(weeks - holdout)),
    };
  });
  const bySegment = new Map<string, { items: number; absError: number; absActual: number; methods: Partial<Record<ModelMethod, number>> }>();
  for (const item of items) {
    const s = bySegment.get(item.abcClass) ?? { items: 0, absError: 0, absActual: 0, methods: {} };
    s.items++;
    s.methods[item.method] = (s.methods[item.method] ?? 0) + 1;
    item.actual.forEach((a, h) => {
      s.absError += Math.abs(a - item.forecast[h]);
      s.absActual += Math.abs(a);
    });
    bySegment.set(item.abcClass, s);
  }
  const segments = [...bySegment.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([segment, s]) => ({ segment, items: s.items, wape: s.absActual > 0 ? s.absError / s.absActual : null, methods: s.methods }));
  return { weeks, holdout, items, segments };
}
