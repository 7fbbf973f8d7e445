import fc from "fast-check";
import { candidatesFor, forecastErrorVariability, forecastExceptions, forecastGovernanceSchema, INTERMITTENT_METHODS, selectForecastModel, ses } from "../../../shared/src/forecasting";
import { generateDemoCompany } from "../../../shared/src/demo";
import { forecastDemoCompany } from "../../../shared/src/forecasting/forecastDemoCompany";

describe("selectForecastModel", () => {
  it("picks among Croston-type methods for intermittent demand and exponential smoothing for smooth demand", () => {
    const intermittent = [0, 3, 0, 0, 2, 0, 0, 0, 4, 0, 0, 1, 0, 0, 3, 0, 0, 2, 0, 0, 0, 5, 0, 1];
    const smooth = Array.from({ length: 30 }, (_, t) => 100 + 2 * t + (t % 3) - 1);
    const a = selectForecastModel(intermittent, { horizon: 3 });
    expect(a.pattern).toBe("intermittent");
    expect(INTERMITTENT_METHODS.has(a.method)).toBe(true);
    expect(a.model.forecast).toHaveLength(3);
    const b = selectForecastModel(smooth, { horizon: 2 });
    expect(b.pattern).toBe("smooth");
    expect(["ses", "holt", "damped"]).toContain(b.method);
    // A clean linear trend: the trend models beat SES on the hold-out.
    expect(b.method).not.toBe("ses");
  });

  it("scores every candidate on the hold-out and picks the lowest score", () => {
    const y = Array.from({ length: 40 }, (_, t) => 50 + 10 * Math.sin(t / 3) + t);
    const s = selectForecastModel(y, { holdout: 6 });
    const scored = s.candidates.filter((c) => c.score !== null);
    expect(scored.length).toBe(3);
    expect(s.candidates.find((c) => c.method === s.method)!.score).toBe(Math.min(...scored.map((c) => c.score!)));
  });

  it("adds Holt-Winters when a season length is given and two seasons fit in the training data", () => {
    expect(candidatesFor("smooth", 30, 12)).toContain("hw");
    expect(candidatesFor("smooth", 20, 12)).not.toContain("hw");
    expect(candidatesFor("lumpy", 30, 12)).toEqual(["croston", "sba", "tsb"]);
  });

  it("follows a segment policy that names a method instead of selecting", () => {
    const s = selectForecastModel([5, 6, 5, 7, 6, 5, 6, 7], { policyMethod: "ma" });
    expect(s.method).toBe("ma");
    expect(s.holdout).toBe(0);
  });

  it("a zero series forecasts zero; forecasts are finite", () => {
    expect(selectForecastModel(new Array(20).fill(0), { horizon: 2 }).model.forecast).toEqual([0, 0]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 60 }), (y) => {
        for (const f of selectForecastModel(y, { horizon: 3 }).model.forecast) expect(Number.isFinite(f)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("refuses negative demand when intermittent candidates are in play, naming the period", () => {
    expect(() => selectForecastModel([0, 0, 3, -1, 0, 2, 0, 0], { candidates: ["croston", "sba"] })).toThrow("history[3]: must be ≥ 0 (demand; net returns first), got -1");
  });
});

describe("auto-selection on the demo company", () => {
  it("gives intermittent and lumpy items an intermittent method and reports WAPE per segment", () => {
    const company = generateDemoCompany({ products: 120, customers: 40, weeks: 104 });
    const report = forecastDemoCompany(company, { holdout: 13 });
    const intermittentItems = report.items.filter((i) => i.pattern === "intermittent" || i.pattern === "lumpy");
    expect(intermittentItems.length).toBeGreaterThan(0);
    for (const item of intermittentItems) expect(INTERMITTENT_METHODS.has(item.method)).toBe(true);
    expect(report.segments.length).toBeGreaterThan(0);
    for (const s of report.segments) {
      expect(s.items).toBeGreaterThan(0);
      if (s.wape !== null) expect(s.wape).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("forecastErrorVariability", () => {
  it("is the RMSE of one-step errors, times √L (hand-computed)", () => {
    // errors 11 − 10 = 1 and 10 − 12 = −2: σ₁ = √(5/2); L = 4 → σ_L = 2σ₁.
    const v = forecastErrorVariability({ fitted: [null, 10, 12] }, [9, 11, 10], 4);
    expect(v.oneStepRmse).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(v.leadTimeSd).toBeCloseTo(2 * Math.sqrt(2.5), 12);
    expect(v.periods).toBe(2);
  });

  it("zero variance → zero; refuses a negative lead time", () => {
    const y = new Array(10).fill(7);
    expect(forecastErrorVariability(ses(y), y, 3).leadTimeSd).toBe(0);
    expect(() => forecastErrorVariability(ses(y), y, -1)).toThrow("leadTime: must be ≥ 0, got -1");
  });
});

describe("forecastExceptions", () => {
  it("flags items over their segment's thresholds and ranks them by value at risk", () => {
    const list = forecastExceptions([
      { id: "P1", segment: "A", actuals: [10, 10], forecasts: [5, 5], unitValue: 3 }, // WAPE 0.5 > 0.2, VaR 10 × 3 = 30
      { id: "P2", segment: "A", actuals: [100, 100], forecasts: [60, 60], unitValue: 1 }, // WAPE 0.4, VaR 80
      { id: "P3", segment: "C", actuals: [10, 10], forecasts: [5, 5], unitValue: 100 }, // WAPE 0.5 ≤ 0.6: no exception
      { id: "P4", segment: "A", actuals: [10, 10], forecasts: [10, 9.5], unitValue: 1 }, // WAPE 0.025, TS 2: no exception
    ]);
    expect(list.map((e) => e.id)).toEqual(["P2", "P1"]);
    expect(list[0].valueAtRisk).toBe(80);
    expect(list[1].reasons).toEqual(["WAPE 0.500 > 0.2"]); // tracking signal 10 / 5 = 2 stays within 4
  });

  it("names the item of a bad value", () => {
    expect(() => forecastExceptions([{ id: "P1", segment: "A", actuals: [1, "x"], forecasts: [1, 2], unitValue: 1 }])).toThrow('items[0].actuals[1]: must be a number, got "x"');
    expect(() => forecastExceptions([{ id: "P1", segment: "A", actuals: [1], forecasts: [1], unitValue: -1 }])).toThrow("items[0].unitValue: must be ≥ 0");
  });
});

describe("forecastGovernanceSchema", () => {
  it("fills defaults and refuses unknown roles", () => {
    expect(forecastGovernanceSchema.parse({ segment: "A*" })).toMatchObject({ overrideAllowedBy: ["demand planner"], consensusCadence: "monthly" });
    expect(forecastGovernanceSchema.safeParse({ segment: "A*", overrideAllowedBy: ["intern"] }).success).toBe(false);
  });
});
