import { proposeReclassifications, type HysteresisRule } from "../../../shared/src";

const periods = ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8"];
// Revenue classes: A ≥ 100, B ≥ 20, else C; 10 % margin, 3 periods, 4 periods of dwell.
const rule: HysteresisRule = {
  metricName: "revenue",
  classes: ["A", "B", "C"],
  thresholds: [100, 20],
  margin: 0.1,
  consecutivePeriods: 3,
  minimumDwellPeriods: 4,
};
const allB = Array(8).fill("B");

describe("proposeReclassifications", () => {
  it("upgrades when the metric clears boundary + margin in each of the last N periods", () => {
    const { proposals } = proposeReclassifications({ periods, items: [{ itemId: "p1", classes: allB, metric: [50, 50, 50, 50, 50, 111, 120, 115] }] }, rule);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ itemId: "p1", from: "B", to: "A", change: "upgrade", period: "M8", bound: 110 });
    expect(proposals[0].evidence).toEqual([
      { period: "M6", value: 111 },
      { period: "M7", value: 120 },
      { period: "M8", value: 115 },
    ]);
    expect(proposals[0].rule).toBe("upgrade B→A: revenue ≥ 110 (boundary 100 + 10%) in each of the last 3 periods, after 8 periods in B");
  });

  it("does not flap on a metric that crosses the boundary but stays inside the margin band", () => {
    const { proposals, held } = proposeReclassifications({ periods, items: [{ itemId: "p1", classes: allB, metric: [95, 105, 98, 108, 101, 109, 105, 104] }] }, rule);
    expect(proposals).toEqual([]);
    expect(held).toEqual([]);
  });

  it("needs N consecutive periods: one dip resets", () => {
    const { proposals } = proposeReclassifications({ periods, items: [{ itemId: "p1", classes: allB, metric: [50, 50, 50, 50, 120, 120, 100, 120] }] }, rule);
    expect(proposals).toEqual([]);
  });

  it("downgrades below boundary − margin, and jumps two classes when every period clears both", () => {
    const { proposals } = proposeReclassifications(
      {
        periods,
        items: [
          { itemId: "down", classes: Array(8).fill("A"), metric: [150, 150, 150, 150, 150, 85, 80, 89] },
          { itemId: "jump", classes: Array(8).fill("A"), metric: [150, 150, 150, 150, 150, 10, 12, 17] },
          { itemId: "mixed", classes: Array(8).fill("A"), metric: [150, 150, 150, 150, 150, 10, 12, 50] },
        ],
      },
      rule,
    );
    expect(proposals.map((p) => [p.itemId, p.from, p.to, p.bound])).toEqual([
      ["down", "A", "B", 90],
      ["jump", "A", "C", 18],
      ["mixed", "A", "B", 90],
    ]);
  });

  it("holds a change back during minimum dwell and freeze windows, saying why", () => {
    const recent = ["C", "C", "C", "C", "C", "B", "B", "B"];
    const r1 = proposeReclassifications({ periods, items: [{ itemId: "p1", classes: recent, metric: [1, 1, 1, 1, 1, 150, 150, 150] }] }, rule);
    expect(r1.proposals).toEqual([]);
    expect(r1.held).toEqual([{ itemId: "p1", from: "B", to: "A", reason: "minimum dwell", detail: "in B for 3 of the 4 periods required" }]);
    const r2 = proposeReclassifications({ periods, items: [{ itemId: "p1", classes: allB, metric: [1, 1, 1, 1, 1, 150, 150, 150] }] }, { ...rule, freezePeriods: ["M8"] });
    expect(r2.held[0]).toMatchObject({ reason: "freeze window", to: "A" });
    const r3 = proposeReclassifications({ periods, asOf: "M7", items: [{ itemId: "p1", classes: allB, metric: [1, 1, 1, 1, 150, 150, 150, 1] }] }, { ...rule, freezePeriods: ["M8"] });
    expect(r3.proposals.map((p) => [p.to, p.period])).toEqual([["A", "M7"]]);
  });

  it("works for lower-is-better metrics (XYZ by CV) with an absolute margin", () => {
    const xyz: HysteresisRule = { metricName: "CV", classes: ["X", "Y", "Z"], thresholds: [0.5, 1], direction: "lowerIsBetter", margin: 0.05, marginType: "absolute", consecutivePeriods: 2, minimumDwellPeriods: 0 };
    const { proposals } = proposeReclassifications(
      {
        periods: ["Q1", "Q2", "Q3"],
        items: [
          { itemId: "p", classes: ["Y", "Y", "Y"], metric: [0.7, 0.44, 0.4] },
          { itemId: "q", classes: ["Y", "Y", "Y"], metric: [0.7, 1.06, 1.2] },
        ],
      },
      xyz,
    );
    expect(proposals.map((p) => [p.itemId, p.to, p.bound])).toEqual([
      ["p", "X", 0.45],
      ["q", "Z", 1.05],
    ]);
    expect(proposals[0].rule).toBe("upgrade Y→X: CV ≤ 0.45 (boundary 0.5 − 0.05) in each of the last 2 periods, after 3 periods in Y");
  });

  it("validates the rule and the histories, naming the field", () => {
    expect(() => proposeReclassifications({ periods, items: [] }, { ...rule, thresholds: [20, 100] })).toThrow("rule.thresholds[1]: must be below the previous threshold (higherIsBetter)");
    expect(() => proposeReclassifications({ periods, items: [] }, { ...rule, thresholds: [100] })).toThrow("rule.thresholds: expected 2 thresholds");
    expect(() => proposeReclassifications({ periods, items: [{ itemId: "p", classes: allB, metric: [1] }] }, rule)).toThrow("items[0].metric: expected 8 values (one per period), got 1");
    expect(() => proposeReclassifications({ periods, items: [{ itemId: "p", classes: Array(8).fill("Q"), metric: Array(8).fill(1) }] }, rule)).toThrow('items[0].classes[7]: "Q" is not one of A, B, C');
    expect(() => proposeReclassifications({ periods, items: [{ itemId: "p", classes: allB, metric: [1, 1, 1, 1, 1, 1, 1, Number.NaN] }] }, rule)).toThrow("items[0].metric[7]");
  });
});
