import type { Executor } from "./executor";
import type { FulfilmentRulesTable } from "./schema";

const ROW_ID = 1;

export async function readFulfilmentRulesRow(db: Executor): Promise<FulfilmentRulesTable | undefined> {
  return db.selectFrom("fulfilment_rules").selectAll().where("id", "=", ROW_ID).executeTakeFirst();
}

/** Replace both tables at once (in the caller's transaction). */
export async function writeFulfilmentRulesRow(db: Executor, row: Omit<FulfilmentRulesTable, "id">): Promise<void> {
  await db.deleteFrom("fulfilment_rules").where("id", "=", ROW_ID).execute();
  await db
    .insertInto("fulfilment_rules")
    .values({ id: ROW_ID, ...row })
    .execute();
}
