/**
 * TIER.FORECAST, TIER.FITTED and TIER.FORECASTERROR called through the built
 * dist/functions.js (what Excel loads), with only a CustomFunctions global.
 */
import reference from "../../fixtures/forecasting/r_forecast_reference.json";
import { caller, column, expectCellError, loadBuiltFunctions, readFunctionsJson } from "./loadBuiltFunctions";

const fns = loadBuiltFunctions();
const call = caller(fns);
const numbers = (result: unknown[][]) => result.map((row) => row[0] as number);

describe("registration", () => {
  it("registers the three forecasting functions", () => {
    expect([...fns.keys()]).toEqual(expect.arrayContaining(["FORECAST", "FITTED", "FORECASTERROR"]));
  });
});

describe("TIER.FORECAST", () => {
  it("SES with a given alpha: ℓ = 10 → 10 → 11 → 11 (hand-computed)", () => {
    expect(numbers(call("FORECAST", column(10, 12, 11), "ses", null, 0.5, null, null))).toEqual([11]);
  });

  it("reproduces R's forecast::holt(austres, alpha = 0.8, beta = 0.2, initial = 'simple') for 4 quarters", () => {
    const r = reference.cases.holt_austres_fixed;
    const out = numbers(call("FORECAST", column(...r.series), "holt", 4, 0.8, 0.2, null));
    out.forEach((v, i) => expect(v).toBeCloseTo(r.forecast[i], 6));
  });

  it("Holt-Winters needs season_length and spills `horizon` rows", () => {
    const r = reference.cases.hw_nottem_fixed;
    expect(call("FORECAST", column(...r.series), "HW", 12, 0.2, 0.05, 12)).toHaveLength(12);
  });

  it("auto (the default) picks an intermittent method for intermittent demand", () => {
    const out = call("FORECAST", column(0, 3, 0, 0, 2, 0, 0, 0, 4, 0, 0, 1, 0, 0, 3, 0), null, 2, null, null, null);
    expect(out).toHaveLength(2);
    expect(numbers(out)[0]).toBeGreaterThan(0);
    expect(numbers(out)[0]).toBeLessThan(4);
  });

  it("TSB with the contract's start-up: 0, 4, 0, 0, 2 with α = β = 0.5 → 111/64 (hand-computed; Teunter, Syntetos & Babai 2011, tier-functions.md rev. 2)", () => {
    // z₀ = 4, p₀ = ½ before period 1; p = ¼, ⅝, 5/16, 5/32, 37/64; z = 3 after the demand of 2: 37/64 × 3.
    const out = numbers(call("FORECAST", column(0, 4, 0, 0, 2), "tsb", null, 0.5, 0.5, null));
    expect(out).toHaveLength(1);
    expect(Math.abs(out[0] - 1.734375)).toBeLessThanOrEqual(1e-12);
  });

  it("reads a row range as the history", () => {
    expect(numbers(call("FORECAST", [[10, 12, 11]], "ses", null, 0.5, null, null))).toEqual([11]);
  });

  it.each<[string, unknown[], "#VALUE!" | "#N/A", string]>([
    ["text in the history", [column(1, "x", 3), "ses", null, null, null, null], "#VALUE!", 'history row 2: must be a number, got "x"'],
    ["negative demand for Croston", [column(1, -2, 3), "croston", null, null, null, null], "#VALUE!", "history row 2: must be ≥ 0 (demand; net returns first), got -2"],
    ["a season longer than the history allows", [column(1, 2, 3, 4, 5), "hw", null, null, null, 4], "#VALUE!", "season_length: 4 needs at least two full seasons (8 periods) of history to start Holt-Winters, got 5"],
    ["seasonal naive without a season length", [column(1, 2, 3), "snaive", null, null, null, null], "#N/A", "season_length: required for the seasonal naive method (periods per season)"],
    ["an unknown method", [column(1, 2), "arima", null, null, null, null], "#VALUE!", 'method: "arima" is not one of auto, ses, holt, damped, hw, croston, sba, sbj, tsb, ma, snaive'],
    ["alpha above 1", [column(1, 2), "ses", null, 1.5, null, null], "#VALUE!", "alpha: must be between 0 and 1, got 1.5"],
    ["a fractional horizon", [column(1, 2), "ses", 1.5, null, null, null], "#VALUE!", "horizon: must be a whole number, got 1.5"],
    ["an omitted history", [null, "ses", null, null, null, null], "#N/A", "history: required"],
  ])("returns a cell error for %s", (_what, args, code, message) => {
    expectCellError(call("FORECAST", ...args), code, message);
  });
});

describe("TIER.FITTED", () => {
  it("returns #N/A through the first demand, then Croston's z/p (hand-computed: 0, 4, 0, 0, 2 with α = 0.5)", () => {
    const out = call("FITTED", column(0, 4, 0, 0, 2), "croston", 0.5, null, null);
    expect(out).toHaveLength(5);
    for (const row of out.slice(0, 2)) {
      expect(row[0]).toBeInstanceOf(CustomFunctions.Error);
      expect((row[0] as { code: string }).code).toBe("#N/A");
    }
    expect(numbers(out.slice(2))).toEqual([2, 2, 2]);
  });

  it("TSB: #N/A before the first demand only, then p·z of the state before each period (hand-computed as in TIER.FORECAST's TSB case)", () => {
    // p before periods 2–5: ¼, ⅝, 5/16, 5/32, times z = 4.
    const out = call("FITTED", column(0, 4, 0, 0, 2), "tsb", 0.5, 0.5, null);
    expect(out).toHaveLength(5);
    expect(out[0][0]).toBeInstanceOf(CustomFunctions.Error);
    expect((out[0][0] as { code: string }).code).toBe("#N/A");
    numbers(out.slice(1)).forEach((v, i) => expect(Math.abs(v - [1, 2.5, 1.25, 0.625][i])).toBeLessThanOrEqual(1e-12));
  });

  it("matches R's fitted values for SES on the Nile (alpha 0.3, initial = 'simple')", () => {
    const r = reference.cases.ses_nile_fixed;
    const out = numbers(call("FITTED", column(...r.series), "ses", 0.3, null, null));
    out.forEach((v, i) => expect(v).toBeCloseTo(r.fitted[i], 6));
  });

  it("requires a method", () => {
    expectCellError(call("FITTED", column(1, 2), null, null, null, null), "#N/A", "method: required");
  });
});

describe("TIER.FORECASTERROR", () => {
  it("defaults to WAPE: Σ|e| / Σ|actual| = 5 / 30 (hand-computed)", () => {
    const out = call("FORECASTERROR", column(10, 20, 0), column(12, 18, 1), null);
    expect(out).toHaveLength(1);
    expect(out[0][0]).toBeCloseTo(5 / 30, 12);
  });

  it("MAE, bias and MASE as R's accuracy() gives them (R 4.2.2, forecast 8.20; MASE here is scaled by the actuals' own naive error)", () => {
    expect(call("FORECASTERROR", column(16, 13, 18), column(15, 14.5, 15.5), "mae")[0][0]).toBeCloseTo(1.666666666666667, 12);
    expect(call("FORECASTERROR", column(16, 13, 18), column(15, 14.5, 15.5), "BIAS")[0][0]).toBeCloseTo(0.666666666666667, 12);
    // naive scale of 16, 13, 18: (3 + 5) / 2 = 4 → MASE = (5/3) / 4.
    expect(call("FORECASTERROR", column(16, 13, 18), column(15, 14.5, 15.5), "mase")[0][0]).toBeCloseTo(5 / 12, 12);
  });

  it.each<[unknown[], "#VALUE!" | "#N/A", string]>([
    [[column(1, 2), column(1, 2, 3), null], "#VALUE!", "forecasts: expected 2 values (one per actual), got 3"],
    [[column(1, "x"), column(1, 2), null], "#VALUE!", 'actuals row 2: must be a number, got "x"'],
    [[column(0, 0), column(1, 1), "mape"], "#N/A", "actuals: every actual is 0, so MAPE is undefined (use WAPE or MASE)"],
    [[column(1, 2), column(1, 2), "r2"], "#VALUE!", 'metric: "r2" is not one of wape, mae, rmse, mape, smape, mase, bias, tracking_signal'],
  ])("returns a cell error (%#)", (args, code, message) => {
    expectCellError(call("FORECASTERROR", ...args), code, message);
  });
});

describe("generated functions.json", () => {
  const expected: Record<string, Array<[string, boolean]>> = {
    FORECAST: [
      ["history", false],
      ["method", true],
      ["horizon", true],
      ["alpha", true],
      ["beta", true],
      ["season_length", true],
    ],
    FITTED: [
      ["history", false],
      ["method", false],
      ["alpha", true],
      ["beta", true],
      ["season_length", true],
    ],
    FORECASTERROR: [
      ["actuals", false],
      ["forecasts", false],
      ["metric", true],
    ],
  };
  const ranges = new Set(["history", "actuals", "forecasts"]);
  const metadata = readFunctionsJson().functions;

  it.each(Object.keys(expected))("%s has the contract's parameters, in order, with optional flags", (id) => {
    const fn = metadata.find((f) => f.id === id);
    expect(fn).toBeDefined();
    expect(fn!.name).toBe(id);
    expect(fn!.parameters.map((p) => [p.name, p.optional === true])).toEqual(expected[id]);
    for (const p of fn!.parameters) expect(p.dimensionality === "matrix").toBe(ranges.has(String(p.name)));
    expect(fn!.result.dimensionality).toBe("matrix");
  });
});
