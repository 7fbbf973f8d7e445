import type { Executor } from "./executor";
import type { ChangeRequestApprovalTable } from "./schema";

/** The approved steps of these requests, by request id, in step order. */
export async function approvedSteps(db: Executor, ids: readonly string[]): Promise<Map<string, ChangeRequestApprovalTable[]>> {
  const out = new Map<string, ChangeRequestApprovalTable[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("change_request_approvals")
      .selectAll()
      .where("change_request_id", "in", ids.slice(i, i + 500))
      .orderBy("change_request_id")
      .orderBy("step")
      .execute();
    for (const r of rows) {
      const list = out.get(r.change_request_id) ?? [];
      list.push({ ...r, step: Number(r.step) });
      out.set(r.change_request_id, list);
    }
  }
  return out;
}

/**
 * Record an approved step. The primary key (request, step) and the unique
 * (request, subject) make it a claim: of two concurrent approvals of one step,
 * or two steps by one person, only one row lands and the other gets false.
 */
export async function recordStep(db: Executor, row: ChangeRequestApprovalTable): Promise<boolean> {
  const result = await db
    .insertInto("change_request_approvals")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
