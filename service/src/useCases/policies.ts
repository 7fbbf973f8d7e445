import { currentPolicyVersion, policyRows } from "../store/policyVersions";
import type { Executor } from "./context";

export { currentPolicyVersion };

/** The current policy table and its version; version 0 and no rows before the first is approved. */
export async function currentPolicies(db: Executor): Promise<{ version: number; rows: Array<Record<string, unknown>> }> {
  const version = await currentPolicyVersion(db);
  if (version === 0) return { version, rows: [] };
  return { version, rows: await policyRows(db, version) };
}
