import { randomUUID } from "node:crypto";
import type { ForecastPage, ForecastProducts, ForecastProductsResult, ForecastRun, ListForecastRuns, ReadForecasts } from "../../../shared/src/api/forecasts";
import { AppError, notFound } from "../appError";
import { JobCancelled, type JobContext } from "../jobs/jobQueue";
import { segmentsOf } from "../store/assignments";
import {
  findForecastRun,
  finishForecastRun,
  forecastRowsOf,
  insertForecastRun,
  jobStatusesOf,
  listForecastRunRows,
  nextForecastVersion,
  productIdsWithHistory,
  recordForecastProgress,
  type ForecastRunRow,
} from "../store/forecasts";
import { orderWeekRange } from "../store/orderLines";
import { currentPolicyVersion } from "../store/policyVersions";
import { currentVersion } from "../store/versions";
import type { ServiceContext } from "./context";
import type { ForecastChunkParams } from "./forecastChunk";
import { prepareFamilyForecasts } from "./forecastFamilies";

/** How often the parent reads its children's rows. */
const POLL_MS = 200;

export const FORECAST_CHUNK_KIND = "forecastChunk";

function presentRun(r: ForecastRunRow): ForecastRun {
  return {
    id: r.id,
    version: Number(r.version),
    jobId: r.job_id,
    horizon: Number(r.horizon),
    params: JSON.parse(r.params) as unknown,
    firstWeek: r.first_week === null ? null : Number(r.first_week),
    lastWeek: r.last_week === null ? null : Number(r.last_week),
    seriesCount: Number(r.series_count),
    chunksTotal: Number(r.chunks_total),
    chunksDone: Number(r.chunks_done),
    status: r.status as ForecastRun["status"],
    error: r.error,
    createdAt: r.created_at,
    createdBy: r.created_by,
    finishedAt: r.finished_at,
  };
}

const patternRegExp = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split("*")
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );

/** The products a run forecasts, in id order: those with order lines, narrowed by the filters. */
async function productsToForecast(ctx: ServiceContext, params: ForecastProducts, productVersion: number): Promise<string[]> {
  const all = await productIdsWithHistory(ctx.db);
  let ids = all;
  if (params.productIds) {
    const wanted = new Set(params.productIds);
    ids = all.filter((id) => wanted.has(id));
  }
  if (params.segment !== undefined) {
    const re = patternRegExp(params.segment);
    const segments = productVersion > 0 ? await segmentsOf(ctx.db, "product", productVersion, ids) : new Map<string, string>();
    ids = ids.filter((id) => {
      const s = segments.get(id);
      return s !== undefined && re.test(s);
    });
  }
  return ids;
}

/** A new run, version one more than the last; two runs created at once collide on the unique version and the later tries again. */
async function createRun(ctx: ServiceContext, row: Omit<Parameters<typeof insertForecastRun>[1], "version">): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        const version = await nextForecastVersion(trx);
        await insertForecastRun(trx, { ...row, version });
        return version;
      });
    } catch (error) {
      if (attempt >= 5 || !/unique|duplicate/i.test(error instanceof Error ? error.message : "")) throw error;
    }
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener("abort", wake, { once: true });
  });

/**
 * The `forecastProducts` job: create the run, forecast the families of the
 * products whose policy sets family level (their products span chunks, so
 * before chunking), split the products (in id order) into chunks, start one `forecastChunk` job per chunk through the
 * job queue (on PostgreSQL any instance's worker takes each), and watch
 * their rows until all succeeded. A failed chunk (after its retries) fails
 * the run; a cancel of this job ends the run as cancelled, then cancels the
 * chunks not yet ended. Chunks write only while the run is running, so a
 * cancelled run holds whole chunks only.
 */
export async function forecastProducts(ctx: ServiceContext, params: ForecastProducts, job: JobContext): Promise<ForecastProductsResult> {
  if (!ctx.jobs) throw new AppError(503, "Jobs unavailable", "this service runs no job queue");
  const jobs = ctx.jobs;
  await job.progress(0, 1, "listing the products");
  const window = await orderWeekRange(ctx.db);
  const productVersion = await currentVersion(ctx.db, "product");
  const customerVersion = await currentVersion(ctx.db, "customer");
  const policyVersion = await currentPolicyVersion(ctx.db);
  const ids = window ? await productsToForecast(ctx, params, productVersion) : [];
  const filtered = params.productIds !== undefined || params.segment !== undefined;
  const slices: string[][] = [];
  for (let i = 0; i < ids.length; i += params.chunkSize) slices.push(ids.slice(i, i + params.chunkSize));
  const runId = randomUUID();
  const version = await createRun(ctx, {
    id: runId,
    job_id: job.id,
    horizon: params.horizon,
    params: JSON.stringify(params),
    first_week: window?.first ?? null,
    last_week: window?.last ?? null,
    series_count: 0,
    chunks_total: slices.length,
    chunks_done: 0,
    status: "running",
    error: null,
    created_at: ctx.now().toISOString(),
    created_by: job.actor.name,
    finished_at: null,
  });
  const children: string[] = [];
  let ended = false;
  const end = async (status: "failed" | "cancelled", error: string) => {
    if (ended) return;
    ended = true;
    // The run ends first: a chunk writing now finishes its write, one after it writes nothing.
    await finishForecastRun(ctx.db, runId, { status, error, at: ctx.now().toISOString() });
    const statuses = await jobStatusesOf(ctx.db, children);
    for (const id of children) if (["queued", "running"].includes(statuses.get(id)?.status ?? "")) await jobs.cancel(id, job.actor);
  };
  try {
    if (window && slices.length) {
      await job.progress(0, slices.length, "forecasting the families");
      await prepareFamilyForecasts(ctx, { runId, firstWeek: window.first, lastWeek: window.last, horizon: params.horizon, seasonLength: params.seasonLength, productVersion, policyVersion });
    }
    for (const slice of slices) {
      const chunk: ForecastChunkParams = {
        runId,
        first: slice[0],
        last: slice[slice.length - 1],
        ...(filtered ? { productIds: slice } : {}),
        horizon: params.horizon,
        ...(params.seasonLength === undefined ? {} : { seasonLength: params.seasonLength }),
        firstWeek: window!.first,
        lastWeek: window!.last,
        productVersion,
        policyVersion,
        customerVersion,
      };
      children.push((await jobs.start(FORECAST_CHUNK_KIND, chunk, job.actor)).id);
      if (children.length % 50 === 0) await job.progress(0, slices.length, `queued ${children.length} of ${slices.length} chunks`);
    }
    let done = 0;
    for (;;) {
      const statuses = await jobStatusesOf(ctx.db, children);
      done = 0;
      for (const id of children) {
        const s = statuses.get(id);
        if (s?.status === "succeeded") done++;
        else if (s?.status === "failed" || s?.status === "cancelled") {
          const why = `chunk ${children.indexOf(id) + 1} of ${children.length} (job ${id}) ${s.status}${s.error ? `: ${s.error}` : ""}`;
          await end("failed", why);
          throw new Error(why);
        }
      }
      await recordForecastProgress(ctx.db, runId, done);
      await job.progress(done, slices.length, `${done} of ${slices.length} chunks forecast`);
      if (done === slices.length) break;
      await sleep(POLL_MS, job.signal);
    }
    const { total } = await forecastRowsOf(ctx.db, runId, { limit: 1, offset: 0 });
    await finishForecastRun(ctx.db, runId, { status: "succeeded", seriesCount: total, chunksDone: done, at: ctx.now().toISOString() });
    return { runId, version, series: total, chunks: slices.length };
  } catch (error) {
    if (job.signal.aborted) await end(job.signal.reason instanceof JobCancelled ? "cancelled" : "failed", job.signal.reason instanceof Error ? job.signal.reason.message : "stopped");
    else await end("failed", error instanceof Error ? error.message : String(error));
    throw error;
  }
}

export async function listForecastRuns(ctx: ServiceContext, query: ListForecastRuns) {
  const { rows, total } = await listForecastRunRows(ctx.db, query.limit, query.offset);
  return { runs: rows.map(presentRun), total, limit: query.limit, offset: query.offset };
}

export async function readForecasts(ctx: ServiceContext, id: string, query: ReadForecasts): Promise<ForecastPage> {
  const run = await findForecastRun(ctx.db, id);
  if (!run) throw notFound(`no forecast run ${id}`);
  const { rows, total } = await forecastRowsOf(ctx.db, id, query);
  return {
    run: presentRun(run),
    forecasts: rows.map((r) => ({
      productId: r.product_id,
      segment: r.segment,
      policyMethod: r.policy_method as ForecastPage["forecasts"][number]["policyMethod"],
      method: r.method,
      pattern: r.pattern,
      forecast: JSON.parse(r.forecast) as number[],
      sigma: r.sigma === null ? null : Number(r.sigma),
      mase: r.mase === null ? null : Number(r.mase),
      wape: r.wape === null ? null : Number(r.wape),
      trackingSignal: r.tracking_signal === null || r.tracking_signal === undefined ? null : Number(r.tracking_signal),
      level: r.level === "family" ? "family" : "item",
      family: r.family ?? null,
      signal: (r.signal ?? null) as ForecastPage["forecasts"][number]["signal"],
      errorSd: r.error_sd ? (JSON.parse(r.error_sd) as number[] | null) : null,
    })),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}
