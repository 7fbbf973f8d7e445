import type { Executor } from "./executor";
import { insertChunked } from "./insertChunked";
import type { SellThroughTable } from "./schema";

/** Ids per `IN (…)` list: well under either store's bound-parameter limit. */
const LOOKUP_CHUNK = 1000;

/**
 * A sell-through file is the feed of the customers it names: their stored
 * weeks are replaced by the file's (a retailer re-sending its POS history
 * corrects it), other customers' feeds stay.
 */
export async function replaceSellThroughOf(db: Executor, rows: readonly SellThroughTable[]): Promise<void> {
  const customers = [...new Set(rows.map((r) => r.customer_id))];
  for (let i = 0; i < customers.length; i += LOOKUP_CHUNK) {
    await db
      .deleteFrom("sell_through")
      .where("customer_id", "in", customers.slice(i, i + LOOKUP_CHUNK))
      .execute();
  }
  await insertChunked(db, "sell_through", rows);
}

/** The weeks each customer's feed covers: its first and last reported week of any product. */
export async function sellThroughCoverage(db: Executor): Promise<Array<{ customerId: string; firstWeek: number; lastWeek: number }>> {
  const rows = await db
    .selectFrom("sell_through")
    .select((eb) => ["customer_id", eb.fn.min<number>("week").as("first"), eb.fn.max<number>("week").as("last")])
    .groupBy("customer_id")
    .orderBy("customer_id")
    .execute();
  return rows.map((r) => ({ customerId: r.customer_id, firstWeek: Number(r.first), lastWeek: Number(r.last) }));
}

/** Sell-through of the products with ids in [first, last] by these customers (one range read on the primary key). */
export async function sellThroughWeekUnits(db: Executor, first: string, last: string, customerIds: readonly string[]): Promise<Array<{ customerId: string; productId: string; week: number; units: number }>> {
  const out: Array<{ customerId: string; productId: string; week: number; units: number }> = [];
  for (let i = 0; i < customerIds.length; i += LOOKUP_CHUNK) {
    const rows = await db
      .selectFrom("sell_through")
      .select(["customer_id", "product_id", "week", "units"])
      .where("product_id", ">=", first)
      .where("product_id", "<=", last)
      .where("customer_id", "in", customerIds.slice(i, i + LOOKUP_CHUNK))
      .execute();
    for (const r of rows) out.push({ customerId: r.customer_id, productId: r.product_id, week: Number(r.week), units: Number(r.units) });
  }
  return out;
}
