import type { AssignmentChange, AssignmentDiff, Dimension } from "../../../shared/src/api";
import type { RunProvenance } from "../../../shared/src/api/runProvenance";
import { assignmentsAt, insertAssignments, type Assignment } from "../store/assignments";
import { saveDefinition } from "../store/definitions";
import type { ChangeRequestTable } from "../store/schema";
import { insertVersion } from "../store/versions";
import type { Executor } from "./context";
import { diffAssignments } from "./masterData";
import { retireObsolete, type Retired } from "./retireObsolete";

export interface AssignmentsPayload {
  changes: AssignmentChange[];
  /** the method and options that produced the changes, kept for /validate */
  definition?: unknown;
  /** how the run that produced the changes was made, for the approver */
  run?: RunProvenance;
  effectiveAt?: string;
}

/** A snapshot with the changes laid over it, sorted by entity. */
export function mergeChanges(current: readonly Assignment[], changes: readonly AssignmentChange[]): Assignment[] {
  const next = new Map(current.map((a) => [a.entityId, a]));
  for (const c of changes) next.set(c.entityId, { entityId: c.entityId, segment: c.segment, detail: c.detail ?? {} });
  return [...next.values()].sort((a, b) => (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));
}

export interface AppliedVersion {
  version: number;
  /** per request: what its changes did to the master data */
  diffs: Map<string, AssignmentDiff[]>;
  /** pending requests of the dimension the new version made obsolete */
  retired: Retired[];
}

/**
 * Apply claimed assignment requests of one dimension as ONE new version
 * (current + 1), inside the caller's transaction: the snapshot with every
 * request's changes, the definitions they carry, and then the retirement of
 * the pending requests the version made obsolete. The requests touch
 * distinct entities (the caller makes sure), so their order does not matter.
 * No audit entry is written here: the caller appends them last.
 */
export async function applyAssignments(
  trx: Executor,
  dimension: Dimension,
  current: number,
  requests: ReadonlyArray<{ row: ChangeRequestTable; payload: AssignmentsPayload }>,
  decision: { by: string; reason: string; at: Date },
): Promise<AppliedVersion> {
  const next = current + 1;
  const before = await assignmentsAt(trx, dimension, current);
  const after = mergeChanges(
    before,
    requests.flatMap((r) => r.payload.changes),
  );
  const single = requests.length === 1 ? requests[0] : undefined;
  const effectiveAt = requests.map((r) => r.payload.effectiveAt).find((e) => e !== undefined);
  await insertVersion(trx, {
    dimension,
    version: next,
    effective_at: effectiveAt ?? decision.at.toISOString(),
    created_at: decision.at.toISOString(),
    created_by: decision.by,
    // A version names its request when it has one; a bulk version's requests name it (applied_version).
    change_request_id: single ? single.row.id : null,
    note: single ? single.row.justification : `${requests.length} requests approved together: ${decision.reason}`,
  });
  await insertAssignments(trx, dimension, next, after);
  for (const r of requests) if (r.payload.definition !== undefined) await saveDefinition(trx, dimension, r.payload.definition, next, decision.at.toISOString());
  const owner = new Map(requests.flatMap((r) => r.payload.changes.map((c) => [c.entityId, r.row.id] as const)));
  const diffs = new Map(requests.map((r) => [r.row.id, [] as AssignmentDiff[]]));
  for (const d of diffAssignments(before, after)) diffs.get(owner.get(d.entityId)!)?.push(d);
  const retired = await retireObsolete(trx, dimension, decision.at);
  return { version: next, diffs, retired };
}
