import type { Cadence } from "../../../shared/src/api";
import { splitSegmentKey, WILDCARD } from "../../../shared/src/segmentation/segmentKey";

const HOUR_MS = 3_600_000;
const UNIT_MS: Record<Cadence["unit"], number> = { hour: HOUR_MS, day: 24 * HOUR_MS, week: 7 * 24 * HOUR_MS };

/** The first run of the cadence at or after `at`: anchor + k × interval, k ≥ 0. */
export function runAtOrAfter(cadence: Cadence, at: Date): Date {
  const anchor = Date.parse(cadence.anchor);
  const interval = cadence.every * UNIT_MS[cadence.unit];
  const k = Math.max(0, Math.ceil((at.getTime() - anchor) / interval));
  return new Date(anchor + k * interval);
}

/** The run after the one claimed at `now`: runs missed meanwhile are skipped, not caught up one by one. */
export function runAfter(cadence: Cadence, now: Date): Date {
  return runAtOrAfter(cadence, new Date(now.getTime() + 1));
}

/** A Monday: weeks of a KPI trigger start on Monday 00:00 UTC, days at midnight UTC. */
const MONDAY = Date.UTC(1970, 0, 5);

/** The start of the period holding `at`, ISO. */
export function periodStart(unit: "day" | "week", at: Date): string {
  const length = UNIT_MS[unit];
  return new Date(MONDAY + Math.floor((at.getTime() - MONDAY) / length) * length).toISOString();
}

/** The starts of the `n` periods up to and including the one holding `at`, oldest first. */
export function lastPeriods(unit: "day" | "week", at: Date, n: number): string[] {
  const current = Date.parse(periodStart(unit, at));
  return Array.from({ length: n }, (_, i) => new Date(current - (n - 1 - i) * UNIT_MS[unit]).toISOString());
}

/** The period before `period` (an ISO start). */
export function previousPeriod(unit: "day" | "week", period: string): string {
  return new Date(Date.parse(period) - UNIT_MS[unit]).toISOString();
}

/** Whether a segment key matches a pattern: `*` is any text within a part, as in the policy table. */
export function segmentMatches(pattern: string | undefined, key: string): boolean {
  if (pattern === undefined) return true;
  const parts = splitSegmentKey(pattern);
  const keys = splitSegmentKey(key);
  return (
    parts.length === keys.length &&
    parts.every((p, i) =>
      new RegExp(
        `^${p
          .split(WILDCARD)
          .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
          .join(".*")}$`,
      ).test(keys[i]),
    )
  );
}
