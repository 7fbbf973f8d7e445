import type { ApiToken, IssueToken } from "../../../shared/src/api";
import type { Role } from "../../../shared/src/api/roles";
import type { Actor } from "../auth/actor";
import { issueToken, parseScopes } from "../auth/tokens";
import { notFound } from "../appError";
import { listTokens, revokeTokenRow, tokenById } from "../store/tokens";
import type { TokenTable } from "../store/schema";
import { appendAudit } from "./audit";
import type { ServiceContext } from "./context";

const DAY_MS = 86_400_000;

function present(row: Omit<TokenTable, "token_hash">, now: Date): ApiToken {
  const status = row.revoked_at !== null ? "revoked" : row.expires_at !== null && row.expires_at <= now.toISOString() ? "expired" : "active";
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    subject: row.subject ?? row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    status,
    scopes: parseScopes(row.scopes) ?? null,
  };
}

/** An admin sees every token; anyone else only the tokens they own. */
export async function listApiTokens(ctx: ServiceContext, actor: Actor): Promise<ApiToken[]> {
  const rows = await listTokens(ctx.db, actor.role === "admin" ? undefined : actor.subject);
  const now = ctx.now();
  return rows.map((r) => present(r, now));
}

export async function issueApiToken(ctx: ServiceContext, actor: Actor, request: IssueToken) {
  const now = ctx.now();
  const issued = await issueToken(ctx.db, request.name, request.role, now, { subject: request.subject, expiresAt: new Date(now.getTime() + request.expiresInDays * DAY_MS), issuedBy: actor.name, scopes: request.scopes });
  const row = await tokenById(ctx.db, issued.id);
  if (!row) throw notFound(`token ${issued.id} vanished after it was issued`);
  return { ...present(row, now), token: issued.token };
}

/**
 * Its owner or an admin may revoke a token; anyone else learns nothing about
 * it (404). Revoking twice is not an error: the answer says when it was.
 */
export async function revokeApiToken(ctx: ServiceContext, actor: Actor, id: string): Promise<ApiToken> {
  const now = ctx.now();
  const row = await tokenById(ctx.db, id);
  if (!row || (actor.role !== "admin" && (row.subject ?? row.name) !== actor.subject)) throw notFound(`token ${id} does not exist or is not yours`);
  await ctx.db.transaction().execute(async (trx) => {
    if (await revokeTokenRow(trx, id, now)) {
      await appendAudit(trx, now, { actor: actor.name, action: "token.revoked", entityType: "token", entityId: id, before: { name: row.name, role: row.role, subject: row.subject } });
    }
  });
  const after = await tokenById(ctx.db, id);
  if (!after) throw notFound(`token ${id} does not exist`);
  return present(after, now);
}
