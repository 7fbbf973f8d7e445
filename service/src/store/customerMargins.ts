import { sql } from "kysely";
import type { Executor } from "./executor";

export interface CustomerMargin {
  revenue: number;
  grossMargin: number;
  /** order lines in the window */
  lines: number;
}

/**
 * Per customer, Σ qty · price, Σ qty · (price − cost) and Σ lines over the
 * order history's weeks `from`…`to` (inclusive; either open): the revenue and
 * gross margin the incentive report pays on. One row per customer with lines.
 */
export async function customerMargins(db: Executor, from?: number, to?: number): Promise<Map<string, CustomerMargin>> {
  let q = db.selectFrom("order_lines").select(["customer_id", sql<number>`sum(qty * price)`.as("revenue"), sql<number>`sum(qty * (price - cost))`.as("margin"), sql<number>`sum(lines)`.as("lines")]);
  if (from !== undefined) q = q.where("week", ">=", from);
  if (to !== undefined) q = q.where("week", "<=", to);
  const rows = await q.groupBy("customer_id").orderBy("customer_id").execute();
  return new Map(rows.map((r) => [r.customer_id, { revenue: Number(r.revenue), grossMargin: Number(r.margin), lines: Number(r.lines) }]));
}
