import type { Executor } from "./executor";
import { INSERT_CHUNK } from "./insertChunked";

/** Insert or replace each supplier's metrics of a period. */
export async function upsertSupplierPerformance(db: Executor, rows: ReadonlyArray<{ supplierId: string; period: string; metrics: Record<string, unknown> }>): Promise<void> {
  const values = rows.map((r) => ({ supplier_id: r.supplierId, period: r.period, metrics: JSON.stringify(r.metrics) }));
  for (let i = 0; i < values.length; i += INSERT_CHUNK) {
    await db
      .insertInto("supplier_performance")
      .values(values.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.columns(["supplier_id", "period"]).doUpdateSet((eb) => ({ metrics: eb.ref("excluded.metrics") })))
      .execute();
  }
}
