/** The plain rationale of a recommendation, on objects as the service answers them (a merged rule + model one taken from a planted-drift run). */
import type { Recommendation } from "../../../shared/src/api";
import { describeRecommendation, featureLabel, realImpact } from "../../../shared/src/ml";

const en = (v: number, o?: Intl.NumberFormatOptions) => new Intl.NumberFormat("en-GB", o).format(v);
const de = (v: number, o?: Intl.NumberFormatOptions) => new Intl.NumberFormat("de-DE", o).format(v);

/** GET /recommendations of a planted-drift product, rule and model merged (recommendationMerge.test.ts). */
const MERGED: Recommendation = {
  id: "0a791223-8517-490a-8c7f-ed71ebda3d53",
  changeRequestId: "52c77032-1dea-4023-a5b5-83fba2b2ec3a",
  dimension: "product",
  source: "rule",
  sources: ["rule", "model"],
  entityId: "P0198",
  entityName: "Pro pallet strap 23 micron",
  direction: "upgrade",
  from: "BX",
  to: "AX",
  confidence: 0.8333,
  confidenceKind: "persistence",
  confidences: [
    {
      source: "rule",
      kind: "persistence",
      value: 0.8333,
      to: "AX",
    },
    {
      source: "model",
      kind: "probability",
      value: 0.997774,
      to: "AX",
    },
  ],
  status: "pending",
  decisionReason: null,
  rationale: [
    {
      feature: "revenue per period",
      part: "abc",
      value: 43325.766667,
      targetSegment: "A",
      targetRange: {
        members: 88,
        p10: 2006.011077,
        p25: 2812.009423,
        median: 3952.831154,
        p75: 7694.505385,
        p90: 13828.791077,
      },
      boundary: 1990.89951,
      bound: 2488.624388,
      periodsPast: 5,
      evidence: [
        {
          period: "W41-W44",
          value: 40166.21,
        },
        {
          period: "W45-W48",
          value: 38347.1,
        },
        {
          period: "W49-W52",
          value: 51463.99,
        },
      ],
      source: "rule",
    },
    {
      feature: "lines_per_order",
      value: 2.960784,
      targetSegment: "AX",
      targetRange: {
        members: 41,
        p10: 1.352941,
        p25: 1.538462,
        median: 2.211538,
        p75: 3.480769,
        p90: 4.288462,
      },
      currentRange: {
        members: 33,
        p10: 1.213231,
        p25: 1.346154,
        median: 1.576923,
        p75: 2.098039,
        p90: 2.921569,
      },
      source: "rule",
    },
    {
      feature: "revenue",
      part: "abc",
      value: 129977.3,
      standardised: 2.464371,
      logOddsContribution: 8.107201,
      targetSegment: "A",
      targetRange: {
        members: 88,
        p10: 5920.709,
        p25: 7355.62,
        median: 11816.195,
        p75: 20765.4975,
        p90: 45807.886,
      },
      currentRange: {
        members: 113,
        p10: 0,
        p25: 1696.87,
        median: 2676.99,
        p75: 4511.07,
        p90: 6594.046,
      },
      source: "model",
    },
    {
      feature: "order_frequency",
      part: "abc",
      value: 1,
      standardised: 1.205062,
      logOddsContribution: 0.555533,
      targetSegment: "A",
      targetRange: {
        members: 88,
        p10: 0.25,
        p25: 0.833333,
        median: 1,
        p75: 1,
        p90: 1,
      },
      currentRange: {
        members: 113,
        p10: 0,
        p25: 0.333333,
        median: 0.75,
        p75: 1,
        p90: 1,
      },
      source: "model",
    },
    {
      feature: "lines_per_order",
      part: "abc",
      value: 5.25,
      standardised: 1.03568,
      logOddsContribution: 0.318449,
      targetSegment: "A",
      targetRange: {
        members: 87,
        p10: 1.466667,
        p25: 1.713636,
        median: 2.583333,
        p75: 3.875,
        p90: 6.283636,
      },
      currentRange: {
        members: 100,
        p10: 1,
        p25: 1.333333,
        median: 1.75,
        p75: 2.75,
        p90: 5.25,
      },
      source: "model",
    },
  ],
  impact: {
    safetyStock: {
      units: {
        from: 1011.786759,
        to: 1263.307518,
      },
      value: {
        from: 21844.476122,
        to: 27274.809322,
        change: 5430.333201,
      },
      basis: {
        weeklyDemandMean: 261.557692,
        weeklyDemandSd: 350.173986,
        leadTimeWeeks: 3.085714,
        unitCost: 21.59,
        leadTimeFrom: "supplier",
      },
    },
    serviceLevel: {
      from: 0.95,
      to: 0.98,
    },
    fillRate: {
      from: 0.97,
      to: 0.99,
    },
    costToServe: null,
    costToServeNote: "not computed: no activity cost rates are stored",
  },
  dataWindow: {
    fromWeek: 1,
    toWeek: 52,
    periodWeeks: 4,
    periods: ["W1-W4", "W5-W8", "W9-W12", "W13-W16", "W17-W20", "W21-W24", "W25-W28", "W29-W32", "W33-W36", "W37-W40", "W41-W44", "W45-W48", "W49-W52"],
  },
  modelId: "16ef206c-3167-40d8-adef-56381eb7eb53",
  createdAt: "2026-12-03T20:41:21.395Z",
};

/** A rule-only downgrade with the raw boundary floats the queue used to show. */
const DOWNGRADE: Recommendation = {
  ...MERGED,
  id: "r2",
  entityId: "P0010",
  entityName: "Steel hinge 40 mm",
  source: "rule",
  sources: ["rule"],
  direction: "downgrade",
  from: "AX",
  to: "BX",
  confidence: 0.625,
  confidenceKind: "persistence",
  confidences: [{ source: "rule", kind: "persistence", value: 0.625, to: "BX" }],
  modelId: null,
  rationale: [
    {
      feature: "revenue per period",
      part: "abc",
      value: 1500.3344,
      targetSegment: "B",
      targetRange: { members: 20, p10: 900.12, p25: 1100, median: 1500, p75: 1900, p90: 2400.999 },
      boundary: 2531.201539684266,
      bound: 1898.4011547631997,
      periodsPast: 3,
      evidence: [
        { period: "W15-W18", value: 1400.1 },
        { period: "W19-W22", value: 1600.2 },
        { period: "W23-W26", value: 1500.7 },
      ],
    },
    {
      feature: "margin_pct",
      value: 0.12345,
      targetSegment: "BX",
      targetRange: { members: 20, p10: 0.08, p25: 0.1, median: 0.12, p75: 0.14, p90: 0.15 },
      currentRange: { members: 10, p10: 0.2, p25: 0.25, median: 0.3, p75: 0.33, p90: 0.35 },
    },
    {
      feature: "margin_pct",
      value: 0.12345,
      targetSegment: "BX",
      targetRange: { members: 20, p10: 0.08, p25: 0.1, median: 0.12, p75: 0.14, p90: 0.15 },
      currentRange: { members: 10, p10: 0.2, p25: 0.25, median: 0.3, p75: 0.33, p90: 0.35 },
    },
    { feature: "demand_cov", value: 0.8123, targetSegment: "BX", targetRange: { members: 20, p10: 0.6, p25: 0.65, median: 0.7, p75: 0.8, p90: 0.9 } },
  ],
  impact: { serviceLevel: { from: 0.9, to: 0.9 }, fillRate: { from: 0.97, to: 0.95 }, safetyStock: null, costToServe: null },
  dataWindow: { fromWeek: 3, toWeek: 26, periodWeeks: 4, periods: ["W3-W6", "W7-W10", "W11-W14", "W15-W18", "W19-W22", "W23-W26"] },
};

describe("describeRecommendation", () => {
  it("says a merged recommendation: who, the move, the rule's threshold and persistence, the model's probability and features, the impact", () => {
    expect(describeRecommendation(MERGED, en)).toEqual([
      "P0198 (Pro pallet strap 23 micron): BX → AX, an upgrade.",
      "Revenue per period has been above 2,489 (the boundary 1,991 plus a 25% margin) for the last 5 periods of 4 weeks; it averaged 43,326, which puts it in A.",
      "Rule persistence score 83% (how long and how far past the threshold; not a probability).",
      "The model gives P0198 a 100% probability of leaving its class, most likely for A.",
      "Revenue over the window 129,977 is typical of A (usually 5,921–45,808; its current class 0–6,594).",
      "Share of weeks with an order 100% is typical of A (usually 25%–100%; its current class 0%–100%).",
      "Lines per order 5.3 is typical of A (usually 1.5–6.3; its current class 1–5.3).",
      "If approved: service level 95% → 98%; fill rate 97% → 99%; safety stock 1,012 → 1,263 units, +5,430 in value.",
    ]);
  });

  it("rounds the boundary floats, names features, leaves out non-changes and says each sentence once", () => {
    const text = describeRecommendation(DOWNGRADE, en);
    expect(text).toEqual([
      "P0010 (Steel hinge 40 mm): AX → BX, a downgrade.",
      "Revenue per period has been below 1,898 (the boundary 2,531 less a 25% margin) for the last 3 periods of 4 weeks; it averaged 1,500, which puts it in B.",
      "Rule persistence score 63% (how long and how far past the threshold; not a probability).",
      "Margin 12% fits BX (usually 8%–15%; its current class 20%–35%).",
      "Demand variability (CoV) 0.81 fits BX (usually 0.6–0.9).",
      "If approved: fill rate 97% → 95%.",
    ]);
  });

  it("formats numbers with the injected formatter (the workbook's locale)", () => {
    expect(describeRecommendation(DOWNGRADE, de)[1]).toBe("Revenue per period has been below 1.898 (the boundary 2.531 less a 25\u00a0% margin) for the last 3 periods of 4 weeks; it averaged 1.500, which puts it in B.");
  });

  it("says how long the model has read the entity as leaving its class, from the windows it read", () => {
    const time = { feature: "probability of leaving", source: "model" as const, part: "abc", value: 1, targetSegment: "A", currentClass: "B", windowStep: 4 };
    const said = (windowsLeaving: number, sinceWeek: number) => describeRecommendation({ ...MERGED, rationale: [{ ...time, windowsLeaving, sinceWeek }, ...MERGED.rationale] }, en);
    expect(said(5, 36)).toContain("It has looked like leaving B in each of the last 5 windows, one every 4 weeks (since the window ending week 36).");
    expect(said(1, 52)).toContain("It has looked like leaving B in the latest window only.");
    // Not a feature: the time is not said again as one of the model's reasons.
    expect(said(5, 36).filter((x) => x.startsWith("Probability of leaving"))).toEqual([]);
  });

  it("shows a disagreement: the model's other segment, and which one approval applies", () => {
    const disagreeing: Recommendation = { ...MERGED, confidences: [MERGED.confidences[0], { ...MERGED.confidences[1], to: "BZ" }] };
    expect(describeRecommendation(disagreeing, en)).toContain("The model proposes BZ instead; the rule's AX is what approval applies.");
  });

  it("names a model-only recommendation's confidence a probability and never a persistence score", () => {
    const model: Recommendation = {
      ...MERGED,
      source: "model",
      sources: ["model"],
      confidence: 0.91234,
      confidenceKind: "probability",
      confidences: [{ source: "model", kind: "probability", value: 0.91234, to: "AX" }],
      rationale: MERGED.rationale.filter((r) => r.source === "model").map(({ source: _source, ...r }) => r),
    };
    const text = describeRecommendation(model, en).join(" ");
    expect(text).toContain("The model gives P0198 a 91% probability of leaving its class, most likely for A.");
    expect(text).not.toContain("persistence");
  });
});

describe("feature labels and impacts", () => {
  it("has a readable label for every feature id and rule metric", () => {
    for (const id of ["revenue", "margin_pct", "order_frequency", "lines_per_order", "demand_cov", "returns_rate", "revenue per period", "weekly revenue", "CoV of weekly units"])
      expect(featureLabel(id).label).not.toMatch(/_/);
    expect(featureLabel("new_feature").label).toBe("new feature");
  });

  it("drops a service level, fill rate or safety stock that does not change", () => {
    expect(realImpact({ serviceLevel: { from: 0.9, to: 0.9 }, fillRate: { from: 0.9, to: 0.95 }, safetyStock: { units: { from: 10, to: 10 }, value: { from: 5, to: 5, change: 0 } } })).toEqual({
      fillRate: { from: 0.9, to: 0.95 },
    });
    expect(realImpact(null)).toBeNull();
  });
});
