import type { Executor } from "./executor";
import type { PolicyVersionTable } from "./schema";

/** The latest policy table's version; 0 before the first is approved. */
export async function currentPolicyVersion(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("policy_versions")
    .select((eb) => eb.fn.max("version").as("v"))
    .executeTakeFirst();
  return row?.v == null ? 0 : Number(row.v);
}

/** The rows of one stored policy table. */
/** The rows of a stored policy table, as validated when it was proposed. */
export async function policyRows(db: Executor, version: number): Promise<Array<Record<string, unknown>>> {
  const row = await db.selectFrom("policy_versions").select("rows").where("version", "=", version).executeTakeFirstOrThrow();
  return JSON.parse(row.rows) as Array<Record<string, unknown>>;
}

export async function insertPolicyVersion(db: Executor, row: PolicyVersionTable): Promise<void> {
  await db.insertInto("policy_versions").values(row).execute();
}
