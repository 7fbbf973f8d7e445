import type { Dimension, VersionChange, VersionChanges } from "../../../shared/src/api";
import { entityHistory } from "../../../shared/src/segmentation";
import { badRequest } from "../appError";
import { assignmentsAt } from "../store/assignments";
import { entityNames, segmentsBetween } from "../store/segmentChanges";
import { currentVersion, versionProvenance } from "../store/versions";
import type { ServiceContext } from "./context";
import { assertVersionExists, diffAssignments } from "./masterData";

/**
 * Every entity whose segment differs between `since` and the current
 * version, once each: the two snapshots say who moved, then only those
 * entities' segments in between are read to find the version (and so the
 * approver, date and reason) that gave each its current segment. An entity
 * that moved and moved back is not a change: the workbook holds the same value.
 */
export async function versionChangesSince(ctx: ServiceContext, dimension: Dimension, since: number): Promise<VersionChanges> {
  const current = await currentVersion(ctx.db, dimension);
  if (since > current) {
    const message = `version ${since} is newer than the current ${dimension} version ${current}`;
    throw badRequest(`since: ${message}`, [{ field: "since", message }]);
  }
  await assertVersionExists(ctx.db, dimension, since, current);
  const versions = await versionProvenance(ctx.db, dimension);
  const currentAt = versions.find((v) => v.version === current)?.effectiveAt ?? null;
  if (since === current) return { dimension, since, current, currentAt, changes: [] };
  const [before, after] = await Promise.all([since === 0 ? [] : assignmentsAt(ctx.db, dimension, since), assignmentsAt(ctx.db, dimension, current)]);
  const moved = diffAssignments(before, after);
  if (moved.length === 0) return { dimension, since, current, currentAt, changes: [] };
  const ids = moved.map((m) => m.entityId);
  const [names, segments] = await Promise.all([entityNames(ctx.db, dimension, ids), segmentsBetween(ctx.db, dimension, ids, since, current)]);
  const window = versions.filter((v) => v.version >= since && v.version <= current);
  const changes: VersionChange[] = [];
  for (const m of moved) {
    const last = entityHistory(window, segments.get(m.entityId) ?? new Map()).at(-1);
    // The snapshots differ, so a transition after `since` exists; guard against a version deleted underneath us.
    if (!last || last.version <= since) continue;
    changes.push({
      entityId: m.entityId,
      name: names.get(m.entityId) ?? null,
      from: m.from,
      to: m.to,
      version: last.version,
      effectiveAt: last.effectiveAt,
      approvedBy: last.approvedBy,
      reason: last.reason,
      changeRequestId: last.changeRequestId,
    });
  }
  return { dimension, since, current, currentAt, changes };
}
