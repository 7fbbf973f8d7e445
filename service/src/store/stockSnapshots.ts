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
