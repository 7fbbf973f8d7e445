import { sql } from "kysely";
import type { OrderSums } from "../../../shared/src/jobs";
import type { OrderPairTotals } from "../../../shared/src/kpi";
import type { EntityWeek } from "../../../shared/src/ml";
import type { Executor } from "./executor";
import { insertChunked } from "./insertChunked";
import { bumpKpiDataVersion } from "./kpiDataVersion";
import type { OrderLineTable } from "./schema";

/*
 * The order history: one row per customer × product × week. The use cases
 * read it summed in the database (per entity × week, per pair, per customer),
 * never line by line: a company's history can run to millions of lines.
 */

const entityColumn = (dimension: "customer" | "product") => (dimension === "customer" ? "customer_id" : "product_id");

/**
 * The order history summed per product × week (revenue, margin, units) and
 * per customer (revenue, margin): what the segmentation methods read.
 */
export async function orderSums(db: Executor): Promise<OrderSums> {
  const productWeeks = await db
    .selectFrom("order_lines")
    .select((eb) => ["product_id", "week", sql<number>`sum(qty * price)`.as("revenue"), sql<number>`sum(qty * (price - cost))`.as("margin"), eb.fn.sum<number>("qty").as("units")])
    .groupBy(["product_id", "week"])
    .orderBy("product_id")
    .orderBy("week")
    .execute();
  const customers = await db
    .selectFrom("order_lines")
    .select(["customer_id", sql<number>`sum(qty * price)`.as("revenue"), sql<number>`sum(qty * (price - cost))`.as("margin")])
    .groupBy("customer_id")
    .orderBy("customer_id")
    .execute();
  return {
    productWeeks: productWeeks.map((r) => ({ productId: r.product_id, week: Number(r.week), revenue: Number(r.revenue), margin: Number(r.margin), units: Number(r.units) })),
    customers: customers.map((r) => ({ customerId: r.customer_id, revenue: Number(r.revenue), margin: Number(r.margin) })),
  };
}

/**
 * The order history of a dimension summed per entity × week, as the
 * behaviour features and period metrics read it, and the last week of the
 * history (0 without lines). One row per entity and week with a line, so a
 * week whose lines all have zero quantity still counts as a week with an order.
 */
export async function entityWeekSums(db: Executor, dimension: "customer" | "product"): Promise<{ weeks: number; entityWeeks: EntityWeek[] }> {
  const column = entityColumn(dimension);
  const rows = await db
    .selectFrom("order_lines")
    .select((eb) => [
      eb.ref(column).as("entity_id"),
      "week",
      eb.fn.sum<number>("qty").as("units"),
      sql<number>`sum(qty * price)`.as("revenue"),
      sql<number>`sum(qty * cost)`.as("cost"),
      eb.fn.sum<number>("lines").as("lines"),
      eb.fn.sum<number>("returns").as("returns"),
    ])
    .groupBy([column, "week"])
    .orderBy(column)
    .orderBy("week")
    .execute();
  let weeks = 0;
  const entityWeeks = rows.map((r) => {
    const week = Number(r.week);
    if (week > weeks) weeks = week;
    return { entityId: r.entity_id, week, units: Number(r.units), revenue: Number(r.revenue), cost: Number(r.cost), lines: Number(r.lines), returnedUnits: Number(r.returns) };
  });
  return { weeks, entityWeeks };
}

/**
 * Units per week of every entity of a dimension with sales, summed in the
 * database: entity → weeks 1 … `weeks`, `weeks` the last week of the history
 * (0 without lines).
 */
export async function weeklyUnitsByEntity(db: Executor, dimension: "customer" | "product"): Promise<{ weeks: number; units: Map<string, Float64Array> }> {
  const column = entityColumn(dimension);
  const rows = await db
    .selectFrom("order_lines")
    .select((eb) => [eb.ref(column).as("entity_id"), "week", eb.fn.sum<number>("qty").as("units")])
    .groupBy([column, "week"])
    .orderBy(column)
    .orderBy("week")
    .execute();
  let weeks = 0;
  for (const r of rows) weeks = Math.max(weeks, Number(r.week));
  const units = new Map<string, Float64Array>();
  for (const r of rows) {
    let series = units.get(r.entity_id);
    if (!series) units.set(r.entity_id, (series = new Float64Array(weeks)));
    series[Number(r.week) - 1] = Number(r.units);
  }
  return { weeks, units };
}

/**
 * Lines, back-order splits and revenue per customer × product pair, summed in
 * the database. A row's splits are min(lines, max(0, deliveries − lines)):
 * deliveries beyond one per line, never more than the lines.
 */
export async function orderTotalsByPair(db: Executor, only?: { dimension: "customer" | "product"; version: number; segments: readonly string[] }): Promise<OrderPairTotals[]> {
  if (only && only.segments.length === 0) return [];
  let q = db.selectFrom("order_lines as o");
  if (only) {
    q = q.where(
      sql.ref(only.dimension === "customer" ? "o.customer_id" : "o.product_id"),
      "in",
      db
        .selectFrom("assignments as a")
        .select("a.entity_id")
        .where("a.dimension", "=", only.dimension)
        .where("a.version", "=", only.version)
        .where("a.segment", "in", [...only.segments]),
    );
  }
  const rows = await q
    .select((eb) => [
      "o.customer_id as customer_id",
      "o.product_id as product_id",
      eb.fn.sum<number>("o.lines").as("lines"),
      sql<number>`sum(case when o.deliveries <= o.lines then 0 when o.deliveries - o.lines >= o.lines then o.lines else o.deliveries - o.lines end)`.as("splits"),
      sql<number>`sum(o.qty * o.price)`.as("revenue"),
    ])
    .groupBy(["o.customer_id", "o.product_id"])
    .orderBy("o.customer_id")
    .orderBy("o.product_id")
    .execute();
  return rows.map((r) => ({ customerId: r.customer_id, productId: r.product_id, lines: Number(r.lines), splits: Number(r.splits), revenue: Number(r.revenue) }));
}

/** Replace the whole order history with these rows. */
export async function replaceOrderLines(db: Executor, rows: readonly OrderLineTable[], onProgress?: (written: number, total: number) => void): Promise<void> {
  await db.deleteFrom("order_lines").execute();
  await insertChunked(db, "order_lines", rows, onProgress);
}

/** Add these rows to the order history: a bulk load in slices, each slice its caller's transaction. */
export async function appendOrderLines(db: Executor, rows: readonly OrderLineTable[]): Promise<void> {
  await insertChunked(db, "order_lines", rows);
  await bumpKpiDataVersion(db);
}

/** The first and last week of the stored order history (null without lines): the window a service run reads. */
export async function orderWeekRange(db: Executor): Promise<{ first: number; last: number } | null> {
  const row = await db
    .selectFrom("order_lines")
    .select((eb) => [eb.fn.min<number>("week").as("first"), eb.fn.max<number>("week").as("last")])
    .executeTakeFirst();
  if (!row || row.first === null || row.last === null) return null;
  return { first: Number(row.first), last: Number(row.last) };
}

/**
 * Cost of goods sold per product segment of an assignments version over the
 * last `weeks` weeks of the history (Σ qty × cost), and how many weeks that
 * window really holds: the numerator of measured turns.
 */
export async function cogsBySegment(db: Executor, version: number, weeks: number): Promise<{ windowWeeks: number; segments: Map<string, number> }> {
  const range = await orderWeekRange(db);
  if (!range) return { windowWeeks: 0, segments: new Map() };
  const from = Math.max(range.first, range.last - weeks + 1);
  // Summed per product first, then per segment: one join per product, not per line.
  const perProduct = db
    .selectFrom("order_lines")
    .where("week", ">=", from)
    .select(["product_id", sql<number>`sum(qty * cost)`.as("cogs")])
    .groupBy("product_id")
    .as("p");
  const rows = await db
    .selectFrom(perProduct)
    .innerJoin("assignments as a", (j) => j.onRef("a.entity_id", "=", "p.product_id").on("a.dimension", "=", "product").on("a.version", "=", version))
    .select(["a.segment as segment", sql<number>`sum(p.cogs)`.as("cogs")])
    .groupBy("a.segment")
    .execute();
  return { windowWeeks: range.last - from + 1, segments: new Map(rows.map((r) => [r.segment, Number(r.cogs)])) };
}
