import type { RationaleItem, Recommendation, RecommendationImpact } from "../../../../../shared/src/api";
import { featureName, formatFeatureValue, formatFigure, formatMoneyChange, formatPercent } from "./format";

/*
 * A recommendation in plain words. Every sentence the queue shows about why
 * an entity should move comes from `rationaleSentences`, so the wording can be
 * pointed at one shared implementation without touching the rows.
 */

function range(feature: string, r: { p10: number; p90: number }): string {
  return `${formatFeatureValue(feature, r.p10)}–${formatFeatureValue(feature, r.p90)}`;
}

function sentence(item: RationaleItem, from: string): string {
  const name = featureName(item.feature);
  const value = item.value === null ? "no data" : formatFeatureValue(item.feature, item.value);
  const typical = item.targetRange ? `${item.targetSegment} typically ${range(item.feature, item.targetRange)}` : undefined;
  if (item.part !== undefined) {
    // A rule's own part: the latest value, how long it has held past the bound, and the target class's usual range.
    const held = item.periodsPast !== undefined ? ` for ${item.periodsPast} period${item.periodsPast === 1 ? "" : "s"} in a row` : "";
    const side = item.value !== null && item.bound !== undefined && item.value < item.bound ? "below" : "above";
    const bound = item.bound !== undefined ? `, ${side} the ${item.targetSegment} bound of ${formatFeatureValue(item.feature, item.bound)}${held}` : held;
    return `${capitalise(name)} ${value}${bound}${typical ? ` (${typical})` : ""}.`;
  }
  const own = item.currentRange ? `, not ${from}’s ${range(item.feature, item.currentRange)}` : "";
  return `${capitalise(name)} ${value} is typical of ${item.targetSegment}${item.targetRange ? ` (${range(item.feature, item.targetRange)})` : ""}${own}.`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The reasons behind a recommendation as sentences, the rule's own parts first. */
export function rationaleSentences(r: Recommendation): string[] {
  return r.rationale.map((item) => sentence(item, r.from));
}

/**
 * What the confidence measures: "persistence 3/6 periods" for a rule (how
 * long the threshold has been crossed), "probability 82%" for the model's
 * calibrated estimate, plain "confidence 82%" when the service does not say.
 */
export function confidenceLabel(r: Pick<Recommendation, "confidence" | "confidenceKind" | "rationale">): string {
  if (r.confidenceKind === "persistence") {
    const ruled = r.rationale.find((i) => i.periodsPast !== undefined && i.evidence?.length);
    return ruled ? `persistence ${ruled.periodsPast}/${ruled.evidence!.length} periods` : `persistence ${formatPercent(r.confidence)}`;
  }
  if (r.confidenceKind === "probability") return `probability ${formatPercent(r.confidence)}`;
  return `confidence ${formatPercent(r.confidence)}`;
}

/** The expected impact, only what really changes: "Safety stock 120 → 210 units (value +4,500)". */
export function impactSentences(impact: RecommendationImpact | null | undefined): string[] {
  if (!impact) return [];
  const lines: string[] = [];
  const ss = impact.safetyStock;
  if (ss && Math.round(ss.units.from) !== Math.round(ss.units.to)) {
    lines.push(`Safety stock ${formatFigure(ss.units.from)} → ${formatFigure(ss.units.to)} units${ss.value ? ` (value ${formatMoneyChange(ss.value.change)})` : ""}.`);
  }
  const level = (name: string, pair: { from: number | null; to: number | null } | undefined) => {
    if (!pair || pair.from === pair.to) return;
    lines.push(`${name} ${pair.from === null ? "not set" : formatPercent(pair.from)} → ${pair.to === null ? "not set" : formatPercent(pair.to)}.`);
  };
  level("Cycle service level", impact.serviceLevel);
  level("Fill rate", impact.fillRate);
  for (const note of impact.policyNotes ?? []) lines.push(`${capitalise(note)}.`);
  return lines;
}

/** The trend behind the move: the first rationale item that carries per-period evidence. */
export function evidenceTrend(r: Recommendation): { feature: string; points: Array<{ period: string; value: number }>; bound?: number } | undefined {
  const item = r.rationale.find((i) => (i.evidence?.length ?? 0) > 1);
  return item ? { feature: item.feature, points: item.evidence!, bound: item.bound } : undefined;
}
