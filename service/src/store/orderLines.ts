import { sql } from "kysely";
import type { OrderLineFacts } from "../../../shared/src/jobs";
import type { OrderPairTotals } from "../../../shared/src/kpi";
import type { FeatureOrderLine } from "../../../shared/src/ml";
import type { Executor } from "./executor";
import { insertChunked } from "./insertChunked";
import type { OrderLineTable } from "./schema";

/*
 * The order history: one row per customer × product × week. The line-grain
 * loaders read in the table's own order (no ORDER BY), as the use cases always
 * have, so the shared functions' sums over the lines come out as before.
 */

const entityColumn = (dimension: "customer" | "product") => (dimension === "customer" ? "customer_id" : "product_id");

/** Every order line with the figures the segmentation methods aggregate. */
export async function orderLineFacts(db: Executor): Promise<OrderLineFacts[]> {
  const rows = await db.selectFrom("order_lines").select(["customer_id", "product_id", "week", "qty", "price", "cost"]).execute();
  return rows.map((l) => ({ ...l, week: Number(l.week), qty: Number(l.qty), price: Number(l.price), cost: Number(l.cost) }));
}

/**
 * Every order line as the behaviour features read it, keyed by the
 * dimension's entity, and the last week of the history (0 without lines).
 * Line grain, not sums: the features weigh each line's own unit price and cost.
 */
export async function entityOrderLines(db: Executor, dimension: "customer" | "product"): Promise<{ weeks: number; lines: FeatureOrderLine[] }> {
  const rows = await db.selectFrom("order_lines").select(["customer_id", "product_id", "week", "qty", "price", "cost", "lines", "returns"]).execute();
  let weeks = 0;
  const lines = rows.map((r) => {
    const week = Number(r.week);
    if (week > weeks) weeks = week;
    return {
      entityId: dimension === "customer" ? r.customer_id : r.product_id,
      week,
      quantity: Number(r.qty),
      unitPrice: Number(r.price),
      unitCost: Number(r.cost),
      lines: Number(r.lines),
      returnedUnits: Number(r.returns),
    };
  });
  return { weeks, lines };
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
export async function orderTotalsByPair(db: Executor): Promise<OrderPairTotals[]> {
  const rows = await db
    .selectFrom("order_lines")
    .select((eb) => [
      "customer_id",
      "product_id",
      eb.fn.sum<number>("lines").as("lines"),
      sql<number>`sum(case when deliveries <= lines then 0 when deliveries - lines >= lines then lines else deliveries - lines end)`.as("splits"),
      sql<number>`sum(qty * price)`.as("revenue"),
    ])
    .groupBy(["customer_id", "product_id"])
    .orderBy("customer_id")
    .orderBy("product_id")
    .execute();
  return rows.map((r) => ({ customerId: r.customer_id, productId: r.product_id, lines: Number(r.lines), splits: Number(r.splits), revenue: Number(r.revenue) }));
}

/** Replace the whole order history with these rows. */
export async function replaceOrderLines(db: Executor, rows: readonly OrderLineTable[], onProgress?: (written: number, total: number) => void): Promise<void> {
  await db.deleteFrom("order_lines").execute();
  await insertChunked(db, "order_lines", rows, onProgress);
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
