import { sql } from "kysely";
import type { Executor } from "./executor";

/** One supplier's stored metrics of one period, as imported (a metric a period lacks is absent). */
export interface PerformancePeriod {
  supplierId: string;
  period: string;
  metrics: Record<string, unknown>;
}

/** The performance history within a window of periods (text order, both ends included), by supplier then period. */
export async function performanceInWindow(db: Executor, window: { from?: string; to?: string }): Promise<PerformancePeriod[]> {
  let q = db.selectFrom("supplier_performance").select(["supplier_id", "period", "metrics"]);
  if (window.from !== undefined) q = q.where("period", ">=", window.from);
  if (window.to !== undefined) q = q.where("period", "<=", window.to);
  const rows = await q.orderBy("supplier_id").orderBy("period").execute();
  return rows.map((r) => ({ supplierId: r.supplier_id, period: r.period, metrics: JSON.parse(r.metrics) as Record<string, unknown> }));
}

/**
 * Revenue, units and order lines per product over the last `weeks` weeks of
 * the order history, summed in the database; and the weeks that covers
 * (null without history).
 */
export async function recentProductSales(db: Executor, weeks: number): Promise<{ fromWeek: number; toWeek: number; products: Map<string, { revenue: number; units: number; lines: number }> } | null> {
  const last = await db
    .selectFrom("order_lines")
    .select((eb) => [eb.fn.min<number>("week").as("first"), eb.fn.max<number>("week").as("last")])
    .executeTakeFirst();
  if (!last || last.last === null || last.last === undefined) return null;
  const toWeek = Number(last.last);
  const fromWeek = Math.max(Number(last.first), toWeek - weeks + 1);
  const rows = await db
    .selectFrom("order_lines")
    .select((eb) => ["product_id", sql<number>`sum(qty * price)`.as("revenue"), eb.fn.sum<number>("qty").as("units"), eb.fn.sum<number>("lines").as("lines")])
    .where("week", ">=", fromWeek)
    .groupBy("product_id")
    .execute();
  return { fromWeek, toWeek, products: new Map(rows.map((r) => [r.product_id, { revenue: Number(r.revenue), units: Number(r.units), lines: Number(r.lines) }])) };
}
