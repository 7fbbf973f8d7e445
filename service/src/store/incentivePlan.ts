import type { Executor } from "./executor";

export interface StoredIncentivePlan {
  plan: unknown;
  updatedBy: string;
  updatedAt: string;
}

export async function readIncentivePlanRow(db: Executor): Promise<StoredIncentivePlan | null> {
  const row = await db.selectFrom("incentive_plan").selectAll().where("id", "=", 1).executeTakeFirst();
  return row ? { plan: JSON.parse(row.plan) as unknown, updatedBy: row.updated_by, updatedAt: row.updated_at } : null;
}

/** One row, replaced whole: the plan in force is the last one saved. */
export async function writeIncentivePlanRow(db: Executor, plan: unknown, by: string, at: string): Promise<void> {
  await db
    .insertInto("incentive_plan")
    .values({ id: 1, plan: JSON.stringify(plan), updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({ plan: eb.ref("excluded.plan"), updated_by: eb.ref("excluded.updated_by"), updated_at: eb.ref("excluded.updated_at") })))
    .execute();
}
