import { randomUUID } from "node:crypto";
import type { AssignmentChange, ChangeRequestStatus, CreateChangeRequest, Dimension } from "../../../shared/src/api";
import { PolicyTable } from "../../../shared/src/segmentation";
import type { Actor } from "../auth/roles";
import { AppError, badRequest, conflict, forbidden, notFound, unprocessable } from "../appError";
import type { ChangeRequestTable } from "../store/schema";
import { isUniqueViolation } from "../store/storeErrors";
import { appendAudit } from "./audit";
import { insertChunked, type Executor, type ServiceContext } from "./context";
import { assignmentsAt, currentVersion, diffAssignments, entityIds, type Assignment } from "./masterData";
import { currentPolicyVersion } from "./policies";

export type ChangeKind = "assignments" | "policies";
export type ChangeSource = "manual" | "segmentation-run" | "recommendation-rule" | "recommendation-model" | "policy-edit";

export interface AssignmentsPayload {
  changes: AssignmentChange[];
  /** the method and options that produced the changes, kept for /validate */
  definition?: unknown;
  effectiveAt?: string;
}
export interface PoliciesPayload {
  rows: unknown[];
}

const DAY_MS = 86_400_000;

/** The payload's size: changes, or rows of a policy table. */
function payloadSize(kind: string, payload: AssignmentsPayload & PoliciesPayload): number {
  return kind === "policies" ? (payload.rows?.length ?? 0) : (payload.changes?.length ?? 0);
}

type ListedChangeRequest = Omit<ChangeRequestTable, "payload"> & { payload?: string };

export function presentChangeRequest(row: ListedChangeRequest, withPayload = false) {
  const payload = withPayload || row.size === null ? (JSON.parse(row.payload ?? "{}") as AssignmentsPayload & PoliciesPayload) : undefined;
  return {
    id: row.id,
    kind: row.kind as ChangeKind,
    dimension: row.dimension,
    status: row.status as ChangeRequestStatus,
    source: row.source as ChangeSource,
    justification: row.justification,
    baseVersion: Number(row.base_version),
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    appliedVersion: row.applied_version === null ? null : Number(row.applied_version),
    size: row.size === null ? payloadSize(row.kind, payload!) : Number(row.size),
    ...(withPayload ? { payload } : {}),
  };
}

/**
 * Pending requests past their expiry become `expired`, each with an audit
 * entry. A cheap indexed check first, so reads pay nothing when none is due;
 * then one update claims them all and the audit entries come last (the audit
 * head is locked until commit, and no row lock is taken after it).
 */
export async function expireDue(ctx: ServiceContext): Promise<void> {
  const now = ctx.now().toISOString();
  const any = await ctx.db.selectFrom("change_requests").select("id").where("status", "=", "pending").where("expires_at", "<", now).limit(1).executeTakeFirst();
  if (!any) return;
  await ctx.db.transaction().execute(async (trx) => {
    const expired = await trx
      .updateTable("change_requests")
      .set({ status: "expired" })
      .where("status", "=", "pending")
      .where("expires_at", "<", now)
      .returning(["id", "dimension"])
      .execute();
    expired.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const cr of expired) {
      await appendAudit(trx, ctx.now(), { actor: "system", action: "change_request.expired", entityType: "change_request", entityId: cr.id, dimension: cr.dimension });
    }
  });
}

export async function createAssignmentChangeRequest(
  ctx: ServiceContext,
  actor: Actor,
  input: CreateChangeRequest,
  source: ChangeSource = "manual",
  definition?: unknown,
  db: Executor = ctx.db,
) {
  const duplicates = new Map<string, number>();
  input.changes.forEach((c, i) => {
    const first = duplicates.get(c.entityId);
    if (first !== undefined) throw badRequest(`changes[${i}].entityId: "${c.entityId}" is also changed at changes[${first}]`, [{ field: `changes[${i}].entityId`, message: "duplicate entity" }]);
    duplicates.set(c.entityId, i);
  });
  const known = await entityIds(db, input.dimension);
  const unknown = input.changes.map((c, i) => ({ c, i })).filter(({ c }) => !known.has(c.entityId));
  if (unknown.length) {
    throw unprocessable(
      `${unknown.length} unknown ${input.dimension} id${unknown.length === 1 ? "" : "s"}: ${unknown.slice(0, 10).map(({ c }) => c.entityId).join(", ")}${unknown.length > 10 ? ", …" : ""}`,
      unknown.slice(0, 100).map(({ c, i }) => ({ field: `changes[${i}].entityId`, message: `unknown ${input.dimension} "${c.entityId}"` })),
    );
  }
  return insertChangeRequest(ctx, actor, {
    kind: "assignments",
    dimension: input.dimension,
    source,
    justification: input.justification,
    payload: { changes: input.changes, definition, effectiveAt: input.effectiveAt } satisfies AssignmentsPayload,
    baseVersion: await currentVersion(db, input.dimension),
    expiresInDays: input.expiresInDays,
    auditAfter: { source, changes: input.changes.length },
  });
}

export async function createPolicyChangeRequest(ctx: ServiceContext, actor: Actor, rows: unknown[], justification: string) {
  new PolicyTable(rows); // validates: DomainError → 400 naming the row and field
  return insertChangeRequest(ctx, actor, {
    kind: "policies",
    dimension: "policy",
    source: "policy-edit",
    justification,
    payload: { rows } satisfies PoliciesPayload,
    baseVersion: await currentPolicyVersion(ctx.db),
    auditAfter: { rows: rows.length },
  });
}

/** A pending request and its "created" audit entry, in one transaction. */
async function insertChangeRequest(
  ctx: ServiceContext,
  actor: Actor,
  request: { kind: ChangeKind; dimension: string; source: ChangeSource; justification: string; payload: unknown; baseVersion: number; expiresInDays?: number; auditAfter: unknown },
) {
  const now = ctx.now();
  const row: ChangeRequestTable = {
    id: randomUUID(),
    kind: request.kind,
    dimension: request.dimension,
    status: "pending",
    source: request.source,
    justification: request.justification,
    payload: JSON.stringify(request.payload),
    base_version: request.baseVersion,
    created_by: actor.name,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + (request.expiresInDays ?? 14) * DAY_MS).toISOString(),
    decided_by: null,
    decided_at: null,
    decision_reason: null,
    applied_version: null,
    size: payloadSize(request.kind, request.payload as AssignmentsPayload & PoliciesPayload),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto("change_requests").values(row).execute();
    await appendAudit(trx, now, {
      actor: actor.name,
      action: "change_request.created",
      entityType: "change_request",
      entityId: row.id,
      dimension: request.dimension,
      after: request.auditAfter,
      reason: request.justification,
    });
  });
  return presentChangeRequest(row);
}

export interface ChangeRequestFilter {
  status?: ChangeRequestStatus;
  dimension?: string;
  source?: string;
  limit: number;
  /** the `nextCursor` of the previous page */
  cursor?: string;
}

interface Cursor {
  createdAt: string;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), "utf8").toString("base64url");
}

function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string" && v.length <= 100 && !/\p{Cc}/u.test(v))) return { createdAt: value[0], id: value[1] };
  } catch {
    // not base64url JSON: refused below
  }
  throw badRequest("query.cursor: is not a cursor this service handed out (pass back nextCursor unchanged)", [{ field: "query.cursor", message: "not a cursor" }]);
}

/**
 * One page of change requests, newest first (ties by id), with the total
 * matching the filter and the cursor of the next page. Pages are keyset
 * ranges over (status, created_at, id) or (created_at, id) indexes and never
 * read payloads, so a page costs the same however many requests are pending.
 */
export async function listChangeRequests(ctx: ServiceContext, filter: ChangeRequestFilter) {
  await expireDue(ctx);
  let q = ctx.db.selectFrom("change_requests");
  if (filter.status) q = q.where("status", "=", filter.status);
  if (filter.dimension) q = q.where("dimension", "=", filter.dimension);
  if (filter.source) q = q.where("source", "=", filter.source);
  const total = Number((await q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  let page = q
    .select(["id", "kind", "dimension", "status", "source", "justification", "base_version", "created_by", "created_at", "expires_at", "decided_by", "decided_at", "decision_reason", "applied_version", "size"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc");
  if (filter.cursor) {
    const after = decodeCursor(filter.cursor);
    page = page.where((eb) => eb.or([eb("created_at", "<", after.createdAt), eb.and([eb("created_at", "=", after.createdAt), eb("id", "<", after.id)])]));
  }
  const rows = await page.limit(filter.limit + 1).execute();
  const more = rows.length > filter.limit;
  const items = rows.slice(0, filter.limit);
  const last = items[items.length - 1];
  // Rows without a stored size (none after migration 0004) fall back to parsing their payload.
  const withPayload = items.some((r) => r.size === null)
    ? new Map((await ctx.db.selectFrom("change_requests").select(["id", "payload"]).where("id", "in", items.filter((r) => r.size === null).map((r) => r.id)).execute()).map((r) => [r.id, r.payload]))
    : new Map<string, string>();
  return {
    changeRequests: items.map((r) => presentChangeRequest({ ...r, payload: withPayload.get(r.id) })),
    total,
    nextCursor: more && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

export async function getChangeRequest(ctx: ServiceContext, id: string) {
  await expireDue(ctx);
  const row = await ctx.db.selectFrom("change_requests").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(`change request ${id} does not exist`);
  const presented = presentChangeRequest(row, true);
  if (row.kind === "assignments" && row.status === "pending") {
    const dimension = row.dimension as Dimension;
    const current = await assignmentsAt(ctx.db, dimension, await currentVersion(ctx.db, dimension));
    const proposed = mergeChanges(current, presented.payload?.changes ?? []);
    return { ...presented, diff: diffAssignments(current, proposed) };
  }
  return presented;
}

function mergeChanges(current: readonly Assignment[], changes: readonly AssignmentChange[]): Assignment[] {
  const next = new Map(current.map((a) => [a.entityId, a]));
  for (const c of changes) next.set(c.entityId, { entityId: c.entityId, segment: c.segment, detail: c.detail ?? {} });
  return [...next.values()].sort((a, b) => (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));
}

async function activeFreeze(db: Executor, dimension: string, at: string) {
  return db
    .selectFrom("freeze_windows")
    .selectAll()
    .where("starts_at", "<=", at)
    .where("ends_at", ">", at)
    .where((eb) => eb.or([eb("dimension", "is", null), eb("dimension", "=", dimension)]))
    .executeTakeFirst();
}

/**
 * Approve and apply, atomically and exactly once: the pending → approved
 * update is the claim (only one concurrent caller can win it), the version's
 * primary key refuses a second version with the same number, and the audit
 * entry commits in the same transaction.
 */
export async function approveChangeRequest(ctx: ServiceContext, actor: Actor, id: string, reason: string, expectedVersion: number) {
  await expireDue(ctx);
  const now = ctx.now();
  try {
    const result = await ctx.db.transaction().execute(async (trx) => {
      const cr = await trx.selectFrom("change_requests").selectAll().where("id", "=", id).executeTakeFirst();
      if (!cr) throw notFound(`change request ${id} does not exist`);
      if (cr.status !== "pending") throw conflict(`change request ${id} is already ${cr.status}${cr.decided_by ? ` (by ${cr.decided_by})` : ""}`);
      if (cr.created_by === actor.name) throw forbidden("you raised this change request: another approver must decide it");
      const freeze = await activeFreeze(trx, cr.dimension, now.toISOString());
      if (freeze) throw conflict(`${cr.dimension} changes are frozen until ${freeze.ends_at}: ${freeze.reason}`);
      const current = cr.kind === "policies" ? await currentPolicyVersion(trx) : await currentVersion(trx, cr.dimension as Dimension);
      if (expectedVersion !== current) {
        throw conflict(`expectedVersion ${expectedVersion} is stale: the current ${cr.dimension} version is ${current}; review the request again`);
      }
      const next = current + 1;
      const claimed = await trx
        .updateTable("change_requests")
        .set({ status: "approved", decided_by: actor.name, decided_at: now.toISOString(), decision_reason: reason, applied_version: next })
        .where("id", "=", id)
        .where("status", "=", "pending")
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw conflict(`change request ${id} was decided by someone else just now`);
      const payload = JSON.parse(cr.payload) as AssignmentsPayload & PoliciesPayload;
      let summary: unknown;
      if (cr.kind === "policies") {
        new PolicyTable(payload.rows);
        await trx.insertInto("policy_versions").values({ version: next, rows: JSON.stringify(payload.rows), created_at: now.toISOString(), created_by: actor.name, change_request_id: id }).execute();
        summary = { rows: payload.rows.length };
      } else {
        const dimension = cr.dimension as Dimension;
        const before = await assignmentsAt(trx, dimension, current);
        const after = mergeChanges(before, payload.changes);
        await trx
          .insertInto("versions")
          .values({ dimension, version: next, effective_at: payload.effectiveAt ?? now.toISOString(), created_at: now.toISOString(), created_by: actor.name, change_request_id: id, note: cr.justification })
          .execute();
        await insertChunked(
          trx,
          "assignments",
          after.map((a) => ({ dimension, version: next, entity_id: a.entityId, segment: a.segment, detail: JSON.stringify(a.detail) })),
        );
        if (payload.definition !== undefined) {
          const exists = await trx.selectFrom("definitions").select("dimension").where("dimension", "=", dimension).executeTakeFirst();
          const values = { definition: JSON.stringify(payload.definition), version: next, updated_at: now.toISOString() };
          if (exists) await trx.updateTable("definitions").set(values).where("dimension", "=", dimension).execute();
          else await trx.insertInto("definitions").values({ dimension, ...values }).execute();
        }
        summary = diffAssignments(before, after);
      }
      await appendAudit(trx, now, {
        actor: actor.name,
        action: "change_request.approved",
        entityType: "change_request",
        entityId: id,
        dimension: cr.dimension,
        before: { version: current },
        after: { version: next, changes: summary },
        reason,
      });
      const row = await trx.selectFrom("change_requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      return { changeRequest: presentChangeRequest(row), version: next };
    });
    ctx.segments?.invalidate(result.changeRequest.dimension);
    return result;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isUniqueViolation(error)) throw conflict(`another change to ${id}'s dimension was applied at the same moment; review the request again`);
    // PostgreSQL aborts one of two transactions that touch the same rows under contention.
    if ((error as { code?: string })?.code === "40001" || (error as { code?: string })?.code === "40P01") throw conflict("the change collided with another one; try again");
    throw error;
  }
}

export async function rejectChangeRequest(ctx: ServiceContext, actor: Actor, id: string, reason: string) {
  await expireDue(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const cr = await trx.selectFrom("change_requests").selectAll().where("id", "=", id).executeTakeFirst();
    if (!cr) throw notFound(`change request ${id} does not exist`);
    if (cr.status !== "pending") throw conflict(`change request ${id} is already ${cr.status}${cr.decided_by ? ` (by ${cr.decided_by})` : ""}`);
    const claimed = await trx
      .updateTable("change_requests")
      .set({ status: "rejected", decided_by: actor.name, decided_at: now.toISOString(), decision_reason: reason })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw conflict(`change request ${id} was decided by someone else just now`);
    await appendAudit(trx, now, { actor: actor.name, action: "change_request.rejected", entityType: "change_request", entityId: id, dimension: cr.dimension, reason });
    const row = await trx.selectFrom("change_requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    return { changeRequest: presentChangeRequest(row) };
  });
}
