import { kpiStatus, type KpiValue } from "./kpiValue";
import { KPI_DIRECTION } from "./schemas";

/** Months a KPI must miss its target in a row, up to the latest, before the health check flags it: a quarter, past one bad month's noise. */
export const DEFAULT_MIN_PERIODS = 3;

export interface Underperformance {
  segment: string;
  kpi: KpiValue["kpi"];
  target: number;
  /** the months of the run, oldest first (YYYY-MM), ending with the latest month measured */
  periods: string[];
  /** the KPI's value in each of those months */
  values: number[];
  /** the run's month furthest on the wrong side of the target */
  worst: { period: string; value: number };
  sentence: string;
}

const SHARES = new Set<string>(["otif", "fill_rate", "cost_to_serve_pct", "forecast_wape", "stock_aging"]);
const LABELS: Record<string, string> = { otif: "OTIF", fill_rate: "fill rate", cost_to_serve_pct: "cost-to-serve", forecast_wape: "forecast WAPE", stock_aging: "aged stock" };
const show = (kpi: string, x: number) => (SHARES.has(kpi) ? `${(Math.round(x * 1000) / 10).toFixed(1)} %` : (Math.round(x * 100) / 100).toString());

/**
 * Segments whose KPIs have missed their target in each of the latest
 * `minPeriods` or more months in a row: per KPI with monthly values, the run
 * of breached months that ends with the latest month (a month without a value
 * ends the run, unjudged). A segment that recovered last month is not flagged,
 * however long its earlier run: the check asks what is wrong now. Judged as
 * the KPI itself is (kpiStatus: strictly below a "min" target, above a "max"
 * one). Longest run first, then segment and KPI.
 *
 * @example persistentUnderperformance([{ segment: "AX", kpis: [{ kpi: "otif", target: 0.95, periods: [{ period: "2026-01", value: 0.9 }, { period: "2026-02", value: 0.9 }, { period: "2026-03", value: 0.8 }] }] }])[0].periods; // ["2026-01", "2026-02", "2026-03"]
 */
export function persistentUnderperformance(segments: ReadonlyArray<{ segment: string; kpis: ReadonlyArray<Pick<KpiValue, "kpi" | "target" | "periods">> }>, minPeriods: number = DEFAULT_MIN_PERIODS): Underperformance[] {
  const out: Underperformance[] = [];
  for (const s of segments) {
    for (const k of s.kpis) {
      if (k.target === null || !k.periods?.length) continue;
      const months = [...k.periods].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
      const run: Array<{ period: string; value: number }> = [];
      for (let i = months.length - 1; i >= 0; i--) {
        const m = months[i];
        if (m.value === null || kpiStatus(k.kpi, m.value, k.target) !== "breach") break;
        run.unshift({ period: m.period, value: m.value });
      }
      if (run.length < minPeriods) continue;
      const min = KPI_DIRECTION[k.kpi] === "min";
      const worst = run.reduce((w, m) => ((min ? m.value < w.value : m.value > w.value) ? m : w));
      const label = LABELS[k.kpi] ?? k.kpi.replace(/_/g, " ");
      const target = k.target;
      out.push({
        segment: s.segment,
        kpi: k.kpi,
        target,
        periods: run.map((m) => m.period),
        values: run.map((m) => m.value),
        worst,
        sentence: `${s.segment}: ${label} ${min ? "below" : "above"} its target of ${show(k.kpi, target)} for ${run.length} months running, ${run[0].period} to ${run[run.length - 1].period} (${run.map((m) => show(k.kpi, m.value)).join(", ")}; worst ${show(k.kpi, worst.value)} in ${worst.period})`,
      });
    }
  }
  return out.sort((a, b) => b.periods.length - a.periods.length || a.segment.localeCompare(b.segment) || a.kpi.localeCompare(b.kpi));
}
