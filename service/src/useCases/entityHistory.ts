import type { Dimension } from "../../../shared/src/api";
import { entityHistory, type SegmentChange } from "../../../shared/src/segmentation";
import { AppError, notFound } from "../appError";
import { entitySegmentsByVersion } from "../store/assignments";
import { requestsAppliedIn } from "../store/changeRequests";
import { entityName } from "../store/entities";
import { versionProvenance } from "../store/versions";
import type { ServiceContext } from "./context";

const DIMENSIONS: readonly Dimension[] = ["product", "customer", "supplier", "region"];

/** Every applied change of one entity's segment, oldest first, with its version, effective date, approver, reason and request. */
export async function entitySegmentHistory(ctx: ServiceContext, dimension: Dimension, id: string) {
  const [name, segments, versions] = await Promise.all([entityName(ctx.db, dimension, id), entitySegmentsByVersion(ctx.db, dimension, id), versionProvenance(ctx.db, dimension)]);
  if (name === undefined && segments.size === 0) throw notFound(`${dimension} "${id}" is not in the master data and was never assigned a segment`);
  return { dimension, id, name: name ?? null, changes: await withBulkRequests(ctx, dimension, id, entityHistory(versions, segments)) };
}

/**
 * A version approved in bulk names no single request: the one that changed
 * this entity is the approved request applied in that version whose changes
 * include it (only those few payloads are read).
 */
async function withBulkRequests(ctx: ServiceContext, dimension: Dimension, id: string, changes: SegmentChange[]): Promise<SegmentChange[]> {
  const open = changes.filter((c) => c.changeRequestId === null).map((c) => c.version);
  if (open.length === 0) return changes;
  const requests = await requestsAppliedIn(ctx.db, dimension, open);
  const byVersion = new Map<number, { id: string; reason: string | null }>();
  for (const r of requests) {
    const payload = JSON.parse(r.payload) as { changes?: Array<{ entityId: string }> };
    if (payload.changes?.some((c) => c.entityId === id)) byVersion.set(Number(r.applied_version), { id: r.id, reason: r.decision_reason });
  }
  return changes.map((c) => {
    const request = c.changeRequestId === null ? byVersion.get(c.version) : undefined;
    return request ? { ...c, changeRequestId: request.id, reason: request.reason ?? c.reason } : c;
  });
}

/** The entity's history in each dimension that has it (or the one named); dimensions that never knew it are left out. */
export async function entityHistories(ctx: ServiceContext, id: string, dimension?: Dimension) {
  const out = [];
  for (const d of dimension ? [dimension] : DIMENSIONS) {
    try {
      out.push(await entitySegmentHistory(ctx, d, id));
    } catch (error) {
      if (!(error instanceof AppError && error.status === 404)) throw error;
    }
  }
  return out;
}
