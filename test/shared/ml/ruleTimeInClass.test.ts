/**
 * The rule's rationale states how long an entity has really been past the
 * boundary, read from its own period ends (recommendAgainstBaseline →
 * describeRecommendation), not a fixed "N periods": planted C items whose
 * weekly revenue jumped to the A level 2, 5 and (with one period back below)
 * 4 of the last 5 four-week periods before the end of a 60-week history.
 */
import type { Recommendation } from "../../../shared/src/api";
import { describeRecommendation, recommendAgainstBaseline } from "../../../shared/src/ml";

const WEEKS = 60;
const en = (v: number, o?: Intl.NumberFormatOptions) => new Intl.NumberFormat("en-GB", o).format(v);

/** A steady seller at `level` a week (a small repeating wobble, so its own band is not a point), at 100 a week in `high` weeks. */
function series(level: number, high: (week: number) => boolean = () => false): number[] {
  return Array.from({ length: WEEKS }, (_, j) => (high(j + 1) ? 100 : level) + (j % 3));
}

const from = (week: number) => (w: number) => w >= week;
const entities = [
  ...Array.from({ length: 6 }, (_, i) => ({ entityId: `A${i}`, current: "A", weekly: series(100) })),
  ...Array.from({ length: 6 }, (_, i) => ({ entityId: `C${i}`, current: "C", weekly: series(10) })),
  // Past for exactly the last 2 periods (weeks 53–60), for the last 5 (weeks 41–60), and 4 of the last 5 (weeks 49–52 back at 10).
  { entityId: "two", current: "C", weekly: series(10, from(53)) },
  { entityId: "five", current: "C", weekly: series(10, from(41)) },
  { entityId: "gap", current: "C", weekly: series(10, (w) => w >= 41 && !(w >= 49 && w <= 52)) },
];

// One period of 4 weeks must be past (N = 1): the persistence score reads at most 2N = 2 period ends, the rationale all of them.
const { recommendations } = recommendAgainstBaseline(entities, {
  metricName: "weekly revenue",
  statistic: "rate",
  classes: ["A", "B", "C"],
  direction: "higherIsBetter",
  scale: "log",
  baseline: { fromWeek: 1, toWeek: 36 },
  periodWeeks: 4,
  consecutivePeriods: 1,
  margin: 0.25,
});
const byId = new Map(recommendations.map((r) => [r.entityId, r]));

/** The rationale the service stores for a rule part (service/src/useCases/recommendations.ts), said by the shared wording. */
function sentence(id: string): string {
  const r = byId.get(id)!;
  const rec: Recommendation = {
    id: "r",
    changeRequestId: "cr",
    dimension: "product",
    source: "rule",
    sources: ["rule"],
    entityId: id,
    entityName: null,
    direction: "upgrade",
    from: "C",
    to: r.to,
    confidence: r.confidence,
    confidenceKind: "persistence",
    confidences: [{ source: "rule", kind: "persistence", value: r.confidence, to: r.to }],
    status: "pending",
    decisionReason: null,
    rationale: [{ feature: "weekly revenue", part: "abc", value: r.value, targetSegment: r.to, boundary: r.boundary, bound: r.bound, periodsPast: r.periodsPast, periodsRead: r.periodsRead, sinceWeek: r.sinceWeek }],
    impact: null,
    dataWindow: { fromWeek: 1, toWeek: WEEKS, periodWeeks: 4 },
    modelId: null,
    createdAt: "2026-12-04T00:00:00.000Z",
  };
  return describeRecommendation(rec, en)[1];
}

describe("the rule's time past the boundary", () => {
  it("raises the three planted items and nothing else", () => {
    expect(recommendations.map((r) => [r.entityId, r.from, r.to])).toEqual([
      ["two", "C", "A"],
      ["five", "C", "A"],
      ["gap", "C", "A"],
    ]);
  });

  it("counts the period ends really past, beyond the 2N the persistence score reads, and the week it started", () => {
    expect(["two", "five", "gap"].map((id) => ({ id, ...pick(byId.get(id)!) }))).toEqual([
      { id: "two", periodsPast: 2, periodsRead: 2, sinceWeek: 56, run: 2 },
      { id: "five", periodsPast: 5, periodsRead: 5, sinceWeek: 44, run: 2 },
      // Weeks 49–52 fell back: the one miss the rule tolerates, inside the count.
      { id: "gap", periodsPast: 4, periodsRead: 5, sinceWeek: 44, run: 2 },
    ]);
  });

  it("says it in the rationale and the justification", () => {
    expect(sentence("two")).toMatch(/^Weekly revenue has been above [\d,.]+ \(the boundary [\d,.]+ plus a 25% margin\) for the last 2 periods of 4 weeks \(since the period ending week 56\); it averaged/);
    expect(sentence("five")).toContain("for the last 5 periods of 4 weeks (since the period ending week 44)");
    expect(sentence("gap")).toContain("in 4 of the last 5 periods of 4 weeks (since the period ending week 44)");
    expect(byId.get("two")!.rule).toContain("at each of the last 2 period ends of 4 weeks (since the period ending week 56)");
    expect(byId.get("five")!.rule).toContain("at each of the last 5 period ends of 4 weeks (since the period ending week 44)");
    expect(byId.get("gap")!.rule).toContain("at 4 of the last 5 period ends of 4 weeks (since the period ending week 44)");
  });
});

const pick = (r: { periodsPast: number; periodsRead: number; sinceWeek: number; run: number }) => ({ periodsPast: r.periodsPast, periodsRead: r.periodsRead, sinceWeek: r.sinceWeek, run: r.run });
