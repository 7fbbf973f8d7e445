import type { ApproveMany, ApproveManyResult, Dimension } from "../../../shared/src/api";
import type { Actor } from "../auth/actor";
import { AppError } from "../appError";
import { takeApprovalTurn } from "../store/approvalLock";
import { approvedSteps, recordStep } from "../store/approvalSteps";
import { decidePending, findChangeRequests } from "../store/changeRequests";
import { activeFreeze } from "../store/freezeWindows";
import type { ChangeRequestApprovalTable, ChangeRequestTable } from "../store/schema";
import { currentVersion } from "../store/versions";
import { applyAssignments, type AssignmentsPayload } from "./applyAssignments";
import { openStep, type OpenStep } from "./approvalSteps";
import { appendAudit } from "./audit";
import { collisionToConflict, expireDue, notPendingMessage } from "./changeRequests";
import type { Executor, ServiceContext } from "./context";
import { policyCoverage, uncoveredReason } from "./policyCoverage";
import { auditRetired, obsolescenceOf, retireRequest, type Retired } from "./retireObsolete";

type Refused = ApproveManyResult["refused"][number];
type Stepped = NonNullable<ApproveManyResult["stepped"]>[number];

interface Candidate {
  row: ChangeRequestTable;
  payload: AssignmentsPayload;
}

/**
 * Approve many requests at once: every approvable one (pending, raised by
 * someone else, its dimension at the version the approver saw, not frozen,
 * still meaning something against the master data) lands in ONE new version
 * per dimension, all in one transaction with one audit entry per request;
 * every other one is listed as refused with the status a single approval
 * would have answered and a plain reason. Dimensions take their approval
 * turn in sorted order, so two bulk approvals at once run one after the
 * other: the second finds the first's requests approved and the version
 * moved on, and nothing is applied twice or lost.
 */
export async function approveChangeRequests(ctx: ServiceContext, actor: Actor, input: ApproveMany): Promise<ApproveManyResult> {
  await expireDue(ctx);
  const now = ctx.now();
  const ids = [...new Set(input.ids)];
  try {
    const result = await ctx.db.transaction().execute(async (trx) => {
      const refused: Refused[] = [];
      const seen = new Map((await findChangeRequests(trx, ids)).map((r) => [r.id, r]));
      for (const id of ids) if (!seen.has(id)) refused.push({ id, status: 404, reason: `change request ${id} does not exist` });
      const dimensions = [...new Set([...seen.values()].map((r) => r.dimension))].sort();
      for (const d of dimensions) await takeApprovalTurn(trx, ctx.dialect, d);
      // Read again in turn: a request another approval decided while this one waited shows as decided.
      const rows = new Map((await findChangeRequests(trx, [...seen.keys()])).map((r) => [r.id, r]));
      const steps = await approvedSteps(trx, [...rows.keys()]);
      const stepped: Array<Stepped & { role: string }> = [];
      const versions: Record<string, number> = {};
      const approved: ApproveManyResult["approved"] = [];
      const audits: Array<() => Promise<void>> = [];
      const retired: Array<{ list: Retired[]; version: number }> = [];
      for (const dimension of dimensions) {
        const inDimension = ids.map((id) => rows.get(id)).filter((r): r is ChangeRequestTable => r !== undefined && r.dimension === dimension);
        const outcome = await approveDimension(trx, dimension as Dimension, inDimension, steps, actor, input, now);
        refused.push(...outcome.refused);
        for (const s of outcome.stepped) {
          stepped.push(s);
          audits.push(() =>
            appendAudit(trx, now, {
              actor: actor.name,
              action: "change_request.step_approved",
              entityType: "change_request",
              entityId: s.id,
              dimension,
              after: { step: s.step, of: s.of, role: s.role, actorRole: actor.role, next: s.nextRole },
              reason: input.reason,
            }),
          );
        }
        if (outcome.retired.length) retired.push({ list: outcome.retired, version: outcome.current });
        if (outcome.applied) {
          versions[dimension] = outcome.applied.version;
          for (const c of outcome.approvedRequests) {
            approved.push({ id: c.row.id, dimension, entityIds: c.payload.changes.map((x) => x.entityId) });
            const version = outcome.applied.version;
            const changes = outcome.applied.diffs.get(c.row.id);
            audits.push(() =>
              appendAudit(trx, now, {
                actor: actor.name,
                action: "change_request.approved",
                entityType: "change_request",
                entityId: c.row.id,
                dimension,
                before: { version: version - 1 },
                after: { version, changes, together: outcome.approvedRequests.length },
                reason: input.reason,
              }),
            );
          }
          retired.push({ list: outcome.applied.retired, version: outcome.applied.version });
        }
      }
      // Every row is written; the audit head is locked from here to commit.
      for (const audit of audits) await audit();
      for (const r of retired) await auditRetired(trx, now, r.list, r.version);
      const order = new Map(ids.map((id, i) => [id, i]));
      refused.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      const order2 = new Map(ids.map((id, i) => [id, i]));
      stepped.sort((a, b) => order2.get(a.id)! - order2.get(b.id)!);
      return { versions, approved, refused, ...(stepped.length ? { stepped: stepped.map(({ role: _role, ...s }) => s) } : {}) };
    });
    for (const dimension of Object.keys(result.versions)) ctx.segments?.invalidate(dimension);
    return result;
  } catch (error) {
    throw collisionToConflict(error, "these dimensions");
  }
}

/** One dimension's share of a bulk approval: sort its requests into approvable and refused, retire the obsolete, apply the rest as one version. */
async function approveDimension(
  trx: Executor,
  dimension: Dimension | "policy" | "rates",
  requests: readonly ChangeRequestTable[],
  steps: ReadonlyMap<string, ChangeRequestApprovalTable[]>,
  actor: Actor,
  input: ApproveMany,
  now: Date,
) {
  const refused: Refused[] = [];
  const stepped: Array<Stepped & { role: string }> = [];
  const retired: Retired[] = [];
  const refuse = (id: string, status: number, reason: string) => refused.push({ id, status, reason });
  if (dimension === "policy" || dimension === "rates") {
    const table = dimension === "policy" ? "a policy table" : "an activity-rate table";
    for (const r of requests) refuse(r.id, 409, `${table} change replaces the whole table: approve it on its own`);
    return { refused, retired, stepped, current: 0, applied: undefined, approvedRequests: [] };
  }
  const current = await currentVersion(trx, dimension);
  const expected = Object.hasOwn(input.expectedVersions, dimension) ? input.expectedVersions[dimension] : undefined;
  const freeze = await activeFreeze(trx, dimension, now.toISOString());
  // The policy table may have changed since the requests were raised.
  const uncoveredBy = await policyCoverage(trx, dimension);
  const claimedEntities = new Map<string, string>();
  const candidates: Array<Candidate & { step: OpenStep }> = [];
  let effectiveAt: string | undefined;
  for (const row of requests) {
    if (row.status !== "pending") {
      refuse(row.id, 409, notPendingMessage(row));
      continue;
    }
    if ((row.created_by_subject ?? row.created_by) === actor.subject) {
      refuse(row.id, 403, "you raised this change request: another approver must decide it");
      continue;
    }
    let step: OpenStep;
    try {
      step = openStep(row, steps.get(row.id) ?? [], actor);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refuse(row.id, error.status, error.message);
      continue;
    }
    const last = step.next === undefined;
    if (expected === undefined) {
      refuse(row.id, 409, `give the ${dimension} version you reviewed (expectedVersions.${dimension}); the current one is ${current}`);
      continue;
    }
    if (expected !== current) {
      refuse(row.id, 409, `the ${dimension} version moved on from ${expected} to ${current}; review the request again`);
      continue;
    }
    if (freeze && last) {
      refuse(row.id, 409, `${dimension} changes are frozen until ${freeze.ends_at}: ${freeze.reason}`);
      continue;
    }
    const obsolete = await obsolescenceOf(trx, dimension, row, current);
    if (obsolete) {
      if (await retireRequest(trx, row.id, obsolete, now)) retired.push({ id: row.id, dimension, reason: obsolete });
      refuse(row.id, 409, `${obsolete} It can no longer be approved.`);
      continue;
    }
    const payload = JSON.parse(row.payload) as AssignmentsPayload;
    const uncovered = uncoveredReason(uncoveredBy(payload.changes.map((c) => c.segment)));
    if (uncovered) {
      refuse(row.id, 409, uncovered);
      continue;
    }
    if (!last) {
      // An earlier step is recorded on its own: nothing is applied, no entity claimed.
      if (await recordStep(trx, stepRow(row.id, step, actor, input.reason, now))) stepped.push({ id: row.id, dimension, step: step.step, of: step.of, nextRole: step.next!, role: step.role });
      else refuse(row.id, 409, `step ${step.step} of change request ${row.id} was approved by someone else just now`);
      continue;
    }
    const clash = payload.changes.find((c) => claimedEntities.has(c.entityId));
    if (clash) {
      refuse(row.id, 409, `${clash.entityId} is also changed by request ${claimedEntities.get(clash.entityId)} in this approval: approve this one on its own afterwards`);
      continue;
    }
    // One version takes effect at one moment: a request dated otherwise goes on its own.
    if (payload.effectiveAt !== undefined && effectiveAt !== undefined && payload.effectiveAt !== effectiveAt) {
      refuse(row.id, 409, `it takes effect at ${payload.effectiveAt}, unlike the others at ${effectiveAt}: approve it on its own`);
      continue;
    }
    effectiveAt ??= payload.effectiveAt;
    for (const c of payload.changes) claimedEntities.set(c.entityId, row.id);
    candidates.push({ row, payload, step });
  }
  const claimed: Candidate[] = [];
  for (const c of candidates) {
    const won = await decidePending(trx, c.row.id, { status: "approved", decided_by: actor.name, decided_at: now.toISOString(), decision_reason: input.reason, applied_version: current + 1 });
    if (!won) {
      refuse(c.row.id, 409, `change request ${c.row.id} was decided by someone else just now`);
      continue;
    }
    // Within the approval turn the step cannot have been taken meanwhile; if it was, nothing of this approval may stand.
    if (!(await recordStep(trx, stepRow(c.row.id, c.step, actor, input.reason, now))))
      throw new AppError(409, "Conflict", `step ${c.step.step} of change request ${c.row.id} was approved by someone else just now; try again`);
    claimed.push(c);
  }
  if (claimed.length === 0) return { refused, retired, stepped, current, applied: undefined, approvedRequests: [] };
  const applied = await applyAssignments(trx, dimension, current, claimed, { by: actor.name, reason: input.reason, at: now });
  return { refused, retired, stepped, current, applied, approvedRequests: claimed };
}

function stepRow(id: string, step: OpenStep, actor: Actor, reason: string, now: Date): ChangeRequestApprovalTable {
  return { change_request_id: id, step: step.step, role: step.role, decided_by: actor.name, decided_by_subject: actor.subject, reason, decided_at: now.toISOString() };
}
