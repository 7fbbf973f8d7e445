/**
 * σ for safety stock by segment policy: the demand sd or the forecast's
 * one-step RMSE (Silver, Pyke & Thomas 4th ed. §6.9). Expected values are hand
 * computations (said so) and the forecasting engine's own function.
 */
import fc from "fast-check";
import { forecastErrorVariability } from "../../../shared/src/forecasting";
import { demandVariability, normalQuantile, safetyStock, variabilityPolicySchema } from "../../../shared/src/inventory";
import { expectDomainError } from "../../helpers/domainErrors";

describe("demandVariability", () => {
  // Hand-computed: mean 10, squared deviations 4 + 4 + 0 = 8, s² = 8/2 = 4, s = 2; over L = 4: 2·√4 = 4.
  it("demand: the sample sd of demand per period, σ·√L over the lead time", () => {
    expect(demandVariability({ variabilitySource: "demand" }, { history: [8, 12, 10], leadTime: 4 })).toEqual({
      source: "demand",
      demandSd: 2,
      leadTimeDemandSd: 4,
      periods: 3,
    });
  });

  // Hand-computed (the forecasting function's own example): errors 11 − 10 = 1 and 10 − 12 = −2,
  // RMSE = √((1 + 4)/2) = 1.5811; over L = 4: 2·1.5811 = 3.1623.
  it("forecast_error: the one-step RMSE over the periods with a fitted value", () => {
    const v = demandVariability({ variabilitySource: "forecast_error" }, { history: [9, 11, 10], fitted: [null, 10, 12], leadTime: 4 });
    expect(v.source).toBe("forecast_error");
    expect(v.demandSd).toBeCloseTo(Math.sqrt(2.5), 15);
    expect(v.leadTimeDemandSd).toBeCloseTo(2 * Math.sqrt(2.5), 15);
    expect(v.periods).toBe(2);
  });

  // Hand-computed: 10, 20, 30, 40 has s = 12.91 (s² = 500/3); a forecast that follows the trend makes no error.
  it("a trend the forecast follows adds safety stock under 'demand' but none under 'forecast_error'", () => {
    const item = { history: [10, 20, 30, 40], fitted: [null, 20, 30, 40], leadTime: 2 };
    const byDemand = demandVariability({ variabilitySource: "demand" }, item);
    const byError = demandVariability({ variabilitySource: "forecast_error" }, item);
    expect(byDemand.demandSd).toBeCloseTo(Math.sqrt(500 / 3), 12);
    expect(byError.demandSd).toBe(0);
    expect(safetyStock({ demandMean: 25, demandSd: byError.demandSd, leadTime: 2, serviceLevel: 0.95 })).toBe(0);
  });

  it("defaults to 'demand' when the segment does not say, and treats blank periods as no demand", () => {
    expect(variabilityPolicySchema.parse({}).variabilitySource).toBe("demand");
    expect(demandVariability({}, { history: [null, 4, "", 4], leadTime: 1 }).demandSd).toBeCloseTo(Math.sqrt(16 / 3), 14);
  });

  it("forecast_error is the forecasting engine's forecastErrorVariability", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: null })), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 26, noNaN: true }),
        (pairs, leadTime) => {
          if (pairs.every(([, f]) => f === null)) pairs[0][1] = 1;
          const history = pairs.map(([y]) => y);
          const fitted = pairs.map(([, f]) => f);
          const mine = demandVariability({ variabilitySource: "forecast_error" }, { history, fitted, leadTime });
          const theirs = forecastErrorVariability({ fitted }, history, leadTime);
          expect(mine.demandSd).toBe(theirs.oneStepRmse);
          expect(mine.leadTimeDemandSd).toBe(theirs.leadTimeSd);
        },
      ),
    );
  });

  it("scales with demand, is zero for constant demand or a perfect forecast, and feeds safetyStock as z·σ·√L", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { minLength: 2, maxLength: 30 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 12, noNaN: true }),
        (history, c, leadTime) => {
          for (const variabilitySource of ["demand", "forecast_error"] as const) {
            const fitted = history.map((y, t) => (t === 0 ? null : history[t - 1]));
            const base = demandVariability({ variabilitySource }, { history, fitted, leadTime });
            const scaled = demandVariability({ variabilitySource }, { history: history.map((y) => c * y), fitted: fitted.map((f) => (f === null ? null : c * f)), leadTime });
            expect(scaled.demandSd).toBeCloseTo(c * base.demandSd, 8);
            expect(base.demandSd).toBeGreaterThanOrEqual(0);
            const ss = safetyStock({ demandMean: 1, demandSd: base.demandSd, leadTime, serviceLevel: 0.9 });
            expect(ss).toBeCloseTo(normalQuantile(0.9) * base.leadTimeDemandSd, 8);
          }
          const flat = history.map(() => history[0]);
          expect(demandVariability({ variabilitySource: "demand" }, { history: flat, leadTime }).demandSd).toBe(0);
          expect(demandVariability({ variabilitySource: "forecast_error" }, { history, fitted: history, leadTime }).demandSd).toBe(0);
        },
      ),
    );
  });

  it("does not mutate its inputs", () => {
    const history = Object.freeze([3, 5, 4]);
    const fitted = Object.freeze([null, 3, 5]);
    expect(() => demandVariability({ variabilitySource: "forecast_error" }, { history, fitted, leadTime: 1 })).not.toThrow();
  });

  it.each<[() => unknown, string, string]>([
    [() => demandVariability({ variabilitySource: "sales" as "demand" }, { history: [1, 2], leadTime: 1 }), "variabilitySource", "invalid"],
    [() => demandVariability({}, { history: [1, "x", 2], leadTime: 1 }), "history[1]", "invalid"],
    [() => demandVariability({}, { history: [1, -2, 2], leadTime: 1 }), "history[1]", "out_of_range"],
    [() => demandVariability({}, { history: [1, Number.NaN], leadTime: 1 }), "history[1]", "invalid"],
    [() => demandVariability({}, { history: [5], leadTime: 1 }), "history", "missing"],
    [() => demandVariability({}, { history: [1, 2], leadTime: -1 }), "leadTime", "out_of_range"],
    [() => demandVariability({ variabilitySource: "forecast_error" }, { history: [1, 2], leadTime: 1 }), "fitted", "missing"],
    [() => demandVariability({ variabilitySource: "forecast_error" }, { history: [1, 2], fitted: [1], leadTime: 1 }), "fitted", "invalid"],
    [() => demandVariability({ variabilitySource: "forecast_error" }, { history: [1, 2], fitted: [1, "n/a"], leadTime: 1 }), "fitted[1]", "invalid"],
    [() => demandVariability({ variabilitySource: "forecast_error" }, { history: [1, 2], fitted: [null, null], leadTime: 1 }), "model", "missing"],
  ])("bad input %# → DomainError naming %s", (run, field, kind) => {
    expectDomainError(run, field, kind);
  });
});
