import type { Executor } from "./executor";
import type { CorrectiveActionTable } from "./schema";

export async function findAction(db: Executor, id: string): Promise<CorrectiveActionTable | undefined> {
  return db.selectFrom("corrective_actions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Actions by due date (ties by id), filtered. */
export async function actionsWhere(db: Executor, filter: { status?: string; dimension?: string; segment?: string }): Promise<CorrectiveActionTable[]> {
  let query = db.selectFrom("corrective_actions").selectAll().orderBy("due_date").orderBy("id");
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.dimension) query = query.where("dimension", "=", filter.dimension);
  if (filter.segment) query = query.where("segment", "=", filter.segment);
  return query.execute();
}

export async function insertAction(db: Executor, row: CorrectiveActionTable): Promise<void> {
  await db.insertInto("corrective_actions").values(row).execute();
}

/**
 * Update an action only if it is still at `version`: the check sits in the
 * UPDATE's WHERE so two racing writers cannot both pass it. False when it
 * was not (changed meanwhile).
 */
export async function updateActionAtVersion(db: Executor, id: string, version: number, changes: Partial<Omit<CorrectiveActionTable, "id">>): Promise<boolean> {
  const result = await db.updateTable("corrective_actions").set(changes).where("id", "=", id).where("version", "=", version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
