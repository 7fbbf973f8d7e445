import type { Recommendation } from "../../../../../shared/src/api";
import { formatCount, formatPercent } from "./format";
import type { QueueItem } from "./queueModel";

/*
 * The orders an approver can put the queue in, and each source's evidence in
 * the row's own words. The pane holds every pending request (loadQueue reads
 * them all), so sorting is done here, before the groups are paged.
 */

export type QueueSort = "default" | "probability" | "persistence" | "impact" | "age";

export const SORT_OPTIONS: Array<{ value: QueueSort; text: string }> = [
  { value: "default", text: "Largest groups, most confident first" },
  { value: "probability", text: "Model probability" },
  { value: "persistence", text: "Rule persistence" },
  { value: "impact", text: "Impact on stock value" },
  { value: "age", text: "Oldest first" },
];

const sourceValue = (rec: Recommendation | undefined, source: "rule" | "model") => rec?.confidences.find((c) => c.source === source)?.value;

/** The rule part that held least: a request moves only if every part holds (its confidence is the lowest part's). */
function weakestRulePart(rec: Recommendation) {
  const parts = rec.rationale.filter((r) => (r.source ?? rec.source) === "rule" && r.part !== undefined && r.periodsPast !== undefined);
  return parts.reduce<(typeof parts)[number] | undefined>((weakest, r) => (weakest === undefined || r.periodsPast! < weakest.periodsPast! ? r : weakest), undefined);
}

/** |Δ safety-stock value| when the move is priced. */
const impactValue = (rec: Recommendation | undefined) => {
  const change = rec?.impact?.safetyStock?.value?.change;
  return typeof change === "number" ? Math.abs(change) : undefined;
};

/** Larger first; an item without the figure after every item with it. */
const descending = (a: number | undefined, b: number | undefined) => (b ?? -Infinity) - (a ?? -Infinity);

const byId = (a: QueueItem, b: QueueItem) => (a.entityId ?? a.request.id).localeCompare(b.entityId ?? b.request.id);

/** The row order of a sort: the key, then the request's own confidence, then the id, so the order is the same on every load. */
export function compareItems(sort: QueueSort): (a: QueueItem, b: QueueItem) => number {
  const confidence = (a: QueueItem, b: QueueItem) => descending(a.confidence, b.confidence);
  switch (sort) {
    case "probability":
      return (a, b) => descending(sourceValue(a.recommendation, "model"), sourceValue(b.recommendation, "model")) || confidence(a, b) || byId(a, b);
    case "persistence":
      return (a, b) =>
        descending(sourceValue(a.recommendation, "rule"), sourceValue(b.recommendation, "rule")) ||
        descending(a.recommendation && weakestRulePart(a.recommendation)?.periodsPast, b.recommendation && weakestRulePart(b.recommendation)?.periodsPast) ||
        confidence(a, b) ||
        byId(a, b);
    case "impact":
      return (a, b) => descending(impactValue(a.recommendation), impactValue(b.recommendation)) || confidence(a, b) || byId(a, b);
    case "age":
      return (a, b) => a.request.createdAt.localeCompare(b.request.createdAt) || byId(a, b);
    default:
      return (a, b) => confidence(a, b) || byId(a, b);
  }
}

/**
 * Each source's evidence in plain words, for the row: "Model: 87% likely to
 * leave A", "Rule: past the boundary 3 of the last 4 periods". Nothing for a
 * run or a hand edit.
 */
export function evidenceWords(rec: Recommendation | undefined): string[] {
  if (!rec) return [];
  const out: string[] = [];
  const rule = sourceValue(rec, "rule");
  if (rule !== undefined) {
    const part = weakestRulePart(rec);
    if (part?.periodsPast !== undefined) {
      const past = part.periodsPast;
      const read = part.periodsRead ?? past;
      out.push(read > past ? `Rule: past the boundary ${formatCount(past)} of the last ${formatCount(read)} periods` : `Rule: past the boundary the last ${formatCount(past)} period${past === 1 ? "" : "s"}`);
    } else out.push(`Rule: persistence score ${formatPercent(rule)}`);
  }
  const model = sourceValue(rec, "model");
  if (model !== undefined) {
    const current = rec.rationale.find((r) => (r.source ?? rec.source) === "model" && r.currentClass !== undefined)?.currentClass ?? rec.from;
    out.push(`Model: ${formatPercent(model)} likely to leave ${current}`);
  }
  return out;
}
