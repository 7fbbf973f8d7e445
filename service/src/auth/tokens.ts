import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../store/schema";
import { insertToken, tokenByHash } from "../store/tokens";
import { appendAudit } from "../useCases/audit";
import type { Role } from "../../../shared/src/api/roles";
import type { Actor } from "./actor";

/** Tokens are shown once and stored only as SHA-256: a leaked database yields no usable token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function issueToken(db: Kysely<Database>, name: string, role: Role, now = new Date()): Promise<{ id: string; token: string }> {
  const token = `tl_${randomBytes(32).toString("base64url")}`;
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertToken(trx, { id, name, role, token_hash: hashToken(token), created_at: now.toISOString() });
    await appendAudit(trx, now, { actor: "cli", action: "token.issued", entityType: "token", entityId: id, after: { name, role } });
  });
  return { id, token };
}

export async function findActor(db: Kysely<Database>, token: string): Promise<Actor | undefined> {
  const row = await tokenByHash(db, hashToken(token));
  return row && { tokenId: row.id, name: row.name, role: row.role as Role };
}
