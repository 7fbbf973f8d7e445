import fc from "fast-check";
import { croston, dampedTrend, fitForecastModel, holt, holtWinters, MODEL_METHODS, movingAverage, sba, sbj, seasonalNaive, ses, tsb, type ModelMethod } from "../../../shared/src/forecasting";
import reference from "../../fixtures/forecasting/r_forecast_reference.json";

/*
 * Reference values: R 4.2.2 with the forecast package 8.20 (Hyndman et al.),
 * computed by test/fixtures/forecasting/r_forecast_reference.R; each case
 * records its exact R call. forecast's initial = "simple" uses the same
 * states-before-the-first-observation convention as Tierline.
 */
interface ReferenceCase {
  call: string;
  series: number[];
  fitted: Array<number | null>;
  forecast: number[];
  h: number;
  alpha?: number;
  beta?: number;
  gamma?: number;
  phi?: number;
  sse?: number;
}
const cases = reference.cases as unknown as Record<string, ReferenceCase>;

function expectClose(actual: ReadonlyArray<number | null>, expected: ReadonlyArray<number | null>, relative = 1e-9) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (e === null || a === null) return;
    expect(Math.abs(a - e)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(e)));
  });
}

describe("worked examples against R's forecast package (fixed parameters: same recursion, same numbers)", () => {
  it.each([
    ["ses_nile_fixed", "ses", {}],
    ["holt_austres_fixed", "holt", {}],
    ["damped_wwwusage_fixed", "damped", {}],
    ["hw_nottem_fixed", "hw", { seasonLength: 12 }],
  ] as const)("%s", (name, method, extra) => {
    const r = cases[name];
    const model = fitForecastModel(r.series, method, { horizon: r.h, alpha: r.alpha, beta: r.beta, gamma: r.gamma, phi: r.phi, ...extra });
    expectClose(model.fitted, r.fitted);
    expectClose(model.forecast, r.forecast);
    expect(model.estimated).toEqual([]);
    if (r.sse !== undefined) expect(model.sse).toBeCloseTo(r.sse, 6);
  });

  it("Croston on an intermittent series, α = β = 0.2 (R: croston(y, h = 3, alpha = 0.2))", () => {
    const r = cases.croston_fixed;
    const model = croston(r.series, { alpha: 0.2, horizon: 3 });
    // Demand first occurs in period 3 (1-based): no forecast through it. R's croston() shows 0 for the periods before
    // any demand and NA for period 1; Tierline's convention is "no forecast before the first demand", so null.
    expect(model.fitted.slice(0, 3)).toEqual([null, null, null]);
    expectClose(model.fitted.slice(3), r.fitted.slice(3));
    expectClose(model.forecast, r.forecast);
    expect(model.fitted[3]).toBe(1); // z = 3 at position p = 3: 3 / 3
  });

  it("SBA and SBJ are Croston times 1 − β/2 and 1 − β/(2 − β) (Syntetos & Boylan 2005; Shale et al. 2006)", () => {
    const r = cases.croston_fixed;
    const base = croston(r.series, { alpha: 0.2 }).forecast[0];
    expect(sba(r.series, { alpha: 0.2 }).forecast[0]).toBeCloseTo(base * 0.9, 12);
    expect(sbj(r.series, { alpha: 0.2 }).forecast[0]).toBeCloseTo(base * (1 - 0.2 / 1.8), 12);
  });
});

describe("parameter estimation: in-sample squared one-step error at least as low as R's optim (L-BFGS-B) finds", () => {
  it.each([
    ["ses_nile_estimated", "ses", {}],
    ["holt_austres_estimated", "holt", {}],
    ["hw_nottem_estimated", "hw", { seasonLength: 12 }],
  ] as const)("%s", (name, method, extra) => {
    const r = cases[name];
    const model = fitForecastModel(r.series, method, { horizon: r.h, ...extra });
    expect(model.sse).toBeLessThanOrEqual(r.sse! * (1 + 1e-7));
    // Same minimum, so the same constants to the precision the SSE surface allows, and forecasts within 0.01 %.
    expect(model.parameters.alpha).toBeCloseTo(r.alpha!, 2);
    if (r.beta !== undefined) expect(model.parameters.beta).toBeCloseTo(r.beta, 2);
    if (r.gamma !== undefined) expect(model.parameters.gamma).toBeCloseTo(r.gamma, 2);
    expectClose(model.forecast, r.forecast, 1e-4);
    expect(model.estimated.length).toBeGreaterThan(0);
  });

  it("uses given parameters as given and estimates only the rest", () => {
    const r = cases.holt_austres_estimated;
    const model = holt(r.series, { beta: 0.1 });
    expect(model.parameters.beta).toBe(0.1);
    expect(model.estimated).toEqual(["alpha"]);
  });
});

describe("conventions and hand-computed examples", () => {
  it("SES: ℓ₀ = y₀, so the first fitted value is y₀", () => {
    // Hand-computed: ℓ = 10 → 10 → 11 → 11; fitted 10, 10, 11.
    const model = ses([10, 12, 11], { alpha: 0.5 });
    expect(model.fitted).toEqual([10, 10, 11]);
    expect(model.forecast).toEqual([11]);
  });

  it("Holt: b₀ = y₁ − y₀, so the first fitted value is ℓ₀ + b₀ = y₁; α = 1, β = 0 follows a line", () => {
    const model = holt([1, 2, 3, 4], { alpha: 1, beta: 0, horizon: 2 });
    expect(model.fitted).toEqual([2, 2, 3, 4]);
    expect(model.forecast).toEqual([5, 6]);
  });

  it("damped trend: the trend fades by φ per step (hand-computed)", () => {
    // α = β = 1: ℓ follows y and b = ℓ_t − ℓ_{t−1} = 1 at the end; forecasts 3 + 0.5, 3 + 0.5 + 0.25.
    expect(dampedTrend([1, 2, 3], { alpha: 1, beta: 1, phi: 0.5, horizon: 2 }).forecast).toEqual([3.5, 3.75]);
  });

  it("Holt-Winters: a purely seasonal series is fitted exactly from its simple start", () => {
    // ℓ₀ = 2, b₀ = 0, s = −1, +1: every error is 0.
    const model = holtWinters([1, 3, 1, 3, 1, 3], { seasonLength: 2, alpha: 0.5, beta: 0, gamma: 0.5, horizon: 3 });
    expect(model.fitted).toEqual([1, 3, 1, 3, 1, 3]);
    expect(model.forecast).toEqual([1, 3, 1]);
  });

  it("Croston, SBA, SBJ on 0, 4, 0, 0, 2 with α = β = 0.5 (hand-computed)", () => {
    // First demand 4 at position 2: z = 4, p = 2 → 2 per period. Next demand 2 after 3 periods:
    // z = 4 + 0.5(2 − 4) = 3, p = 2 + 0.5(3 − 2) = 2.5 → 1.2; SBA × 0.75 = 0.9; SBJ × (1 − 0.5/1.5) = 0.8.
    const c = croston([0, 4, 0, 0, 2], { alpha: 0.5 });
    expect(c.fitted).toEqual([null, null, 2, 2, 2]);
    expect(c.forecast[0]).toBeCloseTo(1.2, 12);
    expect(sba([0, 4, 0, 0, 2], { alpha: 0.5 }).forecast[0]).toBeCloseTo(0.9, 12);
    expect(sbj([0, 4, 0, 0, 2], { alpha: 0.5 }).forecast[0]).toBeCloseTo(0.8, 12);
    expect(sba([0, 4, 0, 0, 2], { alpha: 0.5 }).fitted[2]).toBeCloseTo(1.5, 12);
  });

  it("Croston: β defaults to α, and a given β smooths the interval alone", () => {
    expect(croston([0, 4, 0, 0, 2], { alpha: 0.5 }).parameters).toEqual({ alpha: 0.5, beta: 0.5 });
    // β = 0 keeps p = 2: z = 3 → 1.5.
    expect(croston([0, 4, 0, 0, 2], { alpha: 0.5, beta: 0 }).forecast[0]).toBeCloseTo(1.5, 12);
  });

  it("TSB on 0, 4, 0, 0, 2 with α = β = 0.5 (hand-computed from Teunter et al. 2011 with the start-up of tier-functions.md rev. 2)", () => {
    // Contract: z₀ = 4 (the first demand), p₀ = 1/2 (its position 2), both before period 1; p updated every period:
    // period 1 (0): p = ½ − ½·½ = ¼; period 2 (4): p = ¼ + ½(1 − ¼) = ⅝, z = 4; period 3 (0): 5/16; period 4 (0): 5/32;
    // period 5 (2): p = 5/32 + ½(1 − 5/32) = 37/64, z = 4 + ½(2 − 4) = 3. Forecast 37/64 × 3 = 111/64 = 1.734375.
    // Fitted = p·z before each period, none before the first demand: —, ¼·4, ⅝·4, 5/16·4, 5/32·4.
    const model = tsb([0, 4, 0, 0, 2], { alpha: 0.5, beta: 0.5, horizon: 2 });
    expect(Math.abs(model.forecast[0] - 1.734375)).toBeLessThanOrEqual(1e-12);
    expect(model.forecast).toEqual([model.forecast[0], model.forecast[0]]);
    expect(model.fitted[0]).toBeNull();
    [1, 2.5, 1.25, 0.625].forEach((f, i) => expect(Math.abs(model.fitted[i + 1]! - f)).toBeLessThanOrEqual(1e-12));
    // SSE over the fitted periods: 3² + 2.5² + 1.25² + 1.375² = 18.703125.
    expect(model.fittedPeriods).toBe(4);
    expect(Math.abs(model.sse - 18.703125)).toBeLessThanOrEqual(1e-12);
  });

  it("TSB with demand in the first period starts at p₀ = 1, z₀ = y₁: the first fitted value is y₁ itself (hand-computed)", () => {
    // 6, 0, 3 with α = β = 0.5: fitted 1·6 = 6; p → 1, z 6; fitted 6; p → ½; fitted 3; p → ¾, z → 4.5: forecast 3.375.
    const model = tsb([6, 0, 3], { alpha: 0.5, beta: 0.5 });
    expect(model.fitted).toEqual([6, 6, 3]);
    expect(model.forecast[0]).toBeCloseTo(3.375, 12);
  });

  it("TSB agrees with a straightforward transcription of the contract's start-up on random series", () => {
    // Written from tier-functions.md rev. 2 word by word, independently of the kernel: states before period 1,
    // p updated every period, z only with demand, fitted p·z of the previous state from the first demand on.
    const reference = (y: number[], alpha: number, beta: number) => {
      const first = y.findIndex((v) => v > 0);
      if (first < 0) return { fitted: y.map(() => null), forecast: 0, sse: 0 };
      let z = y[first];
      let p = 1 / (first + 1);
      const fitted: Array<number | null> = [];
      let sse = 0;
      for (let t = 0; t < y.length; t++) {
        if (t < first) fitted.push(null);
        else {
          fitted.push(p * z);
          sse += (y[t] - p * z) ** 2;
        }
        p = p + beta * ((y[t] > 0 ? 1 : 0) - p);
        if (y[t] > 0) z = z + alpha * (y[t] - z);
      }
      return { fitted, forecast: p * z, sse };
    };
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (history, alpha, beta) => {
          const model = tsb(history, { alpha, beta });
          const want = reference(history, alpha, beta);
          expectClose(model.fitted, want.fitted, 1e-12);
          expect(model.fitted.map((f) => f === null)).toEqual(want.fitted.map((f) => f === null));
          expectClose(model.forecast, [want.forecast], 1e-12);
          expectClose([model.sse], [want.sse], 1e-12);
        },
      ),
    );
  });

  it("TSB decays through zeros where Croston holds its forecast", () => {
    const dying = [5, 0, 5, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(tsb(dying, { alpha: 0.2, beta: 0.2 }).forecast[0]).toBeLessThan(croston(dying, { alpha: 0.2 }).forecast[0] / 4);
  });

  it("moving average and seasonal naive", () => {
    const ma = movingAverage([3, 5, 7, 9], { window: 2 });
    expect(ma.fitted).toEqual([null, null, 4, 6]);
    expect(ma.forecast).toEqual([8]);
    const sn = seasonalNaive([1, 2, 3, 4, 5, 6], { seasonLength: 4, horizon: 5 });
    expect(sn.fitted).toEqual([null, null, null, null, 1, 2]);
    expect(sn.forecast).toEqual([3, 4, 5, 6, 3]);
  });

  it("moving average: an estimated window prefers 1 on a random walk and a long one on noise around a level", () => {
    expect(movingAverage([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).parameters.window).toBe(1);
    const noise = Array.from({ length: 40 }, (_, t) => 100 + (t % 2 === 0 ? 5 : -5));
    expect(movingAverage(noise).parameters.window! % 2).toBe(0);
  });

  it("does not mutate its input", () => {
    const history = Object.freeze([3, 0, 4, 0, 5, 6, 0, 2]);
    for (const method of MODEL_METHODS) fitForecastModel(history, method, { seasonLength: 2 });
    expect(history).toEqual([3, 0, 4, 0, 5, 6, 0, 2]);
  });
});

describe("properties", () => {
  const seasonal = { seasonLength: 4 };
  const positive = fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 12, maxLength: 40 });

  it("a constant series forecasts that constant, flat, with every method", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 8, max: 30 }), (c, n) => {
        const history = new Array<number>(n).fill(c);
        for (const method of MODEL_METHODS) {
          const model = fitForecastModel(history, method, { ...seasonal, horizon: 5 });
          for (const f of model.forecast) expect(f).toBeCloseTo(c * (method === "sba" || method === "sbj" ? correctionOf(model) : 1), 8);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("a zero series forecasts zero with every method", () => {
    for (const method of MODEL_METHODS) {
      expect(fitForecastModel(new Array(12).fill(0), method, { ...seasonal, horizon: 3 }).forecast).toEqual([0, 0, 0]);
    }
  });

  it("forecasts are finite, smoothing constants in [0, 1] and φ in [0.8, 0.98] when estimated", () => {
    fc.assert(
      fc.property(positive, (history) => {
        for (const method of MODEL_METHODS) {
          const model = fitForecastModel(history, method, { ...seasonal, horizon: 6 });
          for (const f of model.forecast) expect(Number.isFinite(f)).toBe(true);
          for (const p of ["alpha", "beta", "gamma"] as const) {
            const v = model.parameters[p];
            if (v !== undefined) expect(v >= 0 && v <= 1).toBe(true);
          }
          if (method === "damped") expect(model.parameters.phi! >= 0.8 && model.parameters.phi! <= 0.98).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("intermittent forecasts are non-negative and SBA ≤ Croston ≤ the largest demand", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 50 })), { minLength: 3, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (history, alpha) => {
        const c = croston(history, { alpha }).forecast[0];
        const s = sba(history, { alpha }).forecast[0];
        const t = tsb(history, { alpha, beta: alpha }).forecast[0];
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(c + 1e-12);
        expect(c).toBeLessThanOrEqual(Math.max(...history) + 1e-9);
        expect(t).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("estimation never does worse in-sample than the default-free grid end points α = 0 and α = 1", () => {
    fc.assert(
      fc.property(positive, (history) => {
        const best = ses(history).sse;
        expect(best).toBeLessThanOrEqual(ses(history, { alpha: 0 }).sse + 1e-9);
        expect(best).toBeLessThanOrEqual(ses(history, { alpha: 1 }).sse + 1e-9);
      }),
      { numRuns: 50 },
    );
  });
});

function correctionOf(model: { method: ModelMethod; parameters: { beta?: number } }): number {
  const beta = model.parameters.beta ?? 0;
  return model.method === "sba" ? 1 - beta / 2 : 1 - beta / (2 - beta);
}

describe("bad input names the field", () => {
  it.each([
    ["history: expected at least 1 period, got 0", () => ses([])],
    ['history[1]: must be a number, got "x"', () => ses([1, "x", 3])],
    ["history[1]: must be a number, got NaN", () => holt([1, Number.NaN, 3])],
    ["history[1]: must be ≥ 0 (demand; net returns first), got -2", () => croston([1, -2, 3])],
    ["history[1]: must be ≥ 0 (demand; net returns first), got -1", () => tsb([0, -1])],
    ["seasonLength: 4 needs at least two full seasons (8 periods) of history to start Holt-Winters, got 5", () => holtWinters([1, 2, 3, 4, 5], { seasonLength: 4 })],
    ["seasonLength: must be ≤ 3 (the periods of history), got 4", () => seasonalNaive([1, 2, 3], { seasonLength: 4 })],
    ["seasonLength: required for Holt-Winters", () => holtWinters([1, 2, 3, 4])],
    ["alpha: must be between 0 and 1, got 1.5", () => ses([1, 2], { alpha: 1.5 })],
    ["history: expected at least 2 periods for a trend", () => holt([1])],
    ["window: must be ≤ 2 (the periods of history), got 3", () => movingAverage([1, 2], { window: 3 })],
    ['method: Invalid option: expected one of "ses"', () => fitForecastModel([1, 2], "arima" as ModelMethod)],
    ['history: expected a list of numbers (one per period), got "12"', () => ses("12" as unknown as number[])],
  ])("%s", (message, run) => {
    expect(run).toThrow(message);
  });

  it("classifies the errors: out-of-range numbers vs wrong types vs missing data", () => {
    const kind = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return (e as { kind: string }).kind;
      }
      return "none";
    };
    expect(kind(() => croston([1, -2]))).toBe("out_of_range");
    expect(kind(() => ses([1, "x"]))).toBe("invalid");
    expect(kind(() => ses([]))).toBe("missing");
    expect(kind(() => ses([1], { alpha: 2 }))).toBe("out_of_range");
    expect(kind(() => holtWinters([1, 2], { seasonLength: 2 }))).toBe("out_of_range");
  });
});
