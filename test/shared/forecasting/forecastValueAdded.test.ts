import { forecastValueAdded } from "../../../shared/src/forecasting";

/*
 * Forecast value added (Gilliland 2010, "The Business Forecasting Deal"):
 * FVA = error(statistical) − error(reviewed); WAPE = Σ|A − F| / ΣA.
 */
describe("forecastValueAdded", () => {
  it("measures MAE and WAPE of both forecasts per segment and their difference (by hand)", () => {
    const out = forecastValueAdded([
      // AX: the review moved 100 → 120 where 130 came: |30| → |10|; the accepted line keeps its error |5|.
      { segment: "AX", statistical: 100, reviewed: 120, actual: 130, adjusted: true },
      { segment: "AX", statistical: 50, reviewed: 50, actual: 45, adjusted: false },
      // BY: the review made it worse: |10| → |30|.
      { segment: "BY", statistical: 90, reviewed: 110, actual: 80, adjusted: true },
    ]);
    expect(out.segments.map((s) => s.segment)).toEqual(["AX", "BY"]);
    const [ax, by] = out.segments;
    expect(ax).toMatchObject({ lines: 2, adjusted: 1, actual: 175, statisticalMae: 17.5, reviewedMae: 7.5, fvaMae: 10 });
    expect(ax.statisticalWape).toBeCloseTo(35 / 175, 12);
    expect(ax.reviewedWape).toBeCloseTo(15 / 175, 12);
    expect(ax.fvaWape).toBeCloseTo(20 / 175, 12);
    expect(by).toMatchObject({ lines: 1, statisticalMae: 10, reviewedMae: 30, fvaMae: -20 });
    expect(by.fvaWape).toBeCloseTo(-20 / 80, 12);
    expect(out.total).toMatchObject({ lines: 3, adjusted: 2, actual: 255, statisticalMae: 15, reviewedMae: 15, fvaMae: 0 });
    expect(out.total.fvaWape).toBeCloseTo(0, 12);
  });

  it("has no WAPE where nothing was ordered, and refuses a negative figure naming the line", () => {
    const out = forecastValueAdded([{ segment: "CZ", statistical: 2, reviewed: 0, actual: 0, adjusted: true }]);
    expect(out.total).toMatchObject({ statisticalWape: null, reviewedWape: null, fvaWape: null, fvaMae: 2 });
    expect(() => forecastValueAdded([{ segment: "CZ", statistical: 1, reviewed: -1, actual: 0, adjusted: true }])).toThrow("lines[0].reviewed: must be a number ≥ 0, got -1");
  });
});
