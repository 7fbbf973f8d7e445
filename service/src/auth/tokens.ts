import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../store/schema";
import { insertToken, tokenByHash, touchToken } from "../store/tokens";
import { appendAudit } from "../useCases/audit";
import { permissionSchema, type Permission, type Role } from "../../../shared/src/api/roles";
import type { Actor } from "./actor";

/** Tokens are shown once and stored only as SHA-256: a leaked database yields no usable token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface IssueOptions {
  /** the owner four-eyes compares (default: the token's name) */
  subject?: string;
  /** when the token stops working (default: never) */
  expiresAt?: Date;
  /** who issued it, for the audit trail */
  issuedBy?: string;
  /** limit it to these of its role's permissions (default: the whole role) */
  scopes?: readonly Permission[];
}

/** The stored scopes; an unreadable value limits the token to nothing rather than widening it to the whole role. */
export function parseScopes(text: string | null): Permission[] | undefined {
  if (text === null) return undefined;
  try {
    const parsed = permissionSchema.array().safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export async function issueToken(db: Kysely<Database>, name: string, role: Role, now = new Date(), options: IssueOptions = {}): Promise<{ id: string; token: string; expiresAt: string | null }> {
  const token = `tl_${randomBytes(32).toString("base64url")}`;
  const id = randomUUID();
  const subject = options.subject ?? name;
  const expiresAt = options.expiresAt ? options.expiresAt.toISOString() : null;
  const scopes = options.scopes ? [...options.scopes] : null;
  await db.transaction().execute(async (trx) => {
    await insertToken(trx, { id, name, role, subject, token_hash: hashToken(token), created_at: now.toISOString(), expires_at: expiresAt, revoked_at: null, last_used_at: null, scopes: scopes && JSON.stringify(scopes) });
    await appendAudit(trx, now, { actor: options.issuedBy ?? "cli", action: "token.issued", entityType: "token", entityId: id, after: { name, role, subject, expiresAt, scopes } });
  });
  return { id, token, expiresAt };
}

/** The actor a token stands for, or undefined when it is unknown, revoked or expired; read on every request, so a revocation takes effect at once. */
export async function findActor(db: Kysely<Database>, token: string, now = new Date()): Promise<Actor | undefined> {
  const row = await tokenByHash(db, hashToken(token));
  if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now.toISOString())) return undefined;
  // A write at most once a minute per token: most requests only read.
  if (row.last_used_at === null || Date.parse(row.last_used_at) < now.getTime() - 60_000) await touchToken(db, row.id, now);
  const scopes = parseScopes(row.scopes);
  return { tokenId: row.id, subject: row.subject ?? row.name, name: row.name, role: row.role as Role, ...(scopes ? { scopes } : {}) };
}
