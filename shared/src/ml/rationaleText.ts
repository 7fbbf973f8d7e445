import type { RationaleItem, Recommendation } from "../api/ml";
import { featureLabel, formatFeatureValue, type NumberFormat } from "./featureLabels";
import { realImpact } from "./recommendationImpact";

/**
 * A recommendation in short plain sentences for the approver: who (id and
 * name), what move, the rule's threshold and how long it was crossed, the
 * model's probability and the features behind it, each source's confidence
 * named for what it is, and the changes that would follow. Numbers go through
 * the injected formatter so the pane shows them in the workbook's style.
 */
export type DescribedRecommendation = Pick<Recommendation, "entityId" | "entityName" | "from" | "to" | "direction" | "source" | "confidence" | "confidenceKind" | "confidences" | "rationale" | "impact" | "dataWindow">;

const MOVE: Record<Recommendation["direction"], string> = { upgrade: "an upgrade", downgrade: "a downgrade", lateral: "a lateral move" };
/** Model features beyond these add length, not understanding. */
const MODEL_FEATURES_SHOWN = 3;

export function describeRecommendation(rec: DescribedRecommendation, format: NumberFormat): string[] {
  const pct = (v: number) => format(v, { style: "percent", maximumFractionDigits: 0 });
  const who = rec.entityName ? `${rec.entityId} (${rec.entityName})` : rec.entityId;
  const sentences = [`${who}: ${rec.from} → ${rec.to}, ${MOVE[rec.direction]}.`];
  const confidences = rec.confidences.length ? rec.confidences : [{ source: rec.source, kind: rec.confidenceKind, value: rec.confidence, to: rec.to }];
  const bySource = (source: "rule" | "model") => rec.rationale.filter((r) => (r.source ?? rec.source) === source);

  const rule = confidences.find((c) => c.source === "rule");
  if (rule) {
    for (const item of bySource("rule").filter((r) => r.part !== undefined && r.boundary !== undefined)) sentences.push(ruleSentence(item, rec, format));
    sentences.push(`Rule persistence score ${pct(rule.value)} (how long and how far past the threshold; not a probability).`);
  }
  const model = confidences.find((c) => c.source === "model");
  if (model) {
    const part = bySource("model").find((r) => r.part !== undefined)?.targetSegment;
    sentences.push(`The model gives ${rec.entityId} a ${pct(model.value)} probability of leaving its class, most likely for ${part ?? model.to}.`);
    const time = bySource("model").find((r) => r.windowsLeaving !== undefined);
    if (time) sentences.push(modelTimeSentence(time, format));
    const pushed = bySource("model").filter((r) => r.windowsLeaving === undefined && (r.logOddsContribution !== undefined || (r.part !== undefined && r.boundary === undefined)));
    // Largest first whatever the sign: a feature that argued against the move is evidence too.
    for (const item of pushed.slice(0, MODEL_FEATURES_SHOWN)) sentences.push(rangeSentence(item, format, (item.logOddsContribution ?? 0) < 0 ? "argues against" : "is typical of"));
  }
  for (const c of confidences) {
    if (c.to !== rec.to) sentences.push(`The ${c.source} proposes ${c.to} instead; the ${rec.source}'s ${rec.to} is what approval applies.`);
  }
  // A feature the model already spoke to is not repeated from the rule's (differently windowed) supporting evidence.
  const spoken = new Set(bySource("model").map((r) => r.feature));
  for (const item of rec.rationale.filter((r) => r.part === undefined && r.logOddsContribution === undefined && !spoken.has(r.feature))) sentences.push(rangeSentence(item, format, "fits"));
  const impact = impactSentence(rec, format);
  if (impact) sentences.push(impact);
  return [...new Set(sentences)];
}

function ruleSentence(item: RationaleItem, rec: DescribedRecommendation, format: NumberFormat): string {
  const { label, unit } = featureLabel(item.feature);
  const value = (v: number) => formatFeatureValue(v, unit, format);
  const boundary = item.boundary!;
  const bound = item.bound ?? boundary;
  const side = bound < boundary ? "below" : "above";
  const margin = boundary !== 0 ? Math.abs(boundary - bound) / Math.abs(boundary) : 0;
  const threshold = margin > 0 ? `${value(bound)} (the boundary ${value(boundary)} ${side === "below" ? "less" : "plus"} a ${format(margin, { style: "percent", maximumFractionDigits: 0 })} margin)` : value(boundary);
  // The time really past, as the rule read it at each period end back through the history (not a fixed N).
  const periods = item.periodsPast;
  const read = item.periodsRead ?? periods;
  const weeks = rec.dataWindow?.periodWeeks;
  let persistence = "";
  if (periods !== undefined && read !== undefined) {
    const span = `${format(read)} period${read === 1 ? "" : "s"}${weeks ? ` of ${format(weeks)} week${weeks === 1 ? "" : "s"}` : ""}`;
    persistence = read > periods ? ` in ${format(periods)} of the last ${span}` : ` for the last ${span}`;
    if (item.sinceWeek !== undefined) persistence += ` (since the period ending week ${format(item.sinceWeek)})`;
  }
  const mean = item.value === null ? "" : `; it averaged ${value(item.value)}`;
  return `${capitalise(label)} has been ${side} ${threshold}${persistence}${mean}, which puts it in ${item.targetSegment}.`;
}

/** How long the model has read the entity as leaving: windows of its length, one every few weeks back from the latest. */
function modelTimeSentence(item: RationaleItem, format: NumberFormat): string {
  const n = item.windowsLeaving!;
  const step = item.windowStep ? `, one every ${format(item.windowStep)} weeks` : "";
  const since = item.sinceWeek !== undefined ? ` (since the window ending week ${format(item.sinceWeek)})` : "";
  const windows = `${format(n)} window${n === 1 ? "" : "s"}${step}`;
  return `It has looked like leaving ${item.currentClass ?? "its class"} in ${n === 1 ? "the latest window only" : `each of the last ${windows}`}${n === 1 ? "" : since}.`;
}

function rangeSentence(item: RationaleItem, format: NumberFormat, verb: string): string {
  const { label, unit } = featureLabel(item.feature);
  const value = (v: number) => formatFeatureValue(v, unit, format);
  const shown = item.value === null ? "has no data" : value(item.value);
  const range = (r: NonNullable<RationaleItem["targetRange"]>) => `${value(r.p10)}–${value(r.p90)}`;
  if (item.value === null) return `${capitalise(label)} ${shown}.`;
  const ranges = [item.targetRange && `usually ${range(item.targetRange)}`, item.currentRange && `its current class ${range(item.currentRange)}`].filter(Boolean);
  return `${capitalise(label)} ${shown} ${verb} ${item.targetSegment}${ranges.length ? ` (${ranges.join("; ")})` : ""}.`;
}

function impactSentence(rec: DescribedRecommendation, format: NumberFormat): string | null {
  const impact = realImpact(rec.impact);
  if (!impact) return null;
  const parts: string[] = [];
  const pct = (v: number) => format(v, { style: "percent", maximumFractionDigits: 1 });
  if (impact.serviceLevel?.from != null && impact.serviceLevel.to != null) parts.push(`service level ${pct(impact.serviceLevel.from)} → ${pct(impact.serviceLevel.to)}`);
  if (impact.fillRate?.from != null && impact.fillRate.to != null) parts.push(`fill rate ${pct(impact.fillRate.from)} → ${pct(impact.fillRate.to)}`);
  const stock = impact.safetyStock;
  if (stock) {
    const change = stock.value ? `, ${stock.value.change >= 0 ? "+" : "−"}${format(Math.abs(stock.value.change), { maximumFractionDigits: 0 })} in value` : "";
    parts.push(`safety stock ${format(stock.units.from, { maximumFractionDigits: 0 })} → ${format(stock.units.to, { maximumFractionDigits: 0 })} units${change}`);
  }
  return parts.length ? `If approved: ${parts.join("; ")}.` : null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
