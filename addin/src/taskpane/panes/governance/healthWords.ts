import type { RouteResponse } from "../../../../../shared/src/api";
import { numberFormat } from "../recommendations/format";
import { formatKpi, formatTarget, goodHigh, kpiLabel } from "./kpiWords";

export type HealthReport = RouteResponse<"healthCheck">;

export interface HealthSuggestion {
  kind: "underperforming" | "merge" | "too-small" | "overlap";
  /** the question put to the committee */
  question: string;
  /** the figure behind it, in words */
  figure: string;
}

const two = (x: number) => numberFormat(x, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace("-", "\u2212");

/**
 * The health check's findings as questions with the figure behind each, from
 * the route's structured fields (the route's own sentences say the same in
 * one string each): KPIs that missed their target for months running (first:
 * what is wrong now), similar pairs, segments under the minimum size, segments
 * whose members sit closer to another segment (negative mean silhouette).
 */
export function healthSuggestions(report: HealthReport, noun: string): HealthSuggestion[] {
  const out: HealthSuggestion[] = [];
  for (const u of report.underperforming ?? []) {
    const month = (p: string) => new Date(`${p}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
    out.push({
      kind: "underperforming",
      question: `What keeps ${kpiLabel(u.kpi)} of ${u.segment} ${goodHigh(u.kpi) ? "below" : "above"} target?`,
      figure: `${u.periods.length} months running, ${month(u.periods[0])} to ${month(u.periods[u.periods.length - 1])}: ${u.values.map((v) => formatKpi(u.kpi, v)).join(", ")} (${formatTarget(u.kpi, u.target)}; worst ${formatKpi(u.kpi, u.worst.value)} in ${month(u.worst.period)}).`,
    });
  }
  const silhouetteOf = new Map(report.segments.map((s) => [s.segment, s.silhouette]));
  for (const p of report.similarPairs) {
    const [a, b] = p.segments;
    const sa = silhouetteOf.get(a);
    const sb = silhouetteOf.get(b);
    const silhouettes = sa != null && sb != null ? ` Mean silhouettes: ${a} ${two(sa)}, ${b} ${two(sb)}.` : "";
    out.push({
      kind: "merge",
      question: `Merge ${a} and ${b}?`,
      figure: `Where they differ most (${p.feature}) they are ${two(p.effectSize)} standard deviations apart; under ${two(report.thresholds.maxEffectSize)} on every defining feature counts as alike.${silhouettes}`,
    });
  }
  for (const s of report.segments) {
    if (s.tooSmall)
      out.push({
        kind: "too-small",
        question: s.nearest ? `Fold ${s.segment} into ${s.nearest.segment}?` : `Widen ${s.segment}?`,
        figure: `${s.size} ${noun}${s.size === 1 ? "" : "s"}, fewer than the minimum of ${report.thresholds.minSize}${s.nearest ? `; ${s.nearest.segment} is the nearest segment (distance ${two(s.nearest.distance)})` : ""}.`,
      });
    if (s.silhouette !== null && s.silhouette < 0)
      out.push({
        kind: "overlap",
        question: `Review the boundaries of ${s.segment}?`,
        figure: `Mean silhouette ${two(s.silhouette)} on the defining features (below 0): its ${noun}s are on average closer to another segment than to each other.`,
      });
  }
  return out;
}
