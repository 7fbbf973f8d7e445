import type { Kysely } from "kysely";
import type { Role } from "../../../shared/src/api/roles";
import { issueToken } from "../auth/tokens";
import type { Database } from "../store/schema";

/** Demo tokens live a day: they are printed to a console, and consoles end up in logs. */
export const DEMO_TOKEN_HOURS = 24;
const DEMO_ROLES: Role[] = ["planner", "sales", "finance", "approver", "admin"];

/** One token per working role, each its own owner, so four-eyes holds between them as between people. */
export async function issueDemoTokens(db: Kysely<Database>, now = new Date()): Promise<Array<{ role: Role; token: string; expiresAt: string | null }>> {
  const expiresAt = new Date(now.getTime() + DEMO_TOKEN_HOURS * 3_600_000);
  const out = [];
  for (const role of DEMO_ROLES) {
    const issued = await issueToken(db, `demo-${role}`, role, now, { subject: `demo-${role}`, expiresAt, issuedBy: "demo" });
    out.push({ role, token: issued.token, expiresAt: issued.expiresAt });
  }
  return out;
}

export function describeDemoTokens(tokens: Awaited<ReturnType<typeof issueDemoTokens>>): string[] {
  return [`Demo tokens (shown once, valid for ${DEMO_TOKEN_HOURS} h; paste one under Settings):`, ...tokens.map((t) => `  ${`${t.role}:`.padEnd(10)}${t.token}`)];
}
