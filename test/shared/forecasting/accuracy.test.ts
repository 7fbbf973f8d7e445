import fc from "fast-check";
import { forecastAccuracy, forecastError, naiveScale } from "../../../shared/src/forecasting";

describe("forecastAccuracy", () => {
  it("matches R's forecast::accuracy() on a small test set", () => {
    // R 4.2.2, forecast 8.20: train <- ts(c(10, 12, 11, 13, 15, 14)); f <- meanf(train, h = 3);
    // f$mean[] <- c(15, 14.5, 15.5); accuracy(f, c(16, 13, 18))["Test set", ]:
    // ME 0.666666666666667, RMSE 1.779513042005219, MAE 1.666666666666667, MAPE 10.559116809116809 (%), MASE 1.041666666666667.
    const a = forecastAccuracy([16, 13, 18], [15, 14.5, 15.5], { training: [10, 12, 11, 13, 15, 14] });
    expect(a.bias).toBeCloseTo(0.666666666666667, 12);
    expect(a.rmse).toBeCloseTo(1.779513042005219, 12);
    expect(a.mae).toBeCloseTo(1.666666666666667, 12);
    expect(a.mape! * 100).toBeCloseTo(10.559116809116809, 10);
    expect(a.mase).toBeCloseTo(1.041666666666667, 12);
  });

  it("WAPE, sMAPE, tracking signal, CFE and PIS on a hand-computed example", () => {
    // e = y − ŷ = 1, −1.5, 2.5: Σ|e| = 5, Σ|y| = 47 → WAPE 5/47; Σe = 2 = CFE; MAD 5/3 → TS = 2 / (5/3) = 1.2.
    // sMAPE = mean(2·1/31, 2·1.5/27.5, 2·2.5/33.5). PIS = −(1 + (1 − 1.5) + (1 − 1.5 + 2.5)) = −2.5 (cumulative shortage).
    const a = forecastAccuracy([16, 13, 18], [15, 14.5, 15.5]);
    expect(a.wape).toBeCloseTo(5 / 47, 12);
    expect(a.smape).toBeCloseTo((2 / 31 + 3 / 27.5 + 5 / 33.5) / 3, 12);
    expect(a.trackingSignal).toBeCloseTo(1.2, 12);
    expect(a.cfe).toBeCloseTo(2, 12);
    expect(a.pis).toBeCloseTo(-2.5, 12);
  });

  it("PIS counts units held over periods for an intermittent series (Wallström & Segerstedt 2010's definition)", () => {
    // Forecast 1 per period against demand 0, 0, 3: stock builds 1, 2, then 3 − 3 = 0 → PIS = 1 + 2 + 0 = 3, CFE = 0.
    const a = forecastAccuracy([0, 0, 3], [1, 1, 1]);
    expect(a.pis).toBe(3);
    expect(a.cfe).toBe(0);
  });

  it("MAPE skips zero actuals and says how many; WAPE stays defined", () => {
    const a = forecastAccuracy([0, 10, 0, 20], [1, 12, 0, 18]);
    expect(a.mapeSkipped).toBe(2);
    expect(a.mape).toBeCloseTo((0.2 + 0.1) / 2, 12);
    expect(a.wape).toBeCloseTo(5 / 30, 12);
    expect(a.smapeSkipped).toBe(1); // 0 against 0
  });

  it("scales MASE by the seasonal naive error when given a season length", () => {
    // training 1, 5, 2, 6, 3, 7 with m = 2: |2 − 1|, |6 − 5|, |3 − 2|, |7 − 6| → scale 1.
    expect(naiveScale([1, 5, 2, 6, 3, 7], 2)).toBe(1);
    expect(forecastAccuracy([4, 8], [5, 8], { training: [1, 5, 2, 6, 3, 7], seasonLength: 2 }).mase).toBeCloseTo(0.5, 12);
  });

  it("leaves out pairs with a blank, and counts them", () => {
    const a = forecastAccuracy([1, 2, null, 4], [null, 2, 3, 5]);
    expect(a.pairs).toBe(2);
    expect(a.blankPairs).toBe(2);
    expect(a.mae).toBe(0.5);
  });

  it("perfect forecasts have zero error and undefined tracking signal; zero variance → zero error", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 }), (y) => {
        const a = forecastAccuracy(y, y);
        expect([a.mae, a.rmse, a.bias, a.cfe, a.pis]).toEqual([0, 0, 0, 0, 0]);
        expect(a.trackingSignal).toBeNull();
      }),
    );
  });

  it("RMSE ≥ MAE ≥ |bias|, and |tracking signal| ≤ number of pairs", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: 1, maxLength: 30 }), (pairs) => {
        const a = forecastAccuracy(
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
        );
        expect(a.rmse + 1e-9).toBeGreaterThanOrEqual(a.mae);
        expect(a.mae + 1e-9).toBeGreaterThanOrEqual(Math.abs(a.bias));
        if (a.trackingSignal !== null) expect(Math.abs(a.trackingSignal)).toBeLessThanOrEqual(a.pairs + 1e-9);
      }),
    );
  });

  it.each([
    ['actuals[1]: must be a number, got "x"', () => forecastAccuracy([1, "x"], [1, 2])],
    ["forecasts[0]: must be a number, got NaN", () => forecastAccuracy([1, 2], [Number.NaN, 2])],
    ["forecasts: expected 2 values (one per actual), got 3", () => forecastAccuracy([1, 2], [1, 2, 3])],
    ["actuals: no period has both an actual and a forecast", () => forecastAccuracy([], [])],
    ["actuals: every actual is 0, so MAPE is undefined", () => forecastError([0, 0], [1, 1], "mape")],
    ['metric: Invalid option: expected one of "wape"', () => forecastError([1], [1], "r2" as "wape")],
  ])("refuses bad input: %s", (message, run) => {
    expect(run).toThrow(message);
  });
});

describe("forecastError", () => {
  it("defaults to WAPE and picks any one metric", () => {
    expect(forecastError([10, 20, 0], [12, 18, 1])).toBeCloseTo(5 / 30, 12);
    expect(forecastError([10, 20, 0], [12, 18, 1], "mae")).toBeCloseTo(5 / 3, 12);
    expect(forecastError([10, 20, 0], [12, 18, 1], "tracking_signal")).toBeCloseTo(-1 / (5 / 3), 12);
  });
});
