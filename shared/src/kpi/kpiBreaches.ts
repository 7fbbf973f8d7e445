import { escalateBreach, pathFor, type BreachEscalation, type SegmentEscalationPath } from "./breachEscalation";
import { findBreaches, type Breach } from "./findBreaches";
import type { EscalationTable } from "./schemas";
import type { SegmentKpis } from "./segmentKpis";

/** Whom a breach of a segment without a policy goes to. */
const NO_OWNER = "unassigned";

/**
 * A breach's stable id: what corrective actions link to.
 *
 * @example breachId("product", "AX", "otif"); // "product:AX:otif"
 */
export function breachId(dimension: string, segment: string, kpi: string): string {
  return `${dimension}:${segment}:${kpi}`;
}

export type KpiBreach = { id: string; dimension: string } & Breach & { drivers: Record<string, unknown> } & BreachEscalation;

/**
 * The breaches among the segments' KPIs (findBreaches: owner, escalation
 * path, ordered by relative gap), each with its id and the drivers of the
 * breached KPI. A segment without a policy has no owner function: its
 * breaches go to "unassigned".
 */
export function kpiBreaches<D extends string>(
  dimension: D,
  segments: readonly SegmentKpis[],
  escalation: EscalationTable,
  options: { paths?: readonly SegmentEscalationPath[]; asOf?: Date } = {},
): Array<KpiBreach & { dimension: D }> {
  const measurements = segments.flatMap((s) => s.kpis.map((k) => ({ segment: s.segment, kpi: k.kpi, value: k.value, target: k.target, owner: s.policy?.policy.ownerFunction ?? NO_OWNER })));
  const bySegment = new Map(segments.map((s) => [s.segment, s]));
  const asOf = options.asOf ?? new Date();
  return findBreaches(measurements, escalation).map((b) => {
    // A path stored for the segment and KPI names its own owner and levels; otherwise the owner function's path.
    const path = pathFor(options.paths ?? [], b.segment, b.kpi);
    const owner = path?.owner ?? b.owner;
    const levels = path ? path.levels.map((l) => ({ level: l.level, contact: l.to, afterDays: l.afterDays })) : b.escalation;
    const periods = bySegment.get(b.segment)!.kpis.find((k) => k.kpi === b.kpi)?.periods;
    return {
      id: breachId(dimension, b.segment, b.kpi),
      dimension,
      ...b,
      owner,
      escalation: levels,
      drivers: bySegment.get(b.segment)!.drivers[b.kpi] ?? {},
      ...escalateBreach(levels, path ? "segment" : "owner", periods, b.target, b.direction, asOf),
    };
  });
}
