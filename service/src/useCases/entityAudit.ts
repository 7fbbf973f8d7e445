import type { AuditEntry, Dimension } from "../../../shared/src/api";
import { approvalEntries, auditEntries, type AuditFilter } from "../store/auditLog";
import type { ServiceContext } from "./context";
import { entityHistories } from "./entityHistory";

/** The action of an entity's segment change in the audit trail; the approval it came from is `change_request.approved`. */
export const SEGMENT_CHANGE_ACTION = "assignment.changed";

/**
 * The audit trail, and for `entity` also every change of that entity's
 * segment: the approvals record them inside the request they applied, so the
 * entity's own entries are derived from its history (version, effective date,
 * from → to, approver, reason, request) and placed at the approval's position
 * in the chain (its seq and time), in chain order with the entries that name
 * the entity itself.
 */
export async function readAuditTrail(ctx: ServiceContext, q: AuditFilter & { dimension?: Dimension }): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = await auditEntries(ctx.db, q);
  if (!q.entity || (q.action && q.action !== SEGMENT_CHANGE_ACTION)) return entries;
  const histories = await entityHistories(ctx, q.entity, q.dimension);
  const changes = histories.flatMap((h) => h.changes.map((change) => ({ dimension: h.dimension, change })));
  if (changes.length === 0) return entries;
  const approvals = await approvalEntries(ctx.db, [...new Set(changes.flatMap(({ change }) => (change.changeRequestId ? [change.changeRequestId] : [])))]);
  const derived: AuditEntry[] = changes.map(({ dimension, change }) => {
    const approval = change.changeRequestId ? approvals.get(change.changeRequestId) : undefined;
    return {
      // A version without an approval entry (none is written otherwise) sorts first.
      seq: approval?.seq ?? 0,
      at: approval?.at ?? change.effectiveAt,
      actor: change.approvedBy,
      action: SEGMENT_CHANGE_ACTION,
      entityType: dimension,
      entityId: q.entity!,
      dimension,
      before: { segment: change.from },
      after: { segment: change.to, version: change.version, effectiveAt: change.effectiveAt, changeRequestId: change.changeRequestId },
      reason: change.reason,
    };
  });
  const inRange = derived.filter((e) => (!q.from || e.at >= q.from) && (!q.to || e.at <= q.to));
  return [...entries, ...inRange].sort((a, b) => a.seq - b.seq || a.action.localeCompare(b.action)).slice(0, q.limit);
}
