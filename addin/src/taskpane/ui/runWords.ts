import type { RunProvenance } from "../../../../shared/src/api";
import { formatCount, formatPercent } from "../panes/recommendations/format";

const METHOD_WORDS: Record<string, string> = {
  abc: "ABC",
  xyz: "XYZ",
  "abc-xyz": "ABC-XYZ",
  mcabc: "Multi-criteria ABC",
  kmeans: "k-means clusters",
  "customer-tiers": "Customer tiers",
  hybrid: "Hybrid key",
};

/** A method as the pane names it: "abc-xyz" → "ABC-XYZ". */
export const methodWords = (method: string): string => METHOD_WORDS[method] ?? method;

/**
 * How a run was made, one line per fact, as an approver reads it beside the
 * moves: method and where it ran, what it ranked by, the boundaries, the
 * demand window and what it classified.
 */
export function describeRun(run: RunProvenance): string[] {
  const lines = [`${methodWords(run.method)}, computed ${run.computedFrom === "workbook" ? "from a workbook table" : "on the service's stored data"}`];
  if (run.criteria?.length) lines.push(`Criteria: ${run.criteria.map((c) => `${c.name} ×${formatCount(c.weight)}`).join(", ")}`);
  else if (run.criterion) lines.push(`Ranked by ${run.criterion}${run.mode === "count" ? " (cut-offs on item count)" : run.mode === "value" ? " (cut-offs on value share)" : ""}`);
  if (run.cutoffs?.abc?.length) lines.push(`ABC cut-offs: ${run.cutoffs.abc.map(formatPercent).join(", ")}`);
  if (run.cutoffs?.xyz?.length) lines.push(`XYZ cut-offs (CoV): ${run.cutoffs.xyz.map((c) => c.toLocaleString(undefined, { maximumFractionDigits: 2 })).join(", ")}`);
  if (run.tierRules?.length) lines.push(`Tiers, first match wins: ${run.tierRules.join("; ")}`);
  if (run.keyParts?.length) lines.push(`Key: ${run.keyParts.join(" × ")}`);
  if (run.window) lines.push(`Demand window: ${run.window.first} to ${run.window.last} (${formatCount(run.window.periods)} periods)`);
  lines.push(`Population: ${formatCount(run.population.rows)} rows of ${run.population.source}`);
  return lines;
}
