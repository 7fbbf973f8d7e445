import type { Executor } from "./executor";
import type { TokenTable } from "./schema";

export async function insertToken(db: Executor, row: TokenTable): Promise<void> {
  await db.insertInto("tokens").values(row).execute();
}

export async function tokenByHash(db: Executor, tokenHash: string) {
  return db.selectFrom("tokens").select(["id", "name", "role"]).where("token_hash", "=", tokenHash).executeTakeFirst();
}
