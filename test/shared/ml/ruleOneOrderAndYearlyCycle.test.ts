/**
 * Two readings of `recommendAgainstBaseline` for weekly revenue (issue 21's customer recall):
 *
 * - One order does not make a change, nor hide one: a rate's own-band test leaves out the window's week most in the
 *   move's favour, in the reading and in the band alike. A Transactional customer with one freak order after the
 *   baseline stays quiet (the freak stays in three overlapping 12-week windows: the rule before raised it); one whose
 *   baseline held a freak order, and who then grew to the Core level, is raised (before, the freak's windows set its
 *   own band so high the growth stayed inside it).
 * - A customer has no seasonal flag: its baseline is tested for a yearly cycle (the F test of a first-order Fourier
 *   term, Hyndman & Athanasopoulos, FPP 3rd ed. §7.4; P(F₂,ν > f) = (1 + 2f/ν)^(−ν/2)). A seasonal customer whose
 *   level trebled while in its trough is raised season against season (before, read as a plain rate, it was missed);
 *   a stable seasonal one in its trough stays quiet. The cycle must recur: the term fitted to the baseline's first 52
 *   weeks must foretell the weeks after (Fisher's z of their correlation). A one-off burst of demand in the baseline
 *   fits a yearly wave too (F's p ≈ 1e-12) but does not come round again: read as a season, its weeks a year on looked
 *   like a fall to Transactional (the F test alone raised it); read as it is, it stays quiet.
 *
 * The "before" cases were run against the rule at 88b196f: it raised `freak-after` and missed `freak-before` and
 * `seasonal-grower`.
 */
import { recommendAgainstBaseline, seasonalityOf, yearlyCycle } from "../../../shared/src/ml";
import { createRng } from "../../../shared/src/random";

const WEEKS = 104;
const BASELINE = { fromWeek: 1, toWeek: 78 };
const rng = createRng(21);

/** Weekly revenue at `level(week)` with lognormal noise (σ 0.15), week 1 first. */
function series(level: (week: number) => number): number[] {
  return Array.from({ length: WEEKS }, (_, j) => level(j + 1) * rng.lognormal(0, 0.15));
}

/** A yearly cycle of amplitude 0.6, lowest at week 98 (and 46 in the baseline), as the customer-tier generator's seasonal customers. */
const season = (week: number) => 1 + 0.6 * Math.cos((2 * Math.PI * (week - 72)) / 52);
const after = (week: number) => week > BASELINE.toWeek;

const entities = [
  ...Array.from({ length: 6 }, (_, i) => ({ entityId: `key${i}`, current: "Key", weekly: series(() => 1000 + 40 * i) })),
  ...Array.from({ length: 6 }, (_, i) => ({ entityId: `core${i}`, current: "Core", weekly: series(() => 280 + 10 * i) })),
  ...Array.from({ length: 6 }, (_, i) => ({ entityId: `tx${i}`, current: "Transactional", weekly: series(() => 50 + 2 * i) })),
  // One order of 3,000 in week 90, else 50 a week.
  { entityId: "freak-after", current: "Transactional", weekly: series((w) => (w === 90 ? 3000 : 50)) },
  // One order of 3,000 in week 20 of the baseline; 300 a week (the Core level) from week 79.
  { entityId: "freak-before", current: "Transactional", weekly: series((w) => (w === 20 ? 3000 : after(w) ? 300 : 50)) },
  // Core at 300 a week through its season; three times that from week 79, read in its trough (weeks 93–104).
  { entityId: "seasonal-grower", current: "Core", weekly: series((w) => 300 * season(w) * (after(w) ? 3 : 1)) },
  // The same season and level, unchanged: its trough is not a fall.
  { entityId: "seasonal-stable", current: "Core", weekly: series((w) => 300 * season(w)) },
];

const options = {
  metricName: "weekly revenue",
  statistic: "rate" as const,
  classes: ["Key", "Core", "Transactional"],
  direction: "higherIsBetter" as const,
  scale: "log" as const,
  baseline: BASELINE,
  periodWeeks: 4,
  consecutivePeriods: 3,
  margin: 0.25,
};
const { recommendations } = recommendAgainstBaseline(entities, options);
const byId = new Map(recommendations.map((r) => [r.entityId, r]));

describe("the rule's rate readings: one order, and a yearly cycle without a flag", () => {
  it("raises the planted grower whose baseline held one freak order, and not the customer with one freak order now", () => {
    expect(byId.get("freak-before")).toMatchObject({ from: "Transactional", to: "Core", change: "upgrade" });
    expect(byId.has("freak-after")).toBe(false);
    // The band the freak-before grower left is its own without each window's largest week: the 50 a week it sold.
    expect(byId.get("freak-before")!.ownBand.high).toBeLessThan(80);
    expect(byId.get("freak-before")!.rule).toContain("12-week rates without their largest week");
  });

  it("reads a customer without a flag season against season when its baseline shows a yearly cycle", () => {
    const grower = byId.get("seasonal-grower")!;
    expect(grower).toMatchObject({ from: "Core", to: "Key", change: "upgrade", seasonal: true });
    const found = grower.seasonalFrom as { p: number; recurrence: { r: number; p: number } };
    expect(found.p).toBeLessThan(0.01);
    expect(found.recurrence.p).toBeLessThan(0.01);
    expect(grower.basis).toMatch(
      /^the rate over 12 weeks against the same weeks a year earlier; seasonal by its baseline: a yearly cycle \(F = [\d.]+, p = [\d.e-]+\) that its first 52 weeks foretell in the weeks after \(r = 0\.\d+, p = [\d.e-]+\)$/,
    );
    expect(byId.has("seasonal-stable")).toBe(false);
  });

  it("raises nothing else: the steady customers of every tier stay where they are", () => {
    expect(recommendations.map((r) => r.entityId).sort()).toEqual(["freak-before", "seasonal-grower"]);
  });

  it("tests only entities without a flag: a flagged one is read as flagged", () => {
    const flagged = recommendAgainstBaseline(
      entities.map((e) => (e.entityId === "seasonal-grower" ? { ...e, seasonal: false } : e)),
      options,
    ).recommendations.find((r) => r.entityId === "seasonal-grower");
    // Flagged not seasonal: its plain rate in the trough (about 300 × 3 × 0.45) is short of the Key bound.
    expect(flagged).toBeUndefined();
  });
});

describe("a one-off burst in the baseline is not a season", () => {
  const burstRng = createRng(4);
  const weekly = (level: (week: number) => number) => Array.from({ length: WEEKS }, (_, j) => level(j + 1) * burstRng.lognormal(0, 0.15));
  const company = [
    ...Array.from({ length: 6 }, (_, i) => ({ entityId: `key${i}`, current: "Key", weekly: weekly(() => 1000 + 40 * i) })),
    ...Array.from({ length: 6 }, (_, i) => ({ entityId: `core${i}`, current: "Core", weekly: weekly(() => 280 + 10 * i) })),
    ...Array.from({ length: 6 }, (_, i) => ({ entityId: `tx${i}`, current: "Transactional", weekly: weekly(() => 100 + 2 * i) })),
    // 200 a week throughout, but 800 in weeks 36–49 of the baseline.
    { entityId: "burst", current: "Core", weekly: weekly((w) => (w >= 36 && w < 50 ? 800 : 200)) },
  ];

  it("fits a yearly wave but does not recur, so it is not seasonal and not moved", () => {
    const test = seasonalityOf(company[18].weekly, 0, 78);
    expect(test.p).toBeLessThan(1e-6);
    expect(test.recurrence.p).toBeGreaterThan(0.05);
    expect(test.seasonal).toBe(false);
    expect(recommendAgainstBaseline(company, options).recommendations).toEqual([]);
  });

  it("finds the generator's seasonal customer shape recurring", () => {
    const test = seasonalityOf(
      series((w) => 300 * season(w)),
      0,
      78,
    );
    expect(test).toMatchObject({ seasonal: true });
    expect(test.recurrence.r).toBeGreaterThan(0.5);
  });
});

describe("yearlyCycle", () => {
  it("has the F(2, ν) tail of the textbook tables: F(2, 10) = 4.10 at the 5 % level, F(2, 60) = 4.98 at 1 %", () => {
    // The p the test reports is that tail at its own F, with ν = 78 − 3.
    const tail = (f: number, nu: number) => (1 + (2 * f) / nu) ** (-nu / 2);
    expect(tail(4.1, 10)).toBeCloseTo(0.05, 3);
    expect(tail(4.98, 60)).toBeCloseTo(0.01, 3);
    const noisy = series(() => 100);
    const { f, p } = yearlyCycle(noisy, 0, 78);
    expect(p).toBeCloseTo(tail(f, 75), 12);
  });

  it("finds the cycle of amplitude 0.6 and its size, and none in noise alone", () => {
    const seasonal = series((w) => 100 * season(w));
    const found = yearlyCycle(seasonal, 0, 78);
    expect(found.p).toBeLessThan(1e-6);
    expect(found.amplitude).toBeGreaterThan(0.5);
    expect(found.amplitude).toBeLessThan(0.7);
    expect(
      yearlyCycle(
        series(() => 100),
        0,
        78,
      ).p,
    ).toBeGreaterThan(0.01);
  });

  it("finds no cycle in a constant series, and gives no answer for one too short for the test", () => {
    expect(yearlyCycle(new Array(78).fill(5), 0, 78)).toMatchObject({ f: 0, p: 1 });
    expect(yearlyCycle([1, 2, 3], 0, 3).p).toBeNaN();
  });
});
