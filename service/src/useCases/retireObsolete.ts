import type { AssignmentChange } from "../../../shared/src/api";
import { requestObsolescence } from "../../../shared/src/segmentation";
import { takeApprovalTurn } from "../store/approvalLock";
import { segmentsOf } from "../store/assignments";
import { decidePending, pendingAssignmentRequests } from "../store/changeRequests";
import { currentVersion } from "../store/versions";
import { appendAudit } from "./audit";
import type { Executor, ServiceContext } from "./context";

export interface Retired {
  id: string;
  dimension: string;
  reason: string;
}

interface PendingRequest {
  id: string;
  base_version: number;
  payload: string;
}

/** The reason a pending assignment request no longer applies at the dimension's current version, or null while it does. */
export async function obsolescenceOf(db: Executor, dimension: string, request: PendingRequest, version?: number): Promise<string | null> {
  return (await judge(db, dimension, [request], version ?? (await currentVersion(db, dimension)))).get(request.id) ?? null;
}

/** id → reason for every request of `requests` that is obsolete at `version`; one look-up per base version and one of the current segments. */
async function judge(db: Executor, dimension: string, requests: readonly PendingRequest[], version: number): Promise<Map<string, string>> {
  const changes = new Map(requests.map((r) => [r.id, ((JSON.parse(r.payload) as { changes?: AssignmentChange[] }).changes ?? []).map((c) => ({ entityId: c.entityId, to: c.segment }))]));
  const allIds = [...new Set([...changes.values()].flatMap((cs) => cs.map((c) => c.entityId)))];
  const current = await segmentsOf(db, dimension, version, allIds);
  const byBase = new Map<number, PendingRequest[]>();
  for (const r of requests) byBase.set(Number(r.base_version), [...(byBase.get(Number(r.base_version)) ?? []), r]);
  const out = new Map<string, string>();
  for (const [baseVersion, group] of byBase) {
    const ids = group.flatMap((r) => changes.get(r.id)!.map((c) => c.entityId));
    const base = baseVersion === version ? current : await segmentsOf(db, dimension, baseVersion, ids);
    for (const r of group) {
      const verdict = requestObsolescence(changes.get(r.id)!, base, current, version);
      if (verdict) out.set(r.id, verdict.reason);
    }
  }
  return out;
}

/**
 * Retire every pending assignment request of a dimension that became
 * obsolete: its every change's "from" has moved on, or it would change
 * nothing. Inside the caller's transaction, before any audit entry is
 * appended (the audit head stays locked to commit, and a request row locked
 * after it could deadlock with a decision waiting for the head); the caller
 * then audits them with `auditRetired`.
 */
export async function retireObsolete(trx: Executor, dimension: string, at: Date): Promise<Retired[]> {
  const pending = await pendingAssignmentRequests(trx, dimension);
  if (pending.length === 0) return [];
  const verdicts = await judge(trx, dimension, pending, await currentVersion(trx, dimension));
  const retired: Retired[] = [];
  for (const r of pending) {
    const reason = verdicts.get(r.id);
    if (!reason) continue;
    // The claim: a request decided meanwhile stays as its decider left it.
    if (await retireRequest(trx, r.id, reason, at)) retired.push({ id: r.id, dimension, reason });
  }
  return retired;
}

/** Pending → retired with its plain reason; false when the request was no longer pending. */
export async function retireRequest(trx: Executor, id: string, reason: string, at: Date): Promise<boolean> {
  return decidePending(trx, id, { status: "retired", decided_by: "system", decided_at: at.toISOString(), decision_reason: reason });
}

/** One audit entry per retired request, with its reason. */
export async function auditRetired(trx: Executor, at: Date, retired: readonly Retired[], version?: number): Promise<void> {
  for (const r of retired) {
    await appendAudit(trx, at, {
      actor: "system",
      action: "change_request.retired",
      entityType: "change_request",
      entityId: r.id,
      dimension: r.dimension,
      after: version === undefined ? undefined : { version },
      reason: r.reason,
    });
  }
}

/** Retire a dimension's obsolete requests in a transaction of its own (before recommendations are generated), in the dimension's approval turn. */
export async function sweepObsolete(ctx: ServiceContext, dimension: string): Promise<Retired[]> {
  const at = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    await takeApprovalTurn(trx, ctx.dialect, dimension);
    const retired = await retireObsolete(trx, dimension, at);
    await auditRetired(trx, at, retired, await currentVersion(trx, dimension));
    return retired;
  });
}
