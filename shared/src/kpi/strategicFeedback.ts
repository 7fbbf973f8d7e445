import type { PolicyFields } from "../segmentation/policyTable";
import { kpiValue, type KpiValue } from "./kpiValue";
import type { SegmentKpis } from "./segmentKpis";

/**
 * Illustrative defaults where the segment's policy sets no minNps / minCsat,
 * each stated on the KPI as a default: NPS 0 is the line where promoters
 * outnumber detractors (Reichheld, "The One Number You Need to Grow", HBR
 * 81(12), 2003, defines NPS as % promoters − % detractors); CSAT 75 on a
 * 0–100 scale is about the U.S. national American Customer Satisfaction
 * Index score of recent years (theacsi.org), not a benchmark for any trade.
 */
export const DEFAULT_MIN_NPS = 0;
export const DEFAULT_MIN_CSAT = 75;

type Attributes = Readonly<Record<string, unknown>>;

/** A feedback score as stored by the customer-feedback import (a number, or numeric text); null when absent. */
function score(value: unknown): number | null {
  const x = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(x) ? x : null;
}

/**
 * NPS and CSAT of a customer segment's strategic accounts: each the plain
 * mean over the strategic accounts with an imported score (every account
 * counts once, as a steering committee reviews accounts, not respondents),
 * against the policy's minNps / minCsat, else the stated defaults. A segment
 * without strategic accounts, or none of them scored, has no data and says
 * which.
 *
 * @example strategicFeedback(["C1", "C2"], new Map([["C1", { strategic: true, nps: 20 }], ["C2", { strategic: true, nps: -40 }]]), undefined)[0].value; // −10
 */
export function strategicFeedback(entities: readonly string[], customers: ReadonlyMap<string, Attributes>, policy: Pick<PolicyFields, "minNps" | "minCsat"> | undefined): KpiValue[] {
  const strategic = entities.filter((id) => customers.get(id)?.strategic === true);
  const one = (kpi: "nps" | "csat", field: "nps" | "csat", fromPolicy: number | undefined, fallback: number): KpiValue => {
    const scores = strategic.map((id) => score(customers.get(id)?.[field])).filter((x): x is number => x !== null);
    const value = scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : null;
    const target = fromPolicy ?? fallback;
    const source = fromPolicy !== undefined ? (kpi === "nps" ? "policy.minNps" : "policy.minCsat") : kpi === "nps" ? "default.minNps" : "default.minCsat";
    const name = kpi === "nps" ? "NPS" : "CSAT";
    const note = !strategic.length
      ? `mean ${name} of the segment's strategic accounts: it has none`
      : value === null
        ? `mean ${name} of the segment's ${strategic.length} strategic account${strategic.length === 1 ? "" : "s"}: none has an imported ${name}`
        : `mean ${name} of ${scores.length} of ${strategic.length} strategic account${strategic.length === 1 ? "" : "s"} (those with an imported score)`;
    return kpiValue(kpi, value, target, source, "measured", note);
  };
  return [one("nps", "nps", policy?.minNps, DEFAULT_MIN_NPS), one("csat", "csat", policy?.minCsat, DEFAULT_MIN_CSAT)];
}

/** The customer segments with NPS and CSAT of their strategic accounts appended to their KPIs. */
export function withStrategicFeedback<S extends Pick<SegmentKpis, "entities" | "kpis" | "policy">>(segments: readonly S[], customers: ReadonlyMap<string, Attributes>): S[] {
  return segments.map((s) => ({ ...s, kpis: [...s.kpis, ...strategicFeedback(s.entities, customers, s.policy?.policy)] }));
}
