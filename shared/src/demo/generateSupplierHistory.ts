import { createRng } from "../random";
import { fixed, toCsv } from "./toCsv";
import { clamp, roundTo, uniform } from "./sampling";
import type { Supplier } from "./types";

/**
 * The demo suppliers' monthly performance history and contract terms, as
 * the CSV files `supplier_performance.csv` and `supplier_terms.csv`. Each
 * month scatters around the supplier's row (on-time ± 4 points, ppm ± 30 %,
 * lead time drifting ± 10 % of its mean), so the history has the spread a
 * scorecard reads; contracts promise a little under the lead time actually
 * seen, the usual gap. Its own random stream: the company's files stay the
 * same bytes.
 *
 * @param months periods `2026-01` … counted back from `lastMonth`
 */
export function supplierHistoryCsvFiles(
  suppliers: readonly Supplier[],
  options: { seed?: number; months?: number; lastMonth?: string; validFrom?: string } = {},
): Record<"supplier_performance.csv" | "supplier_terms.csv", string> {
  const rng = createRng(options.seed ?? 20261204);
  const months = options.months ?? 12;
  const [lastYear, lastMon] = (options.lastMonth ?? "2026-11").split("-").map(Number);
  const period = (back: number) => {
    const index = lastYear * 12 + (lastMon - 1) - back;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  };
  const performance: Array<{ id: string; period: string; onTime: number; ppm: number; mean: number; sd: number; fill: number }> = [];
  const terms: Array<{ id: string; moq: number; lead: number; penalty: number; breaks: string }> = [];
  for (const s of suppliers) {
    for (let back = months - 1; back >= 0; back--) {
      const mean = Math.max(1, s.leadTimeMeanDays * (1 + uniform(rng, -0.1, 0.1)));
      performance.push({
        id: s.supplierId,
        period: period(back),
        onTime: clamp(s.onTimeRate + uniform(rng, -0.04, 0.04), 0.3, 1),
        ppm: Math.max(0, s.qualityPpm * (1 + uniform(rng, -0.3, 0.3))),
        mean,
        sd: Math.max(0.1, s.leadTimeSdDays * (1 + uniform(rng, -0.2, 0.2))),
        fill: s.fillRate,
      });
    }
    const unit = roundTo(uniform(rng, 2, 40), 2);
    const moq = 50 * Math.max(1, Math.round(uniform(rng, 1, 20)));
    terms.push({
      id: s.supplierId,
      moq,
      lead: Math.max(1, Math.round(s.leadTimeMeanDays * 0.9)),
      penalty: roundTo(uniform(rng, 5, 50), 0),
      breaks: JSON.stringify([
        { minQty: moq, unitPrice: unit },
        { minQty: moq * 4, unitPrice: roundTo(unit * 0.95, 2) },
        { minQty: moq * 10, unitPrice: roundTo(unit * 0.9, 2) },
      ]),
    });
  }
  const validFrom = options.validFrom ?? "2026-01-01";
  return {
    "supplier_performance.csv": toCsv(performance, [
      { header: "supplier_id", format: (r) => r.id },
      { header: "period", format: (r) => r.period },
      { header: "on_time_rate", format: (r) => fixed(r.onTime, 3) },
      { header: "fill_rate", format: (r) => fixed(r.fill, 3) },
      { header: "quality_ppm", format: (r) => fixed(r.ppm, 0) },
      { header: "lead_time_mean_days", format: (r) => fixed(r.mean, 1) },
      { header: "lead_time_sd_days", format: (r) => fixed(r.sd, 1) },
    ]),
    "supplier_terms.csv": toCsv(terms, [
      { header: "supplier_id", format: (r) => r.id },
      { header: "moq", format: (r) => fixed(r.moq, 0) },
      { header: "contracted_lead_time_days", format: (r) => fixed(r.lead, 0) },
      { header: "penalty_per_late_line", format: (r) => fixed(r.penalty, 2) },
      { header: "price_breaks", format: (r) => r.breaks },
      { header: "valid_from", format: () => validFrom },
    ]),
  };
}
