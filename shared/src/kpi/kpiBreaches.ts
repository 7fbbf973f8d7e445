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

export type KpiBreach = { id: string; dimension: string } & Breach & { drivers: Record<string, unknown> };

/**
 * The breaches among the segments' KPIs (findBreaches: owner, escalation
 * path, ordered by relative gap), each with its id and the drivers of the
 * breached KPI. A segment without a policy has no owner function: its
 * breaches go to "unassigned".
 */
export function kpiBreaches<D extends string>(dimension: D, segments: readonly SegmentKpis[], escalation: EscalationTable): Array<KpiBreach & { dimension: D }> {
  const measurements = segments.flatMap((s) => s.kpis.map((k) => ({ segment: s.segment, kpi: k.kpi, value: k.value, target: k.target, owner: s.policy?.policy.ownerFunction ?? NO_OWNER })));
  const bySegment = new Map(segments.map((s) => [s.segment, s]));
  return findBreaches(measurements, escalation).map((b) => ({
    id: breachId(dimension, b.segment, b.kpi),
    dimension,
    ...b,
    drivers: bySegment.get(b.segment)!.drivers[b.kpi] ?? {},
  }));
}
