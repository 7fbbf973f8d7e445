import type { Executor } from "./executor";
import { insertChunked } from "./insertChunked";
import type { OpenOrderTable } from "./schema";

/** The order book is the file: an import replaces every open line. */
export async function replaceOpenOrders(db: Executor, rows: readonly OpenOrderTable[], onProgress?: (written: number, total: number) => void): Promise<void> {
  await db.deleteFrom("open_orders").execute();
  await insertChunked(db, "open_orders", rows, onProgress);
}

/** Every open line, by order and line, so a page of the answer is stable. */
export async function listOpenOrders(db: Executor): Promise<OpenOrderTable[]> {
  const rows = await db.selectFrom("open_orders").selectAll().orderBy("order_id").orderBy("line").execute();
  // PostgreSQL answers double precision as numbers already; SQLite may hold integers: one shape for both.
  for (const r of rows) {
    r.quantity = Number(r.quantity);
    r.line = Number(r.line);
    r.weight_kg = r.weight_kg === null ? null : Number(r.weight_kg);
  }
  return rows;
}
