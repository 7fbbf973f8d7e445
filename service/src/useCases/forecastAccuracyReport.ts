import type { ForecastAccuracyQuery, ForecastAccuracyReport } from "../../../shared/src/api";
import { PROPORTION_METHODS } from "../../../shared/src/forecasting";
import { notFound } from "../appError";
import { familyForecastsOf, itemErrorsBySegment } from "../store/forecastFamilies";
import { findForecastRun, latestSucceededRun } from "../store/forecasts";
import type { ServiceContext } from "./context";
import { RUN_PROPORTIONS } from "./forecastFamilies";

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * A run's accuracy at both levels: item level per segment and forecast level
 * (Σ|e| and Σ|y| pooled in SQL, so a segment's WAPE weighs products by
 * volume), and family level per family forecast top-down (the aggregate's
 * own in-sample errors; its members' shares sum to 1, so the items' fitted
 * values sum to it and this is also their error summed to the family).
 */
export async function forecastAccuracyReport(ctx: ServiceContext, query: ForecastAccuracyQuery): Promise<ForecastAccuracyReport> {
  const run = query.runId ? await findForecastRun(ctx.db, query.runId) : await latestSucceededRun(ctx.db);
  const proportions = PROPORTION_METHODS[RUN_PROPORTIONS];
  if (!run) {
    if (query.runId) throw notFound(`no forecast run ${query.runId}`);
    return { run: null, proportions, segments: [], families: [], familyLevel: { products: 0, itemWape: null, familyWape: null }, notes: ["No forecast run has finished yet: start one (job forecastProducts)."] };
  }
  const [bySegment, families] = await Promise.all([itemErrorsBySegment(ctx.db, run.id), familyForecastsOf(ctx.db, run.id)]);
  const segments = bySegment.map((s) => ({
    segment: s.segment,
    level: s.level === "family" ? ("family" as const) : ("item" as const),
    products: s.products,
    wape: s.pooled === s.products ? ratio(s.absError, s.absActual) : null,
    mase: s.maseCount > 0 ? s.maseSum / s.maseCount : null,
  }));
  const family = bySegment.filter((s) => s.level === "family");
  const notes: string[] = [];
  if (bySegment.some((s) => s.pooled < s.products)) notes.push("This run was made before errors were pooled: its segments' WAPE is not shown; a new run gives it.");
  if (run.status !== "succeeded") notes.push(`This run ${run.status === "running" ? "is still running" : `ended ${run.status}`}: its figures cover the chunks written.`);
  return {
    run: { id: run.id, version: Number(run.version), createdAt: run.created_at, firstWeek: run.first_week === null ? null : Number(run.first_week), lastWeek: run.last_week === null ? null : Number(run.last_week) },
    proportions,
    segments,
    families: families.map((f) => ({
      family: f.family,
      products: Number(f.products),
      method: f.method,
      pattern: f.pattern,
      forecast: JSON.parse(f.forecast) as number[],
      wape: f.wape === null ? null : Number(f.wape),
      mase: f.mase === null ? null : Number(f.mase),
    })),
    familyLevel: {
      products: family.reduce((n, s) => n + s.products, 0),
      itemWape: ratio(
        family.reduce((n, s) => n + s.absError, 0),
        family.reduce((n, s) => n + s.absActual, 0),
      ),
      familyWape: ratio(
        families.reduce((n, f) => n + Number(f.abs_error), 0),
        families.reduce((n, f) => n + Number(f.abs_actual), 0),
      ),
    },
    notes,
  };
}
