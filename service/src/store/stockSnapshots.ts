import { sql } from "kysely";
import type { Executor } from "./executor";
import { INSERT_CHUNK } from "./insertChunked";
import type { StockSnapshotTable } from "./schema";

/** Insert or replace the stock of each product × location × date: snapshots accumulate month by month. */
export async function upsertStockSnapshots(db: Executor, rows: readonly StockSnapshotTable[], onProgress?: (written: number, total: number) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto("stock_snapshots")
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.columns(["product_id", "location", "date"]).doUpdateSet((eb) => ({ qty: eb.ref("excluded.qty"), value: eb.ref("excluded.value") })))
      .execute();
    onProgress?.(Math.min(i + INSERT_CHUNK, rows.length), rows.length);
  }
}

export interface SegmentStock {
  segment: string;
  /** Σ stock value over every snapshot date */
  valueSum: number;
  /** stock value on the latest snapshot date */
  latestValue: number;
}

/**
 * Stock value per product segment of an assignments version, over all
 * snapshot dates and on the latest, and the snapshot dates themselves: the
 * average stock of a segment is valueSum / dates (a product without a row on
 * a date held none that day).
 */
export async function stockBySegment(db: Executor, version: number): Promise<{ dates: number; latestDate: string | null; segments: SegmentStock[] }> {
  const span = await db
    .selectFrom("stock_snapshots")
    .select([sql<number>`count(distinct date)`.as("dates"), sql<string | null>`max(date)`.as("latest")])
    .executeTakeFirst();
  const dates = Number(span?.dates ?? 0);
  const latest = span?.latest ?? null;
  if (dates === 0 || latest === null) return { dates: 0, latestDate: null, segments: [] };
  const rows = await db
    .selectFrom("stock_snapshots as s")
    .innerJoin("assignments as a", (j) => j.onRef("a.entity_id", "=", "s.product_id").on("a.dimension", "=", "product").on("a.version", "=", version))
    .select(["a.segment as segment", sql<number>`sum(s.value)`.as("value_sum"), sql<number>`sum(case when s.date = ${latest} then s.value else 0 end)`.as("latest_value")])
    .groupBy("a.segment")
    .orderBy("a.segment")
    .execute();
  return { dates, latestDate: latest, segments: rows.map((r) => ({ segment: r.segment, valueSum: Number(r.value_sum), latestValue: Number(r.latest_value) })) };
}

/** A date `days` before an ISO date, as ISO. */
const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

export type SegmentAging = { measured: true; from: string; to: string; segments: Map<string, { value: number; agedValue: number }> } | { measured: false; reason: string };

/**
 * Stock older than `days` per product segment on the latest snapshot date t,
 * first in first out: what a product held on the last snapshot s0 at least
 * `days` before t, less what it delivered after s0 up to t, is still on hand
 * at t and older than s0 (never more than the product holds at t), valued at
 * t's value per unit. Needs a snapshot that old and deliveries from s0 on;
 * without them the reason is returned instead.
 */
export async function stockAgingBySegment(db: Executor, version: number, days: number): Promise<SegmentAging> {
  const latest = await db
    .selectFrom("stock_snapshots")
    .select(sql<string | null>`max(date)`.as("d"))
    .executeTakeFirst();
  const to = latest?.d ?? null;
  if (to === null) return { measured: false, reason: "no stock snapshots stored" };
  const earlier = await db
    .selectFrom("stock_snapshots")
    .where("date", "<=", daysBefore(to, days))
    .select(sql<string | null>`max(date)`.as("d"))
    .executeTakeFirst();
  const from = earlier?.d ?? null;
  if (from === null) return { measured: false, reason: `no stock snapshot ${days} days before the latest (${to})` };
  const covered = await db
    .selectFrom("deliveries")
    .where("promised_date", "<=", from)
    .select(sql<number>`count(*)`.as("n"))
    .executeTakeFirst();
  if (Number(covered?.n ?? 0) === 0) return { measured: false, reason: `no deliveries from ${from} on, so what left the stock since is unknown` };
  const rows = await sql<{ segment: string; value: number; aged_value: number }>`
    WITH latest AS (SELECT product_id, sum(qty) AS qty, sum(value) AS value FROM stock_snapshots WHERE date = ${to} GROUP BY product_id),
         earlier AS (SELECT product_id, sum(qty) AS qty FROM stock_snapshots WHERE date = ${from} GROUP BY product_id),
         used AS (SELECT product_id, sum(qty_delivered) AS qty FROM deliveries WHERE delivered_date > ${from} AND delivered_date <= ${to} GROUP BY product_id),
         aged AS (
           SELECT l.product_id, l.qty, l.value, coalesce(e.qty, 0) - coalesce(u.qty, 0) AS old_qty
           FROM latest l LEFT JOIN earlier e ON e.product_id = l.product_id LEFT JOIN used u ON u.product_id = l.product_id
         )
    SELECT a.segment AS segment, sum(g.value) AS value,
           sum(CASE WHEN g.qty <= 0 OR g.old_qty <= 0 THEN 0 WHEN g.old_qty >= g.qty THEN g.value ELSE g.old_qty * g.value / g.qty END) AS aged_value
    FROM aged g JOIN assignments a ON a.entity_id = g.product_id AND a.dimension = 'product' AND a.version = ${version}
    GROUP BY a.segment ORDER BY a.segment`.execute(db);
  return { measured: true, from, to, segments: new Map(rows.rows.map((r) => [r.segment, { value: Number(r.value), agedValue: Number(r.aged_value) }])) };
}

/** Units on hand per product on the latest snapshot date (summed over locations), and that date; empty when no snapshot is stored. */
export async function latestOnHand(db: Executor): Promise<{ date: string | null; units: Map<string, number> }> {
  const latest = await db
    .selectFrom("stock_snapshots")
    .select(sql<string | null>`max(date)`.as("d"))
    .executeTakeFirst();
  const date = latest?.d ?? null;
  if (date === null) return { date: null, units: new Map() };
  const rows = await db
    .selectFrom("stock_snapshots")
    .where("date", "=", date)
    .select(["product_id", sql<number>`sum(qty)`.as("qty")])
    .groupBy("product_id")
    .execute();
  return { date, units: new Map(rows.map((r) => [r.product_id, Number(r.qty)])) };
}
