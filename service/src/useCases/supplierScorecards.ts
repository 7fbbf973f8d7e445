import { SCORECARD_METRICS, type ScorecardQuery, type ScorecardReport, type SupplierScorecard } from "../../../shared/src/api/suppliers";
import { scoreSuppliersBySegment, type ScorecardDirection } from "../../../shared/src/suppliers";
import { entityPage } from "../store/entities";
import { segmentsOf } from "../store/assignments";
import { performanceInWindow, recentProductSales, type PerformancePeriod } from "../store/supplierHistory";
import { supplierTermsOn } from "../store/supplierTerms";
import { currentVersion } from "../store/versions";
import type { Executor } from "./context";
import { segmentWeightsFor, supplierSettings } from "./supplierSettings";

/** Higher on-time is better; ppm and lead time (its mean and its spread) are costs. */
const DIRECTIONS: ScorecardDirection[] = ["benefit", "cost", "cost", "cost"];

const EQUAL_WEIGHTS = [0.25, 0.25, 0.25, 0.25];

/** Revenue shares come from the last year of the order history. */
export const REVENUE_WEEKS = 52;
const ALL = 1_000_000_000;

type Metrics = Pick<SupplierScorecard, "onTimeRate" | "qualityPpm" | "leadTimeMeanDays" | "leadTimeSdDays">;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * A window's figures from its periods, each period weighing the same (the
 * history holds no order counts per period): on-time rate and ppm are the
 * means of the periods'; the lead time is a mixture of the periods', so its
 * mean is the mean of the period means and its variance, by the law of total
 * variance, the mean within-period variance plus the variance of the period
 * means: σ² = mean(σₚ²) + mean((μₚ − μ)²).
 */
export function combinePeriods(periods: ReadonlyArray<Metrics>): Metrics {
  const pick = (k: keyof Metrics) => periods.map((p) => p[k]).filter((v): v is number => v !== null);
  const onTime = pick("onTimeRate");
  const ppm = pick("qualityPpm");
  const means = pick("leadTimeMeanDays");
  const sds = pick("leadTimeSdDays");
  let sd: number | null = null;
  if (means.length > 0 && sds.length > 0) {
    const mu = mean(means);
    const between = mean(means.map((m) => (m - mu) ** 2));
    const within = mean(sds.map((s) => s * s));
    sd = Math.sqrt(within + between);
  }
  return {
    onTimeRate: onTime.length ? mean(onTime) : null,
    qualityPpm: ppm.length ? mean(ppm) : null,
    leadTimeMeanDays: means.length ? mean(means) : null,
    leadTimeSdDays: sd,
  };
}

function periodMetrics(p: PerformancePeriod): Metrics & { period: string } {
  return { period: p.period, onTimeRate: num(p.metrics.on_time_rate), qualityPpm: num(p.metrics.quality_ppm), leadTimeMeanDays: num(p.metrics.lead_time_mean_days), leadTimeSdDays: num(p.metrics.lead_time_sd_days) };
}

/** Each supplier's revenue per product segment: its products (by their supplier_id) and their revenue over the recent order history. */
export async function supplierSegmentRevenue(db: Executor) {
  const [products, sales, version] = await Promise.all([entityPage(db, "product", ALL, 0), recentProductSales(db, REVENUE_WEEKS), currentVersion(db, "product")]);
  const segmentOf = await segmentsOf(
    db,
    "product",
    version,
    products.map((p) => p.id),
  );
  const bySupplier = new Map<string, Map<string, number>>();
  for (const p of products) {
    const supplier = typeof p.attributes.supplier_id === "string" ? p.attributes.supplier_id : null;
    const revenue = sales?.products.get(p.id)?.revenue ?? 0;
    if (!supplier || !(revenue > 0)) continue;
    const segment = segmentOf.get(p.id) ?? "unsegmented";
    const m = bySupplier.get(supplier) ?? new Map<string, number>();
    m.set(segment, (m.get(segment) ?? 0) + revenue);
    bySupplier.set(supplier, m);
  }
  return { products, sales, version, segmentOf, bySupplier };
}

/**
 * Supplier scorecards over a window of the stored performance history,
 * weighted by the segments each supplier serves (scoreSuppliersBySegment).
 * A supplier missing a metric in the whole window is listed as unscored with
 * the metric named, rather than scored on a guess.
 */
export async function supplierScorecards(db: Executor, query: ScorecardQuery, today: string): Promise<ScorecardReport> {
  const [suppliers, history, terms, revenue] = await Promise.all([entityPage(db, "supplier", ALL, 0), performanceInWindow(db, query), supplierTermsOn(db, today), supplierSegmentRevenue(db)]);
  const periodsBySupplier = new Map<string, Array<Metrics & { period: string }>>();
  for (const row of history) {
    const list = periodsBySupplier.get(row.supplierId) ?? [];
    list.push(periodMetrics(row));
    periodsBySupplier.set(row.supplierId, list);
  }
  const scored: Array<{ id: string; name: string; combined: Metrics; periods: Array<Metrics & { period: string }> }> = [];
  const unscored: ScorecardReport["unscored"] = [];
  for (const s of suppliers) {
    const periods = periodsBySupplier.get(s.id) ?? [];
    if (periods.length === 0) {
      unscored.push({ supplierId: s.id, name: s.name, reason: "no performance history in the window" });
      continue;
    }
    const combined = combinePeriods(periods);
    const missing = SCORECARD_METRICS.filter((m) => combined[m] === null);
    if (missing.length) unscored.push({ supplierId: s.id, name: s.name, reason: `no ${missing.join(", ")} in the window's ${periods.length} period${periods.length === 1 ? "" : "s"}` });
    else scored.push({ id: s.id, name: s.name, combined, periods });
  }

  const segments = [...new Set([...revenue.bySupplier.values()].flatMap((m) => [...m.keys()]))].sort();
  const { weights } = await supplierSettings(db);
  const segmentWeights = segments.map((segment) => ({ segment, weights: segmentWeightsFor(segment, weights) }));
  const spend = scored.flatMap((s) => [...(revenue.bySupplier.get(s.id) ?? new Map<string, number>())].map(([segment, amount]) => ({ supplier: s.id, segment, amount })));
  const results = scored.length
    ? scoreSuppliersBySegment(
        scored.map((s) => SCORECARD_METRICS.map((m) => s.combined[m] as number)),
        // The shared blend needs one segment row even when no supplier sold anything.
        segmentWeights.length ? segmentWeights : [{ segment: "*", weights: EQUAL_WEIGHTS }],
        spend,
        { ids: scored.map((s) => s.id), directions: DIRECTIONS, defaultWeights: EQUAL_WEIGHTS },
      )
    : [];
  const cards: SupplierScorecard[] = results.map((r, i) => {
    const s = scored[i];
    const t = terms.get(s.id);
    return {
      supplierId: s.id,
      name: s.name,
      score: r.score,
      rank: r.rank,
      contributions: r.contributions,
      weights: r.weights,
      segments: Object.entries(r.spendShares)
        .map(([segment, revenueShare]) => ({ segment, revenueShare }))
        .sort((a, b) => b.revenueShare - a.revenueShare || a.segment.localeCompare(b.segment)),
      ...s.combined,
      periods: s.periods,
      terms: t ? { validFrom: t.validFrom, moq: t.moq, contractedLeadTimeDays: t.contractedLeadTimeDays, penaltyPerLateLine: t.penaltyPerLateLine, priceBreaks: t.priceBreaks } : null,
    };
  });
  cards.sort((a, b) => a.rank - b.rank);
  const periodNames = history.map((h) => h.period).sort();
  return {
    window: periodNames.length ? { from: periodNames[0], to: periodNames[periodNames.length - 1] } : null,
    metrics: [...SCORECARD_METRICS],
    directions: DIRECTIONS,
    segmentWeights,
    revenueWeeks: revenue.sales ? { from: revenue.sales.fromWeek, to: revenue.sales.toWeek } : null,
    assignmentsVersion: revenue.version,
    suppliers: cards,
    unscored,
  };
}
