import type { MetricWeights, SupplierSettings } from "../../../../../shared/src/api";
import type { Parsed } from "../../../../../shared/src/data";
import { checkNumberField, checkShareField } from "../../ui/fields";

export const CLASSES = ["A", "B", "C", "other"] as const;
export type WeightClass = (typeof CLASSES)[number];
export const SHARE_FIELDS = [
  ["riskThreshold", "High supply risk from"],
  ["impactThreshold", "High impact from (criticality)"],
  ["dualSourcingExposure", "Second source from exposure"],
  ["bufferExposure", "Strategic buffer from exposure"],
  ["developmentMinHighImpactShare", "Develop when high-impact spend ≥"],
] as const;
type ShareField = (typeof SHARE_FIELDS)[number][0];

/** What the planner types: weights as "40/20/10/30", thresholds as "50%" or 0.5. */
export interface AssumptionTexts {
  weights: Record<WeightClass, string>;
  shares: Record<ShareField, string>;
  developmentMaxScore: string;
}

const pctText = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function textsOf(s: SupplierSettings): AssumptionTexts {
  const w = (m: MetricWeights) => [m.onTime, m.quality, m.leadTime, m.leadTimeVariability].map((x) => Math.round(x * 1000) / 10).join("/");
  return {
    weights: { A: w(s.weights.A), B: w(s.weights.B), C: w(s.weights.C), other: w(s.weights.other) },
    shares: Object.fromEntries(SHARE_FIELDS.map(([k]) => [k, pctText(s.sourcing[k])])) as Record<ShareField, string>,
    developmentMaxScore: String(s.sourcing.developmentMaxScore),
  };
}

/** Four weights in any scale ("40/20/10/30" or "4/2/1/3"), sent as shares of their sum: the service scores them that way anyway. */
export function checkWeights(text: string, label: string): Parsed<MetricWeights> {
  const parts = text.split("/").map((p) => p.trim());
  if (parts.length !== 4) return { ok: false, message: `${label}: give four weights as on time / quality / lead time / variability, e.g. 40/20/10/30` };
  const values: number[] = [];
  for (const [i, p] of parts.entries()) {
    const n = checkNumberField(p, `${label}, weight ${i + 1}`, { min: 0 });
    if (!n.ok) return n;
    values.push(n.value);
  }
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum <= 0) return { ok: false, message: `${label}: at least one weight must be above 0` };
  const [onTime, quality, leadTime, leadTimeVariability] = values.map((v) => v / sum);
  return { ok: true, value: { onTime, quality, leadTime, leadTimeVariability } };
}

/** Every field checked; the settings when all are valid, and each field's message otherwise. */
export function checkAssumptions(t: AssumptionTexts): { settings?: SupplierSettings; problems: Record<string, string | undefined> } {
  const problems: Record<string, string | undefined> = {};
  const weights = Object.fromEntries(
    CLASSES.map((c) => {
      const r = checkWeights(t.weights[c], c === "other" ? "Other segments" : `${c} segments`);
      if (!r.ok) problems[`weights.${c}`] = r.message;
      return [c, r.ok ? r.value : undefined];
    }),
  );
  const shares = Object.fromEntries(
    SHARE_FIELDS.map(([k, label]) => {
      const r = checkShareField(t.shares[k], label);
      if (!r.ok) problems[k] = r.message;
      return [k, r.ok ? r.value : undefined];
    }),
  );
  const score = checkNumberField(t.developmentMaxScore, "Develop when score below", { min: 0, max: 100 });
  if (!score.ok) problems.developmentMaxScore = score.message;
  if (Object.keys(problems).length) return { problems };
  return { problems, settings: { weights: weights as SupplierSettings["weights"], sourcing: { ...(shares as Record<ShareField, number>), developmentMaxScore: score.ok ? score.value : 0 } } };
}
