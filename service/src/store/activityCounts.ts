import type { Executor } from "./executor";
import { INSERT_CHUNK } from "./insertChunked";

/** customer → activity volumes (driver → volume). */
export async function activityByCustomer(db: Executor): Promise<Map<string, Record<string, unknown>>> {
  const rows = await db.selectFrom("activity_counts").select(["customer_id", "drivers"]).execute();
  return new Map(rows.map((r) => [r.customer_id, JSON.parse(r.drivers) as Record<string, unknown>]));
}

/** Insert or replace each customer's activity volumes. */
export async function upsertActivityCounts(db: Executor, rows: ReadonlyArray<{ customerId: string; drivers: Record<string, unknown> }>): Promise<void> {
  const values = rows.map((r) => ({ customer_id: r.customerId, drivers: JSON.stringify(r.drivers) }));
  for (let i = 0; i < values.length; i += INSERT_CHUNK) {
    await db
      .insertInto("activity_counts")
      .values(values.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.column("customer_id").doUpdateSet((eb) => ({ drivers: eb.ref("excluded.drivers") })))
      .execute();
  }
}
