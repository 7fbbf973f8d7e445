import { sql } from "kysely";
import type { Executor } from "./executor";
import { orderWeekRange } from "./orderLines";

export interface ProductActivity {
  /** order lines (picks) in the window */
  lines: number;
  units: number;
  /** Σ qty × (price − cost) */
  margin: number;
}

/**
 * Order lines, units and margin per product over the last `weeks` weeks of
 * the stored history (fewer when the history is shorter), summed in the
 * database; null without order lines.
 */
export async function productActivity(db: Executor, weeks: number): Promise<{ fromWeek: number; toWeek: number; products: Map<string, ProductActivity> } | null> {
  const range = await orderWeekRange(db);
  if (!range) return null;
  const fromWeek = Math.max(range.first, range.last - weeks + 1);
  const rows = await db
    .selectFrom("order_lines")
    .where("week", ">=", fromWeek)
    .select((eb) => ["product_id", eb.fn.sum<number>("lines").as("lines"), eb.fn.sum<number>("qty").as("units"), sql<number>`sum(qty * (price - cost))`.as("margin")])
    .groupBy("product_id")
    .execute();
  return {
    fromWeek,
    toWeek: range.last,
    products: new Map(rows.map((r) => [r.product_id, { lines: Number(r.lines), units: Number(r.units), margin: Number(r.margin) }])),
  };
}

/** Stock per product on the latest snapshot date, summed over locations; null date without snapshots. */
export async function latestStockByProduct(db: Executor): Promise<{ date: string | null; products: Map<string, { qty: number; value: number }> }> {
  const latest = await db
    .selectFrom("stock_snapshots")
    .select(sql<string | null>`max(date)`.as("d"))
    .executeTakeFirst();
  const date = latest?.d ?? null;
  if (date === null) return { date, products: new Map() };
  const rows = await db
    .selectFrom("stock_snapshots")
    .where("date", "=", date)
    .select((eb) => ["product_id", eb.fn.sum<number>("qty").as("qty"), eb.fn.sum<number>("value").as("value")])
    .groupBy("product_id")
    .execute();
  return { date, products: new Map(rows.map((r) => [r.product_id, { qty: Number(r.qty), value: Number(r.value) }])) };
}
