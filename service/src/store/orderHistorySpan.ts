import { sql } from "kysely";
import type { Executor } from "./executor";

/** Weeks from the first to the last week of the stored order history; 0 when none is stored. */
export async function orderHistoryWeeks(db: Executor): Promise<number> {
  const span = await db
    .selectFrom("order_lines")
    .select([sql<number | null>`min(week)`.as("first"), sql<number | null>`max(week)`.as("last")])
    .executeTakeFirst();
  return span?.first == null || span.last == null ? 0 : Number(span.last) - Number(span.first) + 1;
}
