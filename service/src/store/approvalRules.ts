import type { Executor } from "./executor";
import type { ApprovalRuleTable } from "./schema";

/** Every approval rule, in the order they were given. */
export async function approvalRuleRows(db: Executor): Promise<ApprovalRuleTable[]> {
  return db.selectFrom("approval_rules").selectAll().orderBy("position").execute();
}

/** The rules of one dimension, in order. */
export async function approvalRuleRowsOf(db: Executor, dimension: string): Promise<ApprovalRuleTable[]> {
  return db.selectFrom("approval_rules").selectAll().where("dimension", "=", dimension).orderBy("position").execute();
}

/** Replace the whole table (in the caller's transaction). */
export async function replaceApprovalRuleRows(db: Executor, rows: readonly ApprovalRuleTable[]): Promise<void> {
  await db.deleteFrom("approval_rules").execute();
  if (rows.length)
    await db
      .insertInto("approval_rules")
      .values([...rows])
      .execute();
}
