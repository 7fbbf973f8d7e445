import { PolicyTable } from "../../../shared/src/segmentation";
import { DomainError } from "../../../shared/src/errors";
import { demandSignalSeries, type DemandSignal, type SellThroughAccount } from "../../../shared/src/forecasting";
import type { JobContext } from "../jobs/jobQueue";
import { segmentsOf } from "../store/assignments";
import { familyForecastsOf, familyMembersIn } from "../store/forecastFamilies";
import { accountProductWeekUnits, productWeekUnits, replaceChunkForecasts, runAcceptsWrites } from "../store/forecasts";
import { sellThroughCoverage, sellThroughWeekUnits } from "../store/sellThrough";
import { policyRows } from "../store/policyVersions";
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
  /** the customer segmentation whose policies say which accounts' sell-through stands in for their shipments (absent or 0: none) */
  customerVersion?: number;
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
 * The accounts whose sell-through stands in for their shipments, with the
 * weeks their feeds cover. The customer's segment decides, not the
 * product's: a feed is the account's (a retailer shares its POS data under
 * its own agreement), and one product sells through accounts of several
 * segments, so a product policy could not say whose shipments to replace.
 */
async function sellThroughAccounts(ctx: ServiceContext, params: ForecastChunkParams): Promise<Map<string, readonly [number, number]>> {
  const out = new Map<string, readonly [number, number]>();
  if (!params.customerVersion || params.policyVersion === 0) return out;
  const coverage = await sellThroughCoverage(ctx.db);
  if (coverage.length === 0) return out;
  const table = new PolicyTable(await policyRows(ctx.db, params.policyVersion));
  const segments = await segmentsOf(
    ctx.db,
    "customer",
    params.customerVersion,
    coverage.map((c) => c.customerId),
  );
  const says = new Map<string, boolean>();
  for (const c of coverage) {
    const segment = segments.get(c.customerId);
    if (segment === undefined) continue;
    let sellThrough = says.get(segment);
    if (sellThrough === undefined) {
      try {
        sellThrough = table.match(segment) ? table.resolve(segment).policy.demandSignal === "sell-through" : false;
      } catch (error) {
        // An ambiguous policy table cannot ask for sell-through: shipments stand.
        if (!(error instanceof DomainError)) throw error;
        sellThrough = false;
      }
      says.set(segment, sellThrough);
    }
    if (sellThrough) out.set(c.customerId, [c.firstWeek - params.firstWeek, c.lastWeek - params.firstWeek]);
  }
  return out;
}

/** Per product, each sell-through account's shipments and sell-through over the run's weeks. */
type AccountWeeks = SellThroughAccount & { shipments: Float64Array; sellThrough: Float64Array };

async function accountSeries(ctx: ServiceContext, params: ForecastChunkParams, covers: ReadonlyMap<string, readonly [number, number]>): Promise<Map<string, Map<string, AccountWeeks>>> {
  const weeks = params.lastWeek - params.firstWeek + 1;
  const byProduct = new Map<string, Map<string, AccountWeeks>>();
  const ids = [...covers.keys()];
  if (ids.length === 0) return byProduct;
  const slot = (productId: string, customerId: string) => {
    let accounts = byProduct.get(productId);
    if (!accounts) byProduct.set(productId, (accounts = new Map()));
    let a = accounts.get(customerId);
    if (!a) accounts.set(customerId, (a = { shipments: new Float64Array(weeks), sellThrough: new Float64Array(weeks), covers: covers.get(customerId)! }));
    return a;
  };
  const inWindow = (week: number) => week >= params.firstWeek && week <= params.lastWeek;
  for (const r of await accountProductWeekUnits(ctx.db, params.first, params.last, ids)) if (inWindow(r.week)) slot(r.productId, r.customerId).shipments[r.week - params.firstWeek] += r.units;
  for (const r of await sellThroughWeekUnits(ctx.db, params.first, params.last, ids)) if (inWindow(r.week)) slot(r.productId, r.customerId).sellThrough[r.week - params.firstWeek] += r.units;
  return byProduct;
}

/**
 * A top-down item's error sd per step: its own one-step sd (against its share of the family's fitted values)
 * grown with the horizon as its family's is, sd_h = σ₁ · famSd_h / famSd_1 (the share is fixed over the horizon,
 * so the item's forecast error follows the family model's propagation). Null when either is missing.
 */
function topDownErrorSd(sigma: number | null, familySd: number[] | null): number[] | null {
  if (sigma === null || !familySd || !(familySd[0] > 0)) return null;
  return familySd.map((sd) => (sigma * sd) / familySd[0]);
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
      { ...f, forecast: JSON.parse(f.forecast) as number[], fitted: JSON.parse(f.fitted) as Array<number | null>, errorSd: f.error_sd ? (JSON.parse(f.error_sd) as number[] | null) : null },
    ]),
  );
  const accounts = await accountSeries(ctx, params, await sellThroughAccounts(ctx, params));
  const rows: ForecastTable[] = [];
  let unfitted = 0;
  for (const [productId, shipments] of series) {
    const segment = segments.get(productId) ?? null;
    const policyMethod = policy.of(segment).method;
    const member = members.get(productId);
    const family = member ? families.get(member.family) : undefined;
    let f: SeriesForecast | null;
    let signal: DemandSignal;
    if (member && family) {
      // The family aggregate is built from shipments before chunking (forecastFamilies.ts), so a family-level row says shipments.
      signal = "shipments";
      const share = Number(member.share);
      const fitted = family.fitted.map((v) => (v === null ? null : v * share));
      const errors = inSampleErrors(shipments, fitted);
      f = { method: family.method, pattern: family.pattern, forecast: family.forecast.map((v) => v * share), ...errors, errorSd: topDownErrorSd(errors.sigma, family.errorSd) };
    } else {
      const demand = demandSignalSeries(shipments, [...(accounts.get(productId)?.values() ?? [])]);
      signal = demand.signal;
      f = forecastSeries(demand.series, policyMethod, params.horizon, params.seasonLength);
    }
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
      signal,
      error_sd: f.errorSd ? JSON.stringify(f.errorSd) : null,
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
