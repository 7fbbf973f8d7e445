import type { Dimension } from "../../../shared/src/api";
import { entityHistory } from "../../../shared/src/segmentation";
import { notFound } from "../appError";
import { entitySegmentsByVersion } from "../store/assignments";
import { entityName } from "../store/entities";
import { versionProvenance } from "../store/versions";
import type { ServiceContext } from "./context";

/** Every applied change of one entity's segment, oldest first, with its version, effective date, approver, reason and request. */
export async function entitySegmentHistory(ctx: ServiceContext, dimension: Dimension, id: string) {
  const [name, segments, versions] = await Promise.all([entityName(ctx.db, dimension, id), entitySegmentsByVersion(ctx.db, dimension, id), versionProvenance(ctx.db, dimension)]);
  if (name === undefined && segments.size === 0) throw notFound(`${dimension} "${id}" is not in the master data and was never assigned a segment`);
  return { dimension, id, name: name ?? null, changes: entityHistory(versions, segments) };
}
