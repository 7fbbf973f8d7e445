import { sql } from "kysely";
import type { Executor } from "./executor";
import { insertChunked } from "./insertChunked";
import type { DeliveryTable } from "./schema";

/*
 * Delivered order lines, summed per segment of the current assignments in the
 * database. A line is on time when delivered on or before its promised date
 * (ISO dates compare as text on both stores) and in full when it delivered at
 * least what was ordered; a line not delivered is neither.
 */

export interface DeliveryPeriod {
  segment: string;
  /** YYYY-MM of the promised date */
  period: string;
  lines: number;
  otifLines: number;
  qtyOrdered: number;
  /** Σ min(delivered, ordered) */
  qtyFilled: number;
}

/** Replace all deliveries with these rows: a deliveries file is the record of its window. */
export async function replaceDeliveries(db: Executor, rows: readonly DeliveryTable[], onProgress?: (written: number, total: number) => void): Promise<void> {
  await db.deleteFrom("deliveries").execute();
  await insertChunked(db, "deliveries", rows, onProgress);
}

const entityColumn = (dimension: "customer" | "product") => (dimension === "customer" ? "d.customer_id" : "d.product_id");
const OTIF = sql`d.delivered_date IS NOT NULL AND d.delivered_date <= d.promised_date AND d.qty_delivered >= d.qty_ordered`;

/** Each stored delivery with the segment its entity has in an assignments version (unassigned entities' deliveries left out). */
function segmentDeliveries(db: Executor, dimension: "customer" | "product", version: number) {
  return db.selectFrom("deliveries as d").innerJoin("assignments as a", (j) =>
    j
      .onRef("a.entity_id", "=", sql.ref(entityColumn(dimension)))
      .on("a.dimension", "=", dimension)
      .on("a.version", "=", version),
  );
}

/** Lines, OTIF lines and quantities per segment × month of the promised date. */
export async function deliveriesBySegmentPeriod(db: Executor, dimension: "customer" | "product", version: number): Promise<DeliveryPeriod[]> {
  const rows = await segmentDeliveries(db, dimension, version)
    .select([
      "a.segment as segment",
      sql<string>`substr(d.promised_date, 1, 7)`.as("period"),
      sql<number>`count(*)`.as("lines"),
      sql<number>`sum(case when ${OTIF} then 1 else 0 end)`.as("otif_lines"),
      sql<number>`sum(d.qty_ordered)`.as("qty_ordered"),
      sql<number>`sum(case when d.qty_delivered < d.qty_ordered then d.qty_delivered else d.qty_ordered end)`.as("qty_filled"),
    ])
    .groupBy(["a.segment", sql`substr(d.promised_date, 1, 7)`])
    .orderBy("a.segment")
    .orderBy(sql`substr(d.promised_date, 1, 7)`)
    .execute();
  return rows.map((r) => ({
    segment: r.segment,
    period: r.period,
    lines: Number(r.lines),
    otifLines: Number(r.otif_lines),
    qtyOrdered: Number(r.qty_ordered),
    qtyFilled: Number(r.qty_filled),
  }));
}

/** Lines that missed OTIF per segment and stated cause ("unknown" where none is given): the root-cause split. */
export async function otifMissesByCause(db: Executor, dimension: "customer" | "product", version: number): Promise<Array<{ segment: string; cause: string; lines: number }>> {
  const rows = await segmentDeliveries(db, dimension, version)
    .where(sql<boolean>`NOT (${OTIF})`)
    .select(["a.segment as segment", sql<string>`coalesce(d.miss_cause, 'unknown')`.as("cause"), sql<number>`count(*)`.as("lines")])
    .groupBy(["a.segment", sql`coalesce(d.miss_cause, 'unknown')`])
    .orderBy("a.segment")
    .orderBy(sql`coalesce(d.miss_cause, 'unknown')`)
    .execute();
  return rows.map((r) => ({ segment: r.segment, cause: r.cause, lines: Number(r.lines) }));
}

/**
 * Per segment and entity (product or customer, the dimension's), the lines
 * that missed OTIF and the units short: which entities drive a segment's
 * OTIF and fill rate.
 */
export async function deliveryMissesByEntity(db: Executor, dimension: "customer" | "product", version: number): Promise<Array<{ segment: string; entityId: string; missedLines: number; shortUnits: number }>> {
  const rows = await segmentDeliveries(db, dimension, version)
    .where(sql<boolean>`NOT (${OTIF})`)
    .select([
      "a.segment as segment",
      "a.entity_id as entity_id",
      sql<number>`count(*)`.as("missed"),
      sql<number>`sum(case when d.qty_delivered < d.qty_ordered then d.qty_ordered - d.qty_delivered else 0 end)`.as("short"),
    ])
    .groupBy(["a.segment", "a.entity_id"])
    .orderBy("a.segment")
    .orderBy("a.entity_id")
    .execute();
  return rows.map((r) => ({ segment: r.segment, entityId: r.entity_id, missedLines: Number(r.missed), shortUnits: Number(r.short) }));
}
