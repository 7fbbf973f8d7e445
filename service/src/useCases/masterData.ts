import type { AssignmentDiff, Dimension } from "../../../shared/src/api";
import { notFound } from "../appError";
import type { Assignment } from "../store/assignments";
import { versionExists } from "../store/versions";
import type { Executor } from "./context";

export type { Assignment };
export { assignmentsAt, segmentsOf } from "../store/assignments";
export { entityIds, entityPage as listEntities } from "../store/entities";
export { currentVersion, listVersions, versionAsOf } from "../store/versions";

/** Throws 404 unless a dimension has this version (0, and the version just read as current, always exist). */
export async function assertVersionExists(db: Executor, dimension: Dimension, version: number, known?: number): Promise<void> {
  // The current version exists by definition: no query on the look-up path.
  if (version === 0 || version === known) return;
  if (!(await versionExists(db, dimension, version))) throw notFound(`version ${version} of ${dimension} segments does not exist`);
}

/** What changed between two snapshots: added (from null), removed (to null) and moved entities. */
export function diffAssignments(before: readonly Assignment[], after: readonly Assignment[]): AssignmentDiff[] {
  const old = new Map(before.map((a) => [a.entityId, a.segment]));
  const out: AssignmentDiff[] = [];
  const seen = new Set<string>();
  for (const a of after) {
    seen.add(a.entityId);
    const from = old.get(a.entityId) ?? null;
    if (from !== a.segment) out.push({ entityId: a.entityId, from, to: a.segment });
  }
  for (const [entityId, segment] of old) if (!seen.has(entityId)) out.push({ entityId, from: segment, to: null });
  return out.sort((x, y) => (x.entityId < y.entityId ? -1 : x.entityId > y.entityId ? 1 : 0));
}
