import type { Recommendation, SourceConfidence } from "../../../../../shared/src/api";
import { describeRecommendation } from "../../../../../shared/src/ml/rationaleText";
import { formatPercent, numberFormat } from "./format";

/*
 * A recommendation in plain words. The sentences are shared/src/ml's
 * (describeRecommendation, the same wording every view uses) in the pane's
 * number style; this file only picks what the queue's rows and details show.
 */

/** The reasons, the move and its impact as sentences, then the policy table's own notes. */
export function reasonSentences(r: Recommendation): string[] {
  return [...describeRecommendation(r, numberFormat), ...(r.impact?.policyNotes ?? []).map((note) => `${note.charAt(0).toUpperCase()}${note.slice(1)}.`)];
}

const SOURCE_NAMES: Record<SourceConfidence["source"], string> = { rule: "Rule", model: "Model" };

/** Each source's confidence named for what it is: "Rule persistence 83%", "Model probability 71%". */
export function confidenceParts(r: Pick<Recommendation, "confidences">): string[] {
  return r.confidences.map((c) => `${SOURCE_NAMES[c.source]} ${c.kind} ${formatPercent(c.value)}`);
}

/** For a request both sources raised: whether they propose the same segment. Undefined for one source. */
export function sourcesAgreement(r: Pick<Recommendation, "confidences" | "to">): string | undefined {
  if (r.confidences.length < 2) return undefined;
  const targets = new Set(r.confidences.map((c) => c.to));
  if (targets.size === 1) return `Rule and model agree on ${r.to}`;
  return `Rule and model disagree: ${r.confidences.map((c) => `the ${c.source} proposes ${c.to}`).join(", ")}`;
}

/** The trend behind the move: the first rationale item that carries per-period evidence. */
export function evidenceTrend(r: Recommendation): { feature: string; points: Array<{ period: string; value: number }>; bound?: number } | undefined {
  const item = r.rationale.find((i) => (i.evidence?.length ?? 0) > 1);
  return item ? { feature: item.feature, points: item.evidence!, bound: item.bound } : undefined;
}
