import { randomUUID } from "node:crypto";
import type { ChangeKind, ChangeRequestStatus, ChangeSource, CreateChangeRequest, Dimension, ListChangeRequests } from "../../../shared/src/api";
import { PolicyTable } from "../../../shared/src/segmentation";
import type { Actor } from "../auth/actor";
import { AppError, badRequest, conflict, forbidden, notFound, unprocessable } from "../appError";
import { assignmentsAt } from "../store/assignments";
import { approvedSteps, recordStep } from "../store/approvalSteps";
import { takeApprovalTurn } from "../store/approvalLock";
import { changeFingerprint } from "../store/changeFingerprint";
import {
  anyPendingExpired,
  changeRequestPage,
  changeRequestPayloads,
  countChangeRequests,
  decidePending,
  expirePending,
  findChangeRequest,
  insertChangeRequest as insertChangeRequestRow,
  pendingWithFingerprint,
} from "../store/changeRequests";
import { entityIds } from "../store/entities";
import { activeFreeze } from "../store/freezeWindows";
import { currentPolicyVersion, insertPolicyVersion } from "../store/policyVersions";
import { currentRateVersion, storeRateVersion } from "../store/activityRates";
import { bumpKpiDataVersion } from "../store/kpiDataVersion";
import type { ChangeRequestApprovalTable, ChangeRequestTable } from "../store/schema";
import { isUniqueViolation } from "../store/storeErrors";
import { currentVersion } from "../store/versions";
import { applyAssignments, mergeChanges, type AssignmentsPayload } from "./applyAssignments";
import { stepsForChanges, stepsForRequest } from "./approvalRules";
import { assertMayReject, openStep, presentSteps, stepsOf } from "./approvalSteps";
import { appendAudit } from "./audit";
import { auditRetired, obsolescenceOf, retireRequest, type Retired } from "./retireObsolete";
import type { Executor, ServiceContext } from "./context";
import { diffAssignments } from "./masterData";
import { assertPoliciesCover, leftUncoveredSentence, segmentsLeftUncovered, uncoveredReason, uncoveredSegments } from "./policyCoverage";

export type { ChangeKind, ChangeSource };

export type { AssignmentsPayload };
export interface PoliciesPayload {
  rows: unknown[];
}
export interface RatesPayload {
  rows: Array<{ activity: string; driver: string; rate: number; validFrom: string }>;
}

const DAY_MS = 86_400_000;

/** The payload's size: changes, or rows of a policy or rate table. */
function payloadSize(kind: string, payload: AssignmentsPayload & PoliciesPayload): number {
  return kind === "policies" || kind === "rates" ? (payload.rows?.length ?? 0) : (payload.changes?.length ?? 0);
}

/** The version a request of this kind is reviewed and applied against: its table's for policies and rates, the dimension's master data otherwise. */
async function currentVersionOf(db: Executor, cr: Pick<ChangeRequestTable, "kind" | "dimension">): Promise<number> {
  if (cr.kind === "policies") return currentPolicyVersion(db);
  if (cr.kind === "rates") return currentRateVersion(db);
  return currentVersion(db, cr.dimension as Dimension);
}

type ListedChangeRequest = Omit<ChangeRequestTable, "payload"> & { payload?: string };

/** A request on the wire; `approvals`: its approved steps (none yet when omitted). */
export function presentChangeRequest(row: ListedChangeRequest, withPayload = false, approvals: readonly ChangeRequestApprovalTable[] = []) {
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
    ...presentSteps(row, approvals),
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
  if (!(await anyPendingExpired(ctx.db, now))) return;
  await ctx.db.transaction().execute(async (trx) => {
    const expired = await expirePending(trx, now);
    expired.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const cr of expired) {
      await appendAudit(trx, ctx.now(), { actor: "system", action: "change_request.expired", entityType: "change_request", entityId: cr.id, dimension: cr.dimension });
    }
  });
}

/** Written in the request's own transaction, before its audit entry: a recommendation row that must exist exactly when its request does. */
export type WithRequest = (trx: Executor, changeRequestId: string) => Promise<void>;

export async function createAssignmentChangeRequest(
  ctx: ServiceContext,
  actor: Actor,
  input: CreateChangeRequest,
  source: ChangeSource = "manual",
  definition?: unknown,
  db: Executor = ctx.db,
  withRequest?: WithRequest,
  /** steps a schedule asks for: kept unless the approval rules ask for more (so a schedule cannot dodge a segment's rule) */
  approvalSteps?: readonly string[],
) {
  assertDistinctEntities(input.changes);
  const known = await entityIds(db, input.dimension);
  const unknown = input.changes.map((c, i) => ({ c, i })).filter(({ c }) => !known.has(c.entityId));
  if (unknown.length) {
    throw unprocessable(
      `${unknown.length} unknown ${input.dimension} id${unknown.length === 1 ? "" : "s"}: ${unknown
        .slice(0, 10)
        .map(({ c }) => c.entityId)
        .join(", ")}${unknown.length > 10 ? ", …" : ""}`,
      unknown.slice(0, 100).map(({ c, i }) => ({ field: `changes[${i}].entityId`, message: `unknown ${input.dimension} "${c.entityId}"` })),
    );
  }
  await assertPoliciesCover(
    db,
    input.dimension,
    input.changes.map((c) => c.segment),
  );
  // A request that says how its run was made is a run's proposal, whoever computed it.
  const from: ChangeSource = input.run ? "segmentation-run" : source;
  const baseVersion = await currentVersion(db, input.dimension);
  return insertChangeRequest(ctx, actor, {
    kind: "assignments",
    dimension: input.dimension,
    source: from,
    justification: input.justification,
    payload: { changes: input.changes, definition, run: input.run, effectiveAt: input.effectiveAt } satisfies AssignmentsPayload,
    baseVersion,
    approvalSteps: stricterSteps(approvalSteps, await stepsForChanges(db, input.dimension, baseVersion, input.changes)),
    expiresInDays: input.expiresInDays,
    auditAfter: { source: from, changes: input.changes.length, ...(input.run ? { run: input.run } : {}) },
    fingerprint: changeFingerprint(input.changes),
    withRequest,
  });
}

/**
 * The steps asked for unless the rules' list is longer: as the rules
 * themselves pick across segments, more approvals win, so a schedule may name
 * who approves but never needs fewer people than a rule does.
 */
function stricterSteps(asked: readonly string[] | undefined, ruled: readonly string[]): readonly string[] {
  return asked && asked.length >= ruled.length ? asked : ruled;
}

/** 400 when two changes name one entity: which of them would win is not the service's to guess. */
export function assertDistinctEntities(changes: ReadonlyArray<{ entityId: string }>): void {
  const seen = new Map<string, number>();
  changes.forEach((c, i) => {
    const first = seen.get(c.entityId);
    if (first !== undefined) throw badRequest(`changes[${i}].entityId: "${c.entityId}" is also changed at changes[${first}]`, [{ field: `changes[${i}].entityId`, message: "duplicate entity" }]);
    seen.set(c.entityId, i);
  });
}

/** A 409 naming the pending request that already proposes exactly these moves. */
export class DuplicateRequestError extends AppError {
  constructor(
    readonly pendingId: string,
    dimension: string,
  ) {
    super(409, "Conflict", `an identical ${dimension} request is already pending: ${pendingId}; decide that one instead`);
  }
}

export async function createPolicyChangeRequest(ctx: ServiceContext, actor: Actor, rows: unknown[], justification: string) {
  new PolicyTable(rows); // validates: DomainError → 400 naming the row and field
  const left = await segmentsLeftUncovered(ctx.db, rows);
  if (left.length) throw unprocessable(`rows: ${leftUncoveredSentence(left)}`, [{ field: "rows", message: `no row covers ${left.map((l) => l.segment).join(", ")}` }]);
  return insertChangeRequest(ctx, actor, {
    kind: "policies",
    dimension: "policy",
    source: "policy-edit",
    justification,
    payload: { rows } satisfies PoliciesPayload,
    baseVersion: await currentPolicyVersion(ctx.db),
    approvalSteps: await stepsForRequest(ctx.db, "policy", []),
    auditAfter: { rows: rows.length },
  });
}

/** A pending request and its "created" audit entry, in one transaction. */
export async function insertChangeRequest(
  ctx: ServiceContext,
  actor: Actor,
  request: {
    kind: ChangeKind;
    dimension: string;
    source: ChangeSource;
    justification: string;
    payload: unknown;
    baseVersion: number;
    /** the roles that must approve it, in order */
    approvalSteps: readonly string[];
    expiresInDays?: number;
    auditAfter: unknown;
    /** assignment requests: no two pending ones of a dimension share it */
    fingerprint?: string;
    withRequest?: WithRequest;
  },
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
    created_by_subject: actor.subject,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + (request.expiresInDays ?? 14) * DAY_MS).toISOString(),
    decided_by: null,
    decided_at: null,
    decision_reason: null,
    applied_version: null,
    size: payloadSize(request.kind, request.payload as AssignmentsPayload & PoliciesPayload),
    approval_steps: JSON.stringify(request.approvalSteps),
    ...(request.fingerprint ? { fingerprint: request.fingerprint } : {}),
  };
  const duplicate = async () => (request.fingerprint ? await pendingWithFingerprint(ctx.db, request.dimension, request.fingerprint) : undefined);
  const pending = await duplicate();
  if (pending) throw new DuplicateRequestError(pending, request.dimension);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertChangeRequestRow(trx, row);
      await request.withRequest?.(trx, row.id);
      await appendAudit(trx, now, {
        actor: actor.name,
        action: "change_request.created",
        entityType: "change_request",
        entityId: row.id,
        dimension: request.dimension,
        after: request.approvalSteps.length > 1 ? { ...(request.auditAfter as object), steps: request.approvalSteps } : request.auditAfter,
        reason: request.justification,
      });
    });
  } catch (error) {
    // Two identical proposals at once: the unique index over pending fingerprints let one in.
    const winner = isUniqueViolation(error) ? await duplicate() : undefined;
    if (winner) throw new DuplicateRequestError(winner, request.dimension);
    throw error;
  }
  return presentChangeRequest(row);
}

export type ChangeRequestFilter = ListChangeRequests;

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
 * ranges that never read payloads, so a page costs the same however many
 * requests are pending.
 */
export async function listChangeRequests(ctx: ServiceContext, filter: ChangeRequestFilter) {
  await expireDue(ctx);
  const total = await countChangeRequests(ctx.db, filter);
  const rows = await changeRequestPage(ctx.db, filter, filter.cursor ? decodeCursor(filter.cursor) : undefined, filter.limit + 1);
  const more = rows.length > filter.limit;
  const items = rows.slice(0, filter.limit);
  const last = items[items.length - 1];
  // Rows without a stored size (none after migration 0004) fall back to parsing their payload.
  const withPayload = await changeRequestPayloads(
    ctx.db,
    items.filter((r) => r.size === null).map((r) => r.id),
  );
  const steps = await approvedSteps(
    ctx.db,
    items.map((r) => r.id),
  );
  return {
    changeRequests: items.map((r) => presentChangeRequest({ ...r, payload: withPayload.get(r.id) }, false, steps.get(r.id))),
    total,
    nextCursor: more && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

export async function getChangeRequest(ctx: ServiceContext, id: string) {
  await expireDue(ctx);
  const row = await findChangeRequest(ctx.db, id);
  if (!row) throw notFound(`change request ${id} does not exist`);
  const presented = presentChangeRequest(row, true, (await approvedSteps(ctx.db, [id])).get(id));
  if (row.kind === "assignments" && row.status === "pending") {
    const dimension = row.dimension as Dimension;
    const current = await assignmentsAt(ctx.db, dimension, await currentVersion(ctx.db, dimension));
    const proposed = mergeChanges(current, presented.payload?.changes ?? []);
    return { ...presented, diff: diffAssignments(current, proposed) };
  }
  return presented;
}

/** Why a request that is not pending cannot be decided, in plain words (a retired one says why it was withdrawn). */
export function notPendingMessage(cr: Pick<ChangeRequestTable, "id" | "status" | "decided_by" | "decision_reason">): string {
  if (cr.status === "retired") return `${cr.decision_reason ?? `change request ${cr.id} was retired`} It can no longer be approved.`;
  return `change request ${cr.id} is already ${cr.status}${cr.decided_by ? ` (by ${cr.decided_by})` : ""}`;
}

/** PostgreSQL aborts one of two transactions that touch the same rows under contention; a version number taken meanwhile is a unique violation. */
export function collisionToConflict(error: unknown, what: string): unknown {
  if (error instanceof AppError) return error;
  if (isUniqueViolation(error)) return conflict(`another change to ${what} was applied at the same moment; review the request again`);
  const code = (error as { code?: string })?.code;
  if (code === "40001" || code === "40P01") return conflict("the change collided with another one; try again");
  return error;
}

/**
 * Approve and apply, atomically and exactly once: approvals of a dimension
 * take turns (an advisory lock on PostgreSQL, the one writer on SQLite), the
 * pending → approved decision is the claim, the version's primary key
 * refuses a second version with the same number, and the audit entries
 * commit in the same transaction. A request that became obsolete is retired
 * instead (committed, audited) and the approver gets a 409 saying why; the
 * new version retires the other requests it made obsolete.
 */
export async function approveChangeRequest(ctx: ServiceContext, actor: Actor, id: string, reason: string, expectedVersion: number) {
  await expireDue(ctx);
  const now = ctx.now();
  try {
    const result = await ctx.db.transaction().execute(async (trx) => {
      const seen = await findChangeRequest(trx, id);
      if (!seen) throw notFound(`change request ${id} does not exist`);
      await takeApprovalTurn(trx, ctx.dialect, seen.dimension);
      const cr = (await findChangeRequest(trx, id))!;
      if (cr.status !== "pending") throw conflict(notPendingMessage(cr));
      // Four-eyes by the stable subject: two tokens of one person are one person; two people sharing a display name are two.
      if ((cr.created_by_subject ?? cr.created_by) === actor.subject) throw forbidden("you raised this change request: another approver must decide it");
      const approvals = (await approvedSteps(trx, [id])).get(id) ?? [];
      const step = openStep(cr, approvals, actor);
      const last = step.next === undefined;
      // A freeze stops changes being applied; approving an earlier step applies nothing.
      const freeze = last ? await activeFreeze(trx, cr.dimension, now.toISOString()) : undefined;
      if (freeze) throw conflict(`${cr.dimension} changes are frozen until ${freeze.ends_at}: ${freeze.reason}`);
      const current = await currentVersionOf(trx, cr);
      if (expectedVersion !== current) {
        throw conflict(`expectedVersion ${expectedVersion} is stale: the current ${cr.dimension} version is ${current}; review the request again`);
      }
      if (cr.kind === "assignments") {
        const obsolete = await obsolescenceOf(trx, cr.dimension, cr, current);
        if (obsolete && (await retireRequest(trx, id, obsolete, now))) {
          await auditRetired(trx, now, [{ id, dimension: cr.dimension, reason: obsolete }], current);
          return { retired: obsolete };
        }
        // The policy table may have changed since the request was raised.
        const { changes } = JSON.parse(cr.payload) as AssignmentsPayload;
        const uncovered = uncoveredReason(
          await uncoveredSegments(
            trx,
            cr.dimension,
            changes.map((c) => c.segment),
          ),
        );
        if (uncovered) throw conflict(uncovered);
      }
      const stepRow: ChangeRequestApprovalTable = { change_request_id: id, step: step.step, role: step.role, decided_by: actor.name, decided_by_subject: actor.subject, reason, decided_at: now.toISOString() };
      if (!last) {
        if (!(await recordStep(trx, stepRow))) throw conflict(`step ${step.step} of change request ${id} was approved by someone else just now`);
        await appendAudit(trx, now, {
          actor: actor.name,
          action: "change_request.step_approved",
          entityType: "change_request",
          entityId: id,
          dimension: cr.dimension,
          after: { step: step.step, of: step.of, role: step.role, actorRole: actor.role, next: step.next },
          reason,
        });
        const row = (await findChangeRequest(trx, id))!;
        return { approved: { changeRequest: presentChangeRequest(row, false, [...approvals, stepRow]), version: current, stepped: { step: step.step, of: step.of, nextRole: step.next! } } };
      }
      const next = current + 1;
      const claimed = await decidePending(trx, id, { status: "approved", decided_by: actor.name, decided_at: now.toISOString(), decision_reason: reason, applied_version: next });
      if (!claimed) throw conflict(`change request ${id} was decided by someone else just now`);
      if (!(await recordStep(trx, stepRow))) throw conflict(`step ${step.step} of change request ${id} was approved by someone else just now`);
      const payload = JSON.parse(cr.payload) as AssignmentsPayload & PoliciesPayload;
      let summary: unknown;
      let retired: Retired[] = [];
      if (cr.kind === "policies") {
        new PolicyTable(payload.rows);
        // Master data may have moved since the table was proposed.
        const left = await segmentsLeftUncovered(trx, payload.rows);
        if (left.length) throw conflict(leftUncoveredSentence(left).replace(/^the proposed table/, "this policy table"));
        await insertPolicyVersion(trx, { version: next, rows: JSON.stringify(payload.rows), created_at: now.toISOString(), created_by: actor.name, change_request_id: id });
        summary = { rows: payload.rows.length };
      } else if (cr.kind === "rates") {
        const rates = payload.rows as RatesPayload["rows"];
        const stored = await storeRateVersion(trx, rates, { createdBy: actor.name, createdAt: now.toISOString(), note: cr.justification, changeRequestId: id });
        if (stored !== next) throw conflict(`another rate table was stored at the same moment (version ${stored - 1}); review the request again`);
        // Cost-to-serve reads the rates: a KPI report cached under the old table is not served again.
        await bumpKpiDataVersion(trx);
        summary = { rows: rates.length };
      } else {
        const applied = await applyAssignments(trx, cr.dimension as Dimension, current, [{ row: cr, payload }], { by: actor.name, reason, at: now });
        summary = applied.diffs.get(id);
        retired = applied.retired;
      }
      await appendAudit(trx, now, {
        actor: actor.name,
        action: "change_request.approved",
        entityType: "change_request",
        entityId: id,
        dimension: cr.dimension,
        before: { version: current },
        after: { version: next, changes: summary, ...(step.of > 1 ? { step: step.step, of: step.of, role: step.role } : {}) },
        reason,
      });
      await auditRetired(trx, now, retired, next);
      const row = (await findChangeRequest(trx, id))!;
      return { approved: { changeRequest: presentChangeRequest(row, false, [...approvals, stepRow]), version: next } };
    });
    if (result.retired !== undefined) throw conflict(`${result.retired} It can no longer be approved.`);
    if (!result.approved.stepped) ctx.segments?.invalidate(result.approved.changeRequest.dimension);
    return result.approved;
  } catch (error) {
    throw collisionToConflict(error, `${id}'s dimension`);
  }
}

export async function rejectChangeRequest(ctx: ServiceContext, actor: Actor, id: string, reason: string) {
  await expireDue(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const seen = await findChangeRequest(trx, id);
    if (!seen) throw notFound(`change request ${id} does not exist`);
    // In the approvals' turn: the step a rejection is checked against is not being approved meanwhile.
    await takeApprovalTurn(trx, ctx.dialect, seen.dimension);
    const cr = (await findChangeRequest(trx, id))!;
    if (cr.status !== "pending") throw conflict(notPendingMessage(cr));
    const approvals = (await approvedSteps(trx, [id])).get(id) ?? [];
    assertMayReject(cr, approvals, actor);
    const claimed = await decidePending(trx, id, { status: "rejected", decided_by: actor.name, decided_at: now.toISOString(), decision_reason: reason });
    if (!claimed) throw conflict(`change request ${id} was decided by someone else just now`);
    const steps = stepsOf(cr);
    const at = steps.length > 1 ? { after: { step: approvals.length + 1, of: steps.length, role: steps[approvals.length] } } : {};
    await appendAudit(trx, now, { actor: actor.name, action: "change_request.rejected", entityType: "change_request", entityId: id, dimension: cr.dimension, reason, ...at });
    const row = (await findChangeRequest(trx, id))!;
    return { changeRequest: presentChangeRequest(row, false, approvals) };
  });
}
