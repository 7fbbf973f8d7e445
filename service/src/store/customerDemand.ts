import { sql } from "kysely";
import type { Executor } from "./executor";

/**
 * Units each customer ordered over the stored history and the number of
 * weeks the history spans, summed in the database: network design scales
 * them to a year so demand and the DCs' yearly fixed costs share a period.
 */
export async function customerUnits(db: Executor): Promise<{ weeks: number; units: Map<string, number> }> {
  const rows = await db
    .selectFrom("order_lines")
    .select(["customer_id", sql<number>`sum(qty)`.as("units")])
    .groupBy("customer_id")
    .execute();
  const span = await db
    .selectFrom("order_lines")
    .select([sql<number | null>`min(week)`.as("first"), sql<number | null>`max(week)`.as("last")])
    .executeTakeFirst();
  const weeks = span?.first == null || span.last == null ? 0 : Number(span.last) - Number(span.first) + 1;
  return { weeks, units: new Map(rows.map((r) => [r.customer_id, Number(r.units)])) };
}
