import type { Executor } from "./context";

export async function currentPolicyVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom("policy_versions").select((eb) => eb.fn.max("version").as("v")).executeTakeFirst();
  return row?.v == null ? 0 : Number(row.v);
}

export async function currentPolicies(db: Executor): Promise<{ version: number; rows: Array<Record<string, unknown>> }> {
  const version = await currentPolicyVersion(db);
  if (version === 0) return { version, rows: [] };
  const row = await db.selectFrom("policy_versions").select("rows").where("version", "=", version).executeTakeFirstOrThrow();
  return { version, rows: JSON.parse(row.rows) };
}
