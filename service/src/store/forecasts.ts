import { sql, type Selectable } from "kysely";
import type { Executor } from "./executor";
import { insertChunked } from "./insertChunked";
import type { ForecastRunTable, ForecastTable } from "./schema";

export type ForecastRunRow = Selectable<ForecastRunTable>;
export type ForecastRow = Selectable<ForecastTable>;

/** Ids per `IN (…)` list: well under either store's bound-parameter limit. */
const LOOKUP_CHUNK = 1000;

/** Every product with order lines, in id order (an index-only read of order_lines_product on PostgreSQL). */
export async function productIdsWithHistory(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom("order_lines").select("product_id").distinct().orderBy("product_id").execute();
  return rows.map((r) => r.product_id);
}

/**
 * Units per week of the products with ids in [first, last], summed in the
 * database: one range read on order_lines_product, however many products
 * the store holds. Rows are in product, then week order.
 */
export async function productWeekUnits(db: Executor, first: string, last: string): Promise<Array<{ productId: string; week: number; units: number }>> {
  const rows = await db
    .selectFrom("order_lines")
    .select((eb) => ["product_id", "week", eb.fn.sum<number>("qty").as("units")])
    .where("product_id", ">=", first)
    .where("product_id", "<=", last)
    .groupBy(["product_id", "week"])
    .orderBy("product_id")
    .orderBy("week")
    .execute();
  return rows.map((r) => ({ productId: r.product_id, week: Number(r.week), units: Number(r.units) }));
}

export async function nextForecastVersion(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("forecast_runs")
    .select((eb) => eb.fn.max("version").as("v"))
    .executeTakeFirst();
  return row?.v == null ? 1 : Number(row.v) + 1;
}

export async function insertForecastRun(db: Executor, run: ForecastRunTable): Promise<void> {
  await db.insertInto("forecast_runs").values(run).execute();
}

export async function findForecastRun(db: Executor, id: string): Promise<ForecastRunRow | undefined> {
  return db.selectFrom("forecast_runs").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A running run's chunks done so far; a run that has ended is left as it is. */
export async function recordForecastProgress(db: Executor, id: string, chunksDone: number): Promise<void> {
  await db.updateTable("forecast_runs").set({ chunks_done: chunksDone }).where("id", "=", id).where("status", "=", "running").execute();
}

/** Running → an end state; false when it had ended already. */
export async function finishForecastRun(db: Executor, id: string, end: { status: "succeeded" | "failed" | "cancelled"; error?: string; seriesCount?: number; chunksDone?: number; at: string }): Promise<boolean> {
  const result = await db
    .updateTable("forecast_runs")
    .set({
      status: end.status,
      error: end.error ?? null,
      finished_at: end.at,
      ...(end.seriesCount === undefined ? {} : { series_count: end.seriesCount }),
      ...(end.chunksDone === undefined ? {} : { chunks_done: end.chunksDone }),
    })
    .where("id", "=", id)
    .where("status", "=", "running")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Whether a chunk may write to this run: it is still running. On PostgreSQL
 * the row is read FOR SHARE, so the update that ends the run (a cancel)
 * waits for chunks writing now, and a chunk after it sees the end: a
 * chunk's rows are written whole or not at all.
 */
export async function runAcceptsWrites(trx: Executor, id: string, dialect: "sqlite" | "postgres"): Promise<boolean> {
  let q = trx.selectFrom("forecast_runs").select("status").where("id", "=", id);
  if (dialect === "postgres") q = q.forShare();
  const row = await q.executeTakeFirst();
  return row?.status === "running";
}

/**
 * A chunk's rows, replacing whatever an earlier attempt of the same chunk
 * wrote (delete then insert, in the caller's transaction): a retried chunk
 * leaves one row per product.
 */
export async function replaceChunkForecasts(trx: Executor, runId: string, first: string, last: string, rows: readonly ForecastTable[]): Promise<void> {
  await trx.deleteFrom("forecasts").where("run_id", "=", runId).where("product_id", ">=", first).where("product_id", "<=", last).execute();
  await insertChunked(trx, "forecasts", rows);
}

export async function listForecastRunRows(db: Executor, limit: number, offset: number): Promise<{ rows: ForecastRunRow[]; total: number }> {
  const rows = await db.selectFrom("forecast_runs").selectAll().orderBy("version", "desc").limit(limit).offset(offset).execute();
  const count = await db
    .selectFrom("forecast_runs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** A `*` pattern as LIKE: `%` and `_` in the label are literal. */
function likePattern(pattern: string): string {
  return pattern.replace(/[\\%_]/g, (c) => `\\${c}`).replaceAll("*", "%");
}

export interface ForecastFilter {
  productId?: string;
  segment?: string;
  limit: number;
  offset: number;
}

/** One run's forecasts in product order, a page at a time; the total counts every match. */
export async function forecastRowsOf(db: Executor, runId: string, filter: ForecastFilter): Promise<{ rows: ForecastRow[]; total: number }> {
  let q = db.selectFrom("forecasts").where("run_id", "=", runId);
  if (filter.productId !== undefined) q = q.where("product_id", "=", filter.productId);
  if (filter.segment !== undefined) {
    q = filter.segment.includes("*") ? q.where(sql<boolean>`segment LIKE ${likePattern(filter.segment)} ESCAPE '\\'`) : q.where("segment", "=", filter.segment);
  }
  const rows = await q.selectAll().orderBy("product_id").limit(filter.limit).offset(filter.offset).execute();
  const count = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** The statuses of these jobs (a parent watching its children), by id. */
export async function jobStatusesOf(db: Executor, ids: readonly string[]): Promise<Map<string, { status: string; error: string | null }>> {
  const out = new Map<string, { status: string; error: string | null }>();
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    const rows = await db
      .selectFrom("jobs")
      .select(["id", "status", "error"])
      .where("id", "in", ids.slice(i, i + LOOKUP_CHUNK))
      .execute();
    for (const r of rows) out.set(r.id, { status: r.status, error: r.error });
  }
  return out;
}

/** The newest run that finished, or undefined. */
export async function latestSucceededRun(db: Executor): Promise<ForecastRunRow | undefined> {
  return db.selectFrom("forecast_runs").selectAll().where("status", "=", "succeeded").orderBy("version", "desc").limit(1).executeTakeFirst();
}

/** One run's stored errors with each product's revenue over the run's data window, summed in SQL. */
export async function forecastErrorsWithRevenue(
  db: Executor,
  runId: string,
  firstWeek: number,
  lastWeek: number,
): Promise<Array<{ productId: string; segment: string | null; wape: number | null; trackingSignal: number | null; signal: string | null; revenue: number }>> {
  const rows = await db
    .selectFrom("forecasts as f")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("order_lines")
          .select(["product_id", sql<number>`SUM(qty * price)`.as("revenue")])
          .where("week", ">=", firstWeek)
          .where("week", "<=", lastWeek)
          .groupBy("product_id")
          .as("r"),
      (join) => join.onRef("r.product_id", "=", "f.product_id"),
    )
    .select(["f.product_id", "f.segment", "f.wape", "f.tracking_signal", "f.signal", "r.revenue"])
    .where("f.run_id", "=", runId)
    .execute();
  return rows.map((r) => ({
    productId: r.product_id,
    segment: r.segment,
    wape: r.wape === null ? null : Number(r.wape),
    trackingSignal: r.tracking_signal === null || r.tracking_signal === undefined ? null : Number(r.tracking_signal),
    signal: r.signal ?? null,
    revenue: Number(r.revenue ?? 0),
  }));
}

/**
 * Units per week the given customers took of the products with ids in
 * [first, last], summed in the database: the shipments a sell-through feed
 * stands in for.
 */
export async function accountProductWeekUnits(db: Executor, first: string, last: string, customerIds: readonly string[]): Promise<Array<{ customerId: string; productId: string; week: number; units: number }>> {
  const out: Array<{ customerId: string; productId: string; week: number; units: number }> = [];
  for (let i = 0; i < customerIds.length; i += LOOKUP_CHUNK) {
    const rows = await db
      .selectFrom("order_lines")
      .select((eb) => ["customer_id", "product_id", "week", eb.fn.sum<number>("qty").as("units")])
      .where("product_id", ">=", first)
      .where("product_id", "<=", last)
      .where("customer_id", "in", customerIds.slice(i, i + LOOKUP_CHUNK))
      .groupBy(["customer_id", "product_id", "week"])
      .execute();
    for (const r of rows) out.push({ customerId: r.customer_id, productId: r.product_id, week: Number(r.week), units: Number(r.units) });
  }
  return out;
}
