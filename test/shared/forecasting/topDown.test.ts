import fc from "fast-check";
import { DomainError } from "../../../shared/src/errors";
import { disaggregate, familyAggregate, historicalShares, selectForecastModel, topDownForecast } from "../../../shared/src/forecasting";
import { holdoutForecasts, holdoutForecastsByLevel, holdoutWeeks } from "../../../shared/src/kpi/holdoutForecasts";

// Gross & Sohl (1990), "Disaggregation methods to expedite product line forecasting", J. Forecasting 9(3): 233–254:
// method A p_i = (1/n) Σ_t y_it / Y_t; method F p_i = Σ_t y_it / Σ_t Y_t.
const family = new Map<string, number[]>([
  ["P1", [2, 0, 4, 2]],
  ["P2", [2, 4, 0, 6]],
  ["P3", [0, 0, 0, 0]],
]);

describe("top-down forecasting by historical proportions", () => {
  it("computes method A and method F shares by hand", () => {
    // Y = 4, 4, 4, 8. A: P1 (2/4 + 0/4 + 4/4 + 2/8) / 4 = 1.75 / 4 = 0.4375; P2 (0.5 + 1 + 0 + 0.75) / 4 = 0.5625.
    // F: P1 8 / 20 = 0.4; P2 12 / 20 = 0.6. P3 never sold: 0 by both.
    expect([...familyAggregate(family)]).toEqual([4, 4, 4, 8]);
    const a = historicalShares(family, "A");
    expect(a.get("P1")).toBeCloseTo(0.4375, 12);
    expect(a.get("P2")).toBeCloseTo(0.5625, 12);
    expect(a.get("P3")).toBe(0);
    const f = historicalShares(family, "F");
    expect(f.get("P1")).toBeCloseTo(0.4, 12);
    expect(f.get("P2")).toBeCloseTo(0.6, 12);
    expect(f.get("P3")).toBe(0);
  });

  it("method A leaves out periods without family demand, which have no proportion", () => {
    // Y = 0, 3, 1: periods 2 and 3 only. P1 (1/3 + 1/1) / 2 = 2/3; P2 (2/3 + 0) / 2 = 1/3.
    const s = historicalShares(
      new Map([
        ["P1", [0, 1, 1]],
        ["P2", [0, 2, 0]],
      ]),
      "A",
    );
    expect(s.get("P1")).toBeCloseTo(2 / 3, 12);
    expect(s.get("P2")).toBeCloseTo(1 / 3, 12);
  });

  it("splits a family forecast by the shares: 10, 20 with F gives P1 4, 8 and P2 6, 12", () => {
    const items = disaggregate([10, 20], historicalShares(family, "F"));
    expect(items.get("P1")![0]).toBeCloseTo(4, 12);
    expect(items.get("P1")![1]).toBeCloseTo(8, 12);
    expect(items.get("P2")![1]).toBeCloseTo(12, 12);
    expect(items.get("P3")).toEqual([0, 0]);
  });

  it("forecasts the aggregate with the same automatic selection an item gets", () => {
    const td = topDownForecast(family, { horizon: 3, method: "A" });
    const direct = selectForecastModel([4, 4, 4, 8], { horizon: 3 });
    expect(td.family.method).toBe(direct.method);
    expect(td.family.model.forecast).toEqual(direct.model.forecast);
    expect(td.items.get("P2")!.forecast[0]).toBeCloseTo(0.5625 * direct.model.forecast[0], 12);
    expect(td.items.get("P3")!.forecast).toEqual([0, 0, 0]);
  });

  const histories = fc
    .record({ items: fc.integer({ min: 1, max: 6 }), periods: fc.integer({ min: 10, max: 20 }) })
    .chain(({ items, periods }) => fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: periods, maxLength: periods }), { minLength: items, maxLength: items }))
    .map((rows) => new Map(rows.map((r, i) => [`P${i + 1}`, r])));

  it.each(["A", "F"] as const)("method %s: shares are non-negative and sum to 1, items without history get 0, item forecasts sum to the family forecast", (method) => {
    fc.assert(
      fc.property(histories, (h) => {
        const td = topDownForecast(h, { horizon: 4, method });
        const demand = td.aggregate.some((y) => y > 0);
        let sum = 0;
        for (const [id, share] of td.shares) {
          expect(share).toBeGreaterThanOrEqual(0);
          if (h.get(id)!.every((y) => y === 0)) expect(share).toBe(0);
          sum += share;
        }
        expect(sum).toBeCloseTo(demand ? 1 : 0, 9);
        if (!demand) return;
        td.family.model.forecast.forEach((total, k) => {
          const items = [...td.items.values()].reduce((s, item) => s + item.forecast[k], 0);
          expect(items).toBeCloseTo(total, 6);
        });
      }),
      { numRuns: 60 },
    );
  });

  it("names the item and period of a bad value", () => {
    expect(() => historicalShares(new Map([["P1", [1, -2]]]), "F")).toThrow(DomainError);
    expect(() => historicalShares(new Map([["P1", [1, -2]]]), "F")).toThrow(/histories\["P1"\]\[1\]/);
    expect(() =>
      familyAggregate(
        new Map([
          ["P1", [1, 2]],
          ["P2", [1]],
        ]),
      ),
    ).toThrow(/histories\["P2"\].*expected 2 periods/);
  });
});

describe("hold-out forecasts at the policy's level (the forecast WAPE KPI)", () => {
  it("forecasts family members top-down on the weeks before the hold-out and the others item by item", () => {
    const weeks = 30;
    const series = new Map<string, Float64Array>(
      [
        ["P1", (w: number) => (w % 3 === 0 ? 6 : 0)],
        ["P2", (w: number) => (w % 2 === 0 ? 4 : 1)],
        ["P3", (w: number) => 10 + (w % 5)],
      ].map(([id, f]) => [id as string, Float64Array.from({ length: weeks }, (_, w) => (f as (w: number) => number)(w))]),
    );
    const familyOf = (id: string) => (id === "P3" ? null : "Fasteners");
    const { items, families } = holdoutForecastsByLevel(series, ["P1", "P2", "P3"], weeks, familyOf);
    const holdout = holdoutWeeks(weeks);
    expect(holdout).toBe(10);
    // The item-level product is forecast as holdoutForecasts does.
    expect(items.get("P3")).toEqual(holdoutForecasts(series, ["P3"], weeks).get("P3"));
    const fasteners = families.get("Fasteners")!;
    expect(fasteners.members).toEqual(["P1", "P2"]);
    const training = new Map([...series].filter(([id]) => id !== "P3").map(([id, s]) => [id, s.subarray(0, weeks - holdout)]));
    const shares = historicalShares(training, "A");
    fasteners.forecast.forEach((total, h) => {
      expect(items.get("P1")!.forecast[h]).toBeCloseTo(shares.get("P1")! * total, 12);
      expect(items.get("P1")!.forecast[h] + items.get("P2")!.forecast[h]).toBeCloseTo(total, 9);
      expect(fasteners.actual[h]).toBe(series.get("P1")![weeks - holdout + h] + series.get("P2")![weeks - holdout + h]);
    });
  });
});
