import { splitSegmentKey, WILDCARD } from "../segmentation/segmentKey";
import type { EscalationLevel } from "./schemas";

/** An escalation path stored per segment (pattern) and KPI: the owner and the levels with the days after which each applies. */
export interface SegmentEscalationPath {
  segment: string;
  kpi: string;
  owner: string;
  levels: ReadonlyArray<{ level: number; afterDays: number; to: string }>;
}

export interface BreachEscalation {
  /** the first day of the earliest month of the breach's current run of breached months (ISO date), or null when no monthly figures say */
  since: string | null;
  ageDays: number | null;
  /** the level the breach has reached at its age; with the age unknown, the first level (a breach is escalated at least that far) */
  reached: EscalationLevel | null;
  /** where the path came from: a stored path for the segment and KPI, or the owner function's */
  pathSource: "segment" | "owner";
}

const DAY_MS = 86_400_000;

/**
 * When the current run of breached months began: the months are walked back
 * from the latest one with a value while each is on the wrong side of the
 * target (below it for "min", above for "max"). A latest month that is not
 * breached gives null (the breach is a whole-window figure, not a current run).
 *
 * @example breachSince([{ period: "2026-09", value: 0.97 }, { period: "2026-10", value: 0.9 }, { period: "2026-11", value: 0.91 }], 0.95, "min"); // "2026-10-01"
 */
export function breachSince(periods: ReadonlyArray<{ period: string; value: number | null }>, target: number, direction: "min" | "max"): string | null {
  const known = periods.filter((p) => p.value !== null && /^\d{4}-\d{2}$/.test(p.period)).sort((a, b) => a.period.localeCompare(b.period));
  const breached = (v: number) => (direction === "min" ? v < target : v > target);
  let first: string | null = null;
  for (let i = known.length - 1; i >= 0 && breached(known[i].value!); i--) first = known[i].period;
  return first === null ? null : `${first}-01`;
}

/** The highest level whose days have passed; the first level when the age is unknown; null without levels. */
export function reachedLevel(levels: readonly EscalationLevel[], ageDays: number | null): EscalationLevel | null {
  const sorted = [...levels].sort((a, b) => a.level - b.level);
  if (sorted.length === 0) return null;
  if (ageDays === null) return sorted[0];
  return sorted.filter((l) => l.afterDays <= ageDays).at(-1) ?? sorted[0];
}

/**
 * The stored path for a segment and KPI: of the rows for the KPI whose
 * pattern matches the segment (`*` any text within a part, as in the policy
 * table), the one with the most literal characters; undefined when none does.
 */
export function pathFor(paths: readonly SegmentEscalationPath[], segment: string, kpi: string): SegmentEscalationPath | undefined {
  const parts = splitSegmentKey(segment);
  let best: { path: SegmentEscalationPath; literal: number } | undefined;
  for (const path of paths) {
    if (path.kpi !== kpi) continue;
    const pattern = splitSegmentKey(path.segment);
    if (pattern.length !== parts.length) continue;
    const matches = pattern.every((p, i) => new RegExp(`^${p.split(WILDCARD).map(escape).join(".*")}$`).test(parts[i]));
    if (!matches) continue;
    const literal = path.segment.replaceAll(WILDCARD, "").length;
    if (!best || literal > best.literal) best = { path, literal };
  }
  return best?.path;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A breach's age and the level it has reached on its path. */
export function escalateBreach(
  levels: readonly EscalationLevel[],
  pathSource: "segment" | "owner",
  periods: ReadonlyArray<{ period: string; value: number | null }> | undefined,
  target: number,
  direction: "min" | "max",
  asOf: Date,
): BreachEscalation {
  const since = periods ? breachSince(periods, target, direction) : null;
  const ageDays = since === null ? null : Math.max(0, Math.floor((asOf.getTime() - Date.parse(`${since}T00:00:00Z`)) / DAY_MS));
  return { since, ageDays, reached: reachedLevel(levels, ageDays), pathSource };
}
