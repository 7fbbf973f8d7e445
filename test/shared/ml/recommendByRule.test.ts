/** Rule recommendations, plantDrift and their helpers: hand-computed cases, properties, bad input. */
import fc from "fast-check";
import { DomainError } from "../../../shared/src/errors";
import { generateDemoCompany, plantDrift } from "../../../shared/src/demo";
import { periodMetrics, recommendByRule, typicalRanges } from "../../../shared/src/ml";

describe("typicalRanges", () => {
  it("gives Hyndman–Fan type-7 percentiles per segment (R: quantile(1:5, c(.1,.25,.5,.75,.9)) = 1.4 2 3 4 4.6)", () => {
    const ranges = typicalRanges([1, 2, 3, 4, 5, 10, null, Number.NaN], ["A", "A", "A", "A", "A", "B", "B", "B"]);
    expect(ranges.get("A")).toEqual({ members: 5, p10: 1.4, p25: 2, median: 3, p75: 4, p90: 4.6 });
    // Missing values are left out: B has one known value.
    expect(ranges.get("B")).toEqual({ members: 1, p10: 10, p25: 10, median: 10, p75: 10, p90: 10 });
  });

  it("orders p10 ≤ p25 ≤ median ≤ p75 ≤ p90 within the members' min and max (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }), (values) => {
        const r = typicalRanges(
          values,
          values.map(() => "S"),
        ).get("S")!;
        expect(r.p10).toBeLessThanOrEqual(r.p25);
        expect(r.p25).toBeLessThanOrEqual(r.median);
        expect(r.median).toBeLessThanOrEqual(r.p75);
        expect(r.p75).toBeLessThanOrEqual(r.p90);
        expect(r.p10).toBeGreaterThanOrEqual(Math.min(...values));
        expect(r.p90).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });

  it("refuses mismatched lengths naming the field", () => {
    expect(() => typicalRanges([1, 2], ["A"])).toThrow(new DomainError("segments", "expected 2 segments (one per value), got 1"));
  });
});

describe("periodMetrics", () => {
  const line = (entityId: string, week: number, quantity: number) => ({ entityId, week, quantity, unitPrice: 10, unitCost: 6, lines: 1, returnedUnits: 0 });

  it("buckets weeks back from the last, leaving out the incomplete start (hand-computed)", () => {
    // 10 weeks in 4-week periods: W3-W6 and W7-W10; weeks 1–2 are outside the window.
    const m = periodMetrics(["P1"], [line("P1", 1, 100), line("P1", 3, 1), line("P1", 10, 2)], 10, 4, 1);
    expect(m.periods).toEqual(["W3-W6", "W7-W10"]);
    expect(m.window).toEqual({ fromWeek: 3, toWeek: 10 });
    expect(Array.from(m.revenue)).toEqual([10, 20]);
    // Units in W7-W10 are 0,0,0,2: mean 0.5, sample sd √((3·0.25 + 2.25)/3) = 1, CoV 2 (hand-computed).
    expect(m.unitsCov[1]).toBeCloseTo(2, 12);
  });

  it("gives no CoV without demand, and zero CoV for constant demand (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (q) => {
        const lines = Array.from({ length: 8 }, (_, w) => line("P1", w + 1, q));
        const m = periodMetrics(["P1", "P2"], lines, 8, 4, 2);
        expect(m.unitsCov[1]).toBe(0);
        expect(Number.isNaN(m.unitsCov[2])).toBe(true);
      }),
    );
  });

  it("refuses bad periods and weeks naming the field", () => {
    expect(() => periodMetrics(["P1"], [], 10, 0)).toThrow(DomainError);
    expect(() => periodMetrics(["P1"], [], 10, 11)).toThrow(/periodWeeks/);
    expect(() => periodMetrics(["P1"], [line("P1", 11, 1)], 10, 4)).toThrow(new DomainError("lines[0].week", "expected a week from 1 to 10, got 11", "out_of_range"));
  });
});

describe("recommendByRule", () => {
  const periods = ["1", "2", "3", "4"];
  // Two A items near 100 a period, two C items near 1, and an A item that has sold 1 a period for the last three.
  const entities = [
    { entityId: "a1", current: "A", metric: [100, 110, 90, 100] },
    { entityId: "a2", current: "A", metric: [80, 120, 100, 90] },
    { entityId: "c1", current: "C", metric: [1, 2, 1, 1] },
    { entityId: "c2", current: "C", metric: [2, 1, 2, 1] },
    { entityId: "x", current: "A", metric: [100, 1, 1, 1] },
  ];

  it("moves the item whose metric crossed and held, with boundary, bound, run and confidence (hand-computed)", () => {
    const r = recommendByRule(periods, entities, { metricName: "revenue", classes: ["A", "C"], scale: "log", margin: 0.25, consecutivePeriods: 3 });
    expect(r.recommendations.map((x) => [x.entityId, x.from, x.to, x.change])).toEqual([["x", "A", "C", "downgrade"]]);
    const x = r.recommendations[0];
    // Member means: a1 100, a2 97.5, x 25.75 → A's type-7 lower quartile = 25.75 + 0.5·(97.5 − 25.75) = 61.625;
    // C: c1 1.25, c2 1.5 → upper quartile 1.4375. Boundary √(61.625 · 1.4375) = 9.4120…; bound = boundary·(1 − 0.25).
    expect(x.boundary).toBeCloseTo(Math.sqrt(61.625 * 1.4375), 10);
    expect(x.bound).toBeCloseTo(x.boundary * 0.75, 10);
    expect(x.run).toBe(3);
    // persistence 3/6 = ½; excess = median |1 − bound|/(boundary − bound) = (0.75·9.412 − 1)/(0.25·9.412) = 2.575… → strength 1.
    expect(x.confidence).toBe(0.5);
    expect(x.evidence).toEqual([
      { period: "2", value: 1 },
      { period: "3", value: 1 },
      { period: "4", value: 1 },
    ]);
    expect(x.targetRange.members).toBe(2);
  });

  it("leaves the stable items alone, and judges nobody with fewer periods than N", () => {
    const stable = entities.filter((e) => e.entityId !== "x");
    expect(recommendByRule(periods, stable, { metricName: "revenue", classes: ["A", "C"], scale: "log" }).recommendations).toEqual([]);
    expect(recommendByRule(periods, entities, { metricName: "revenue", classes: ["A", "C"], consecutivePeriods: 5 }).recommendations).toEqual([]);
  });

  it("never recommends when every entity's metric is constant at its class's level (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.double({ min: 0.9, max: 1.1, noNaN: true })), { minLength: 3, maxLength: 30 }), (rows) => {
        const levels = [1000, 100, 10];
        const items = rows.map(([c, jitter], i) => ({ entityId: `e${i}`, current: ["A", "B", "C"][c], metric: [1, 1, 1, 1].map(() => levels[c] * jitter) }));
        expect(recommendByRule(periods, items, { metricName: "revenue", classes: ["A", "B", "C"], scale: "log" }).recommendations).toEqual([]);
      }),
    );
  });

  it("confidence lies in [0.25, 1] (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 200, noNaN: true }), { minLength: 4, maxLength: 4 }), (drift) => {
        const r = recommendByRule(periods, [...entities.slice(0, 4), { entityId: "y", current: "A", metric: drift }], { metricName: "revenue", classes: ["A", "C"], scale: "log" });
        for (const x of r.recommendations) {
          expect(x.confidence).toBeGreaterThanOrEqual(0.25);
          expect(x.confidence).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("refuses a metric of the wrong length and bad options naming the field", () => {
    expect(() => recommendByRule(periods, [{ entityId: "a", current: "A", metric: [1] }], { metricName: "revenue", classes: ["A", "C"] })).toThrow(
      new DomainError("entities[0].metric", "expected 4 values (one per period), got 1"),
    );
    expect(() => recommendByRule(periods, entities, { metricName: "revenue", classes: ["A"] })).toThrow(/options\.classes/);
    expect(() => recommendByRule(periods, entities, { metricName: "revenue", classes: ["A", "C"], margin: -1 })).toThrow(/options\.margin/);
  });
});

describe("plantDrift", () => {
  const company = generateDemoCompany({ seed: 3, products: 30, customers: 10, weeks: 20, suppliers: 3 });

  it("gives the drifting products the model product's lines from the given week, and leaves everyone else as generated", () => {
    const drifted = plantDrift(company, { entities: ["P0005", "P0006"], toBehaviourOf: "P0001", fromWeek: 12 });
    const of = (c: typeof company, id: string, from: number) => c.orderLines.filter((l) => l.productId === id && l.week >= from).map(({ productId: _, ...rest }) => rest);
    expect(of(drifted, "P0005", 12)).toEqual(of(company, "P0001", 12));
    expect(of(drifted, "P0006", 12)).toEqual(of(company, "P0001", 12));
    const before = (c: typeof company) => c.orderLines.filter((l) => l.productId === "P0005" && l.week < 12);
    expect(before(drifted)).toEqual(before(company));
    const untouched = (c: typeof company) => c.orderLines.filter((l) => !["P0005", "P0006"].includes(l.productId));
    expect(untouched(drifted)).toEqual(untouched(company));
  });

  it("does not change the company it is given (frozen input)", () => {
    const frozen = Object.freeze({ ...company, orderLines: Object.freeze([...company.orderLines]) as typeof company.orderLines });
    expect(() => plantDrift(frozen, { entities: ["C002"], toBehaviourOf: "C001", fromWeek: 5 })).not.toThrow();
    expect(frozen.orderLines).toEqual(company.orderLines);
  });

  it("refuses unknown or mixed ids and a week past the horizon, naming the field", () => {
    expect(() => plantDrift(company, { entities: ["P0005"], toBehaviourOf: "ZZZ", fromWeek: 3 })).toThrow(new DomainError("toBehaviourOf", '"ZZZ" is neither a product nor a customer of the company', "missing"));
    expect(() => plantDrift(company, { entities: ["C001"], toBehaviourOf: "P0001", fromWeek: 3 })).toThrow(/entities\[0\]/);
    expect(() => plantDrift(company, { entities: ["P0001"], toBehaviourOf: "P0001", fromWeek: 3 })).toThrow(/entities\[0\]/);
    expect(() => plantDrift(company, { entities: ["P0005"], toBehaviourOf: "P0001", fromWeek: 21 })).toThrow(/fromWeek/);
    expect(() => plantDrift(company, { entities: [], toBehaviourOf: "P0001", fromWeek: 3 })).toThrow(/entities/);
  });
});

describe("recommendByRule's words", () => {
  it("says how long the metric has really been past the bound, not the N periods judged", () => {
    const periods = ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"];
    const a = (id: string) => ({ entityId: id, current: "A", metric: [100, 110, 90, 105, 95, 100, 100, 100] });
    const c = (id: string, metric = [1, 1.2, 0.9, 1, 1.1, 1, 1, 1]) => ({ entityId: id, current: "C", metric });
    const { recommendations } = recommendByRule(periods, [a("a1"), a("a2"), a("a3"), c("c1"), c("c2"), c("c3"), c("two", [1, 1, 1, 1, 1, 1, 100, 100]), c("five", [1, 1, 1, 100, 100, 100, 100, 100])], {
      metricName: "revenue",
      classes: ["A", "C"],
      scale: "log",
      consecutivePeriods: 2,
    });
    expect(recommendations.map((r) => [r.entityId, r.run])).toEqual([
      ["two", 2],
      ["five", 5],
    ]);
    expect(recommendations[0].rule).toMatch(/in each of the last 2 periods; past the bound at the last 2 of the 8 periods read \(since P7\)$/);
    expect(recommendations[1].rule).toMatch(/; past the bound at the last 5 of the 8 periods read \(since P4\)$/);
    expect(recommendations[1].rule).not.toMatch(/after \d+ periods/);
  });
});
