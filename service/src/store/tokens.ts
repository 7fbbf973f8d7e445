import type { Executor } from "./executor";
import type { TokenTable } from "./schema";

export async function insertToken(db: Executor, row: TokenTable): Promise<void> {
  await db.insertInto("tokens").values(row).execute();
}

export async function tokenByHash(db: Executor, tokenHash: string) {
  return db.selectFrom("tokens").select(["id", "name", "role", "subject", "expires_at", "revoked_at", "last_used_at", "scopes"]).where("token_hash", "=", tokenHash).executeTakeFirst();
}

export async function tokenById(db: Executor, id: string) {
  return db.selectFrom("tokens").select(["id", "name", "role", "subject", "created_at", "expires_at", "revoked_at", "last_used_at", "scopes"]).where("id", "=", id).executeTakeFirst();
}

/** Tokens newest first, every owner's or one owner's; never the hash. */
export async function listTokens(db: Executor, subject?: string) {
  let q = db.selectFrom("tokens").select(["id", "name", "role", "subject", "created_at", "expires_at", "revoked_at", "last_used_at", "scopes"]).orderBy("created_at", "desc").orderBy("id");
  if (subject !== undefined) q = q.where("subject", "=", subject);
  return q.execute();
}

/** Records a use, at most once a minute per token: the check is one indexed read, the write rare. */
export async function touchToken(db: Executor, id: string, now: Date): Promise<void> {
  const stale = new Date(now.getTime() - 60_000).toISOString();
  await db
    .updateTable("tokens")
    .set({ last_used_at: now.toISOString() })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", stale)]))
    .execute();
}

/** Revokes a token unless it already is; true when this call revoked it. */
export async function revokeTokenRow(db: Executor, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable("tokens").set({ revoked_at: now.toISOString() }).where("id", "=", id).where("revoked_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
