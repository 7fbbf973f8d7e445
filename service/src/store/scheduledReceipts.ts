import type { Executor } from "./executor";
import { insertChunked } from "./insertChunked";
import type { ScheduledReceiptTable } from "./schema";

/** The receipts file is the schedule: an import replaces every row. */
export async function replaceScheduledReceipts(db: Executor, rows: readonly ScheduledReceiptTable[]): Promise<void> {
  await db.deleteFrom("scheduled_receipts").execute();
  await insertChunked(db, "scheduled_receipts", rows);
}

export async function listScheduledReceipts(db: Executor): Promise<ScheduledReceiptTable[]> {
  const rows = await db.selectFrom("scheduled_receipts").selectAll().orderBy("product_id").orderBy("date").execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}
