import { PolicyTable, forecastMethodSchema } from "../../../shared/src/segmentation";
import { DomainError } from "../../../shared/src/errors";
import { demandSignalSeries, type SellThroughAccount } from "../../../shared/src/forecasting";
import type { JobContext } from "../jobs/jobQueue";
import { segmentsOf } from "../store/assignments";
import { accountProductWeekUnits, productWeekUnits, replaceChunkForecasts, runAcceptsWrites } from "../store/forecasts";
import { sellThroughCoverage, sellThroughWeekUnits } from "../store/sellThrough";
import { policyRows } from "../store/policyVersions";
import type { ForecastTable } from "../store/schema";
import type { ServiceContext } from "./context";
import { forecastSeries } from "./forecastSeries";

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

type Method = ReturnType<typeof forecastMethodSchema.parse>;

/** Segment → the policy's forecastMethod, "auto" where no table, no row or no assignment says otherwise. */
async function methodResolver(ctx: ServiceContext, policyVersion: number): Promise<(segment: string | null) => Method> {
  if (policyVersion === 0) return () => "auto";
  const table = new PolicyTable(await policyRows(ctx.db, policyVersion));
  const cache = new Map<string, Method>();
  return (segment) => {
    if (segment === null) return "auto";
    let method = cache.get(segment);
    if (method === undefined) {
      try {
        method = table.match(segment) ? table.resolve(segment).policy.forecastMethod : "auto";
      } catch (error) {
        // Two equally specific rows: the policy table is ambiguous for this segment, so nothing overrides selection.
        if (!(error instanceof DomainError)) throw error;
        method = "auto";
      }
      cache.set(segment, method);
    }
    return method;
  };
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
 * One chunk of a forecasting run: read its products' weekly units with one
 * range query, forecast each with its segment's method, and write the rows
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
  const methodOf = await methodResolver(ctx, params.policyVersion);
  const accounts = await accountSeries(ctx, params, await sellThroughAccounts(ctx, params));
  const rows: ForecastTable[] = [];
  let unfitted = 0;
  for (const [productId, shipments] of series) {
    const segment = segments.get(productId) ?? null;
    const policyMethod = methodOf(segment);
    const { series: history, signal } = demandSignalSeries(shipments, [...(accounts.get(productId)?.values() ?? [])]);
    const f = forecastSeries(history, policyMethod, params.horizon, params.seasonLength);
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
      signal,
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
