import type { JobContext } from "../jobs/jobQueue";
import { segmentsOf } from "../store/assignments";
import { familyForecastsOf, familyMembersIn } from "../store/forecastFamilies";
import { productWeekUnits, replaceChunkForecasts, runAcceptsWrites } from "../store/forecasts";
import type { ForecastTable } from "../store/schema";
import type { ServiceContext } from "./context";
import { forecastPolicyResolver } from "./forecastPolicy";
import { forecastSeries, inSampleErrors, type SeriesForecast } from "./forecastSeries";

/** What the parent hands each chunk: a product id range, and the versions every chunk of the run reads alike. */
export interface ForecastChunkParams {
  runId: string;
  first: string;
  last: string;
  /** only these ids within the range (a filtered run); every product in it otherwise */
  productIds?: string[];
  horizon: number;
  seasonLength?: number;
  firstWeek: number;
  lastWeek: number;
  /** the product segmentation and policy table the run reads (0: none) */
  productVersion: number;
  policyVersion: number;
}

export interface ForecastChunkResult {
  products: number;
  written: number;
  /** series no model could fit */
  unfitted: number;
  /** false when the run had ended (cancelled) before this chunk could write */
  stored: boolean;
}

/**
 * One chunk of a forecasting run: read its products' weekly units with one
 * range query, forecast each with its segment's method, or, for a product
 * the run forecasts at family level, take its share of the family forecast
 * the run computed before chunking (fitted values likewise, so its in-sample
 * errors are the top-down forecast's), and write the rows
 * in one transaction that first deletes what an earlier attempt of this
 * chunk wrote, so a retry (pg-boss after a crash) leaves one row per product.
 */
export async function forecastChunk(ctx: ServiceContext, params: ForecastChunkParams, job: Pick<JobContext, "progress">): Promise<ForecastChunkResult> {
  await job.progress(0, 2, "reading the order history");
  const weeks = params.lastWeek - params.firstWeek + 1;
  const wanted = params.productIds ? new Set(params.productIds) : null;
  const series = new Map<string, Float64Array>();
  for (const r of await productWeekUnits(ctx.db, params.first, params.last)) {
    if (wanted && !wanted.has(r.productId)) continue;
    let s = series.get(r.productId);
    if (!s) series.set(r.productId, (s = new Float64Array(weeks)));
    if (r.week >= params.firstWeek && r.week <= params.lastWeek) s[r.week - params.firstWeek] += r.units;
  }
  const ids = [...series.keys()];
  const segments = params.productVersion > 0 ? await segmentsOf(ctx.db, "product", params.productVersion, ids) : new Map<string, string>();
  const policy = await forecastPolicyResolver(ctx, params.policyVersion);
  const members = new Map((await familyMembersIn(ctx.db, params.runId, params.first, params.last)).map((m) => [m.product_id, m]));
  const families = new Map(
    (await familyForecastsOf(ctx.db, params.runId, [...new Set([...members.values()].map((m) => m.family))])).map((f) => [
      f.family,
      { ...f, forecast: JSON.parse(f.forecast) as number[], fitted: JSON.parse(f.fitted) as Array<number | null> },
    ]),
  );
  const rows: ForecastTable[] = [];
  let unfitted = 0;
  for (const [productId, history] of series) {
    const segment = segments.get(productId) ?? null;
    const policyMethod = policy.of(segment).method;
    const member = members.get(productId);
    const family = member ? families.get(member.family) : undefined;
    let f: SeriesForecast | null;
    if (member && family) {
      const share = Number(member.share);
      const fitted = family.fitted.map((v) => (v === null ? null : v * share));
      f = { method: family.method, pattern: family.pattern, forecast: family.forecast.map((v) => v * share), ...inSampleErrors(history, fitted) };
    } else f = forecastSeries(history, policyMethod, params.horizon, params.seasonLength);
    if (!f) {
      unfitted++;
      continue;
    }
    rows.push({
      run_id: params.runId,
      product_id: productId,
      segment,
      policy_method: policyMethod,
      method: f.method,
      pattern: f.pattern,
      forecast: JSON.stringify(f.forecast),
      sigma: f.sigma,
      mase: f.mase,
      wape: f.wape,
      tracking_signal: f.trackingSignal,
      level: family ? "family" : "item",
      family: family ? family.family : null,
      abs_error: f.absError,
      abs_actual: f.absActual,
    });
  }
  // The last point a cancel stops the chunk at: the write below is all or nothing.
  await job.progress(1, 2, "writing the forecasts");
  const stored = await ctx.db.transaction().execute(async (trx) => {
    if (!(await runAcceptsWrites(trx, params.runId, ctx.dialect))) return false;
    await replaceChunkForecasts(trx, params.runId, params.first, params.last, rows);
    return true;
  });
  return { products: series.size, written: stored ? rows.length : 0, unfitted, stored };
}
