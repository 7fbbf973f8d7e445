import { sql } from "kysely";
import type { Executor } from "./executor";

/** One round trip to the store: throws when it does not answer. */
export async function ping(db: Executor): Promise<void> {
  await sql`select 1`.execute(db);
}
