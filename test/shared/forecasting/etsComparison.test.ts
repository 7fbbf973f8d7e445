import { naiveScale, selectForecastModel } from "../../../shared/src/forecasting";
import reference from "../../fixtures/forecasting/r_ets_holdout.json";

/*
 * The bar: on real monthly, quarterly and annual business series, the automatic choice should be at least as
 * accurate as the automatic ETS of R's forecast package (mean MASE over a hold-out of the last season).
 * The fixture is the output of test/fixtures/forecasting/r_ets_holdout.R (R 4.2.2, forecast 8.20): 22 series that
 * R ships (datasets and forecast), the last season held out (12 months, 4 quarters, 6 years), `ets(train)` with its
 * defaults, `forecast(fit, h)`, and MASE scaled by the training part's in-sample seasonal naive (naive for
 * non-seasonal series) MAE. Here the same training data go through selectForecastModel with the season length and
 * nothing else; nothing is tuned per series. CI reads only the fixture.
 */
interface EtsCase {
  name: string;
  season_length: number;
  h: number;
  train: number[];
  test: number[];
  ets_model: string;
  ets_forecast: number[];
  mase_scale: number;
  ets_mase: number;
}
const cases = reference.cases as EtsCase[];

function mase(actual: readonly number[], forecast: readonly number[], scale: number): number {
  let sum = 0;
  actual.forEach((y, i) => (sum += Math.abs(y - forecast[i])));
  return sum / actual.length / scale;
}

const results = cases.map((c) => {
  const selection = selectForecastModel(c.train, { horizon: c.h, seasonLength: c.season_length > 1 ? c.season_length : undefined });
  return { ...c, method: selection.method, ours: mase(c.test, selection.model.forecast, c.mase_scale) };
});
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe("automatic selection against R's automatic ETS on a hold-out of the last season", () => {
  it("uses at least 20 real series spanning monthly, quarterly and annual data", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.season_length))).toEqual(new Set([1, 4, 12]));
    expect(reference.forecast_package).toBe("8.20");
  });

  it("reads the fixture consistently: its MASE scale and ETS MASE recomputed here", () => {
    for (const c of cases) {
      expect(naiveScale(c.train, c.season_length)).toBeCloseTo(c.mase_scale, 9);
      expect(mase(c.test, c.ets_forecast, c.mase_scale)).toBeCloseTo(c.ets_mase, 9);
    }
  });

  it("has a mean MASE no higher than ETS's", () => {
    const ours = mean(results.map((r) => r.ours));
    const ets = mean(results.map((r) => r.ets_mase));
    const lines = results.map((r) => `${r.name.padEnd(15)} m=${String(r.season_length).padEnd(2)} ${r.method.padEnd(7)} ${r.ours.toFixed(3)}  ETS ${r.ets_mase.toFixed(3)} ${r.ets_model}`);
    for (const m of [12, 4, 1]) {
      const group = results.filter((r) => r.season_length === m);
      lines.push(`mean MASE m=${m} (${group.length} series): Tierline ${mean(group.map((r) => r.ours)).toFixed(3)}, ETS ${mean(group.map((r) => r.ets_mase)).toFixed(3)}`);
    }
    lines.push(`mean MASE, all ${results.length} series: Tierline ${ours.toFixed(3)}, ETS ${ets.toFixed(3)}`);
    console.log(lines.join("\n"));
    expect(ours).toBeLessThanOrEqual(ets);
  });
});
