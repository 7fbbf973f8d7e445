import { z } from "zod";
import { parseWith } from "../errors";
import { KPI_DIRECTION, escalationTableSchema, kpiNameSchema, type EscalationLevel, type EscalationTable, type KpiName } from "./schemas";
import { mustBe } from "../validation";

const measurementSchema = z.object({
  segment: z.string().trim().min(1, "may not be blank"),
  kpi: kpiNameSchema,
  value: z.number(mustBe.number).finite(mustBe.number).nullable(),
  target: z.number(mustBe.number).finite(mustBe.number).nullable(),
  /** the policy's owner function of the segment */
  owner: z.string().trim().min(1, "may not be blank"),
});
export type KpiMeasurement = z.input<typeof measurementSchema>;

export interface Breach {
  segment: string;
  kpi: KpiName;
  value: number;
  target: number;
  /** "min": the KPI must reach the target; "max": it must not exceed it */
  direction: "min" | "max";
  /** how far on the wrong side: target − value for "min", value − target for "max" (> 0) */
  gap: number;
  /** gap / |target| (null for a zero target) */
  relativeGap: number | null;
  owner: string;
  escalation: EscalationLevel[];
}

/**
 * The breaches among KPI measurements: a "min" KPI (OTIF, fill rate, turns)
 * strictly below its target, a "max" KPI (cost-to-serve %, WAPE) strictly
 * above it; a measurement without a value or a target is not judged. Each
 * carries its owner and the owner's escalation levels (ascending; an owner the
 * table does not list gets an empty path, visible rather than dropped).
 * Ordered by relative gap, largest first, then segment and KPI.
 *
 * @throws DomainError naming `measurements[i].<field>` or `escalation.<owner>[j].<field>`
 * @example findBreaches([{ segment: "AX", kpi: "otif", value: 0.9, target: 0.95, owner: "sales" }], {})[0].gap; // 0.05 (to rounding)
 */
export function findBreaches(measurements: readonly KpiMeasurement[], escalation: EscalationTable): Breach[] {
  const rows = parseWith(z.array(measurementSchema), measurements, "measurements");
  const table = parseWith(escalationTableSchema, escalation, "escalation");
  const out: Breach[] = [];
  for (const m of rows) {
    if (m.value === null || m.target === null) continue;
    const direction = KPI_DIRECTION[m.kpi];
    const gap = direction === "min" ? m.target - m.value : m.value - m.target;
    if (!(gap > 0)) continue;
    out.push({
      segment: m.segment,
      kpi: m.kpi,
      value: m.value,
      target: m.target,
      direction,
      gap,
      relativeGap: m.target !== 0 ? gap / Math.abs(m.target) : null,
      owner: m.owner,
      escalation: [...(table[m.owner] ?? [])].sort((a, b) => a.level - b.level),
    });
  }
  return out.sort((a, b) => (b.relativeGap ?? Infinity) - (a.relativeGap ?? Infinity) || a.segment.localeCompare(b.segment) || a.kpi.localeCompare(b.kpi));
}
