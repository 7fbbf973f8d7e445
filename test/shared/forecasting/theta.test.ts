import { benchmarkForecasts, classicalSeasonalIndices, deseasonalise, reseasonalise, seasonalityTest, ses, thetaForecast } from "../../../shared/src/forecasting";
import reference from "../../fixtures/forecasting/r_ets_holdout.json";

/*
 * The pieces of the M4 competition's statistical benchmarks (Makridakis, Spiliotis & Assimakopoulos 2020, IJF 36(1):
 * 54–74, and their published R code) that automatic selection combines: the 90 % seasonality test, classical
 * multiplicative decomposition (R's decompose()), and the classic Theta method (Assimakopoulos & Nikolopoulos 2000).
 */
const series = (name: string) => reference.cases.find((c) => c.name === name)!;
const airPassengers = Float64Array.from([...series("AirPassengers").train, ...series("AirPassengers").test]);

describe("classical decomposition's seasonal figure", () => {
  it("reproduces R's decompose(AirPassengers, type = 'multiplicative')$figure", () => {
    // R 4.2.2: decompose(AirPassengers, type = "multiplicative")$figure, printed to 7 decimals.
    const r = [0.9102304, 0.8836253, 1.0073663, 0.975906, 0.981378, 1.1127758, 1.2265555, 1.219911, 1.0604919, 0.9217572, 0.8011781, 0.8988244];
    const s = classicalSeasonalIndices(airPassengers, 12);
    expect(s.kind).toBe("multiplicative");
    s.index.forEach((v, j) => expect(v).toBeCloseTo(r[j], 6));
  });

  it("recovers an additive season exactly under a linear trend when values are not all positive (the centred moving average passes a line through)", () => {
    const season = [-3, 5, 1, -3];
    const y = Float64Array.from({ length: 30 }, (_, t) => -20 + 1.5 * t + season[t % 4]);
    const s = classicalSeasonalIndices(y, 4);
    expect(s.kind).toBe("additive");
    s.index.forEach((v, j) => expect(v).toBeCloseTo(season[j], 10));
    const adjusted = deseasonalise(y, s);
    adjusted.forEach((v, t) => expect(v).toBeCloseTo(-20 + 1.5 * t, 10));
    expect(reseasonalise([25, 26.5], 30, s)).toEqual([25 + season[2], 26.5 + season[3]]);
  });

  it("names the season length when there are fewer than two seasons", () => {
    expect(() => classicalSeasonalIndices(Float64Array.from([1, 2, 3, 4, 5]), 4)).toThrow(/seasonLength/);
  });
});

describe("the M4 seasonality test (|r_m| above its 90 % limit, Bartlett's formula)", () => {
  it("finds the season of seasonal series of the comparison and none on annual ones tried at lag 12", () => {
    for (const name of ["AirPassengers", "USAccDeaths", "co2", "UKgas", "woolyrnq"]) {
      const c = series(name);
      expect(seasonalityTest(Float64Array.from(c.train), c.season_length)).toBe(true);
    }
    for (const name of ["Nile", "LakeHuron", "lynx", "nhtemp"]) expect(seasonalityTest(Float64Array.from(series(name).train), 12)).toBe(false);
  });

  it("needs three full seasons", () => {
    const wave = Float64Array.from({ length: 60 }, (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / 12));
    expect(seasonalityTest(wave, 12)).toBe(true);
    expect(seasonalityTest(wave.subarray(0, 35), 12)).toBe(false);
  });
});

describe("the Theta method", () => {
  it("is SES with a drift of half the regression slope (Hyndman & Billah 2003, IJF 19(2): 287–290)", () => {
    // With SES started at the first value, SES is linear in the data and lags a line of slope b by
    // b(1 − α)(1 − (1 − α)^{n−1}) / α after n values, so the θ = 2 line's forecast halved plus the θ = 0 line's is
    // ŷ_{n+h} = ℓ_n + (b / 2)(h + (1 − α)(1 − (1 − α)^{n−1}) / α), ℓ_n SES of the data with the same α.
    const y = Float64Array.from(series("Nile").train);
    const n = y.length;
    const alpha = 0.3;
    const t = Array.from({ length: n }, (_, i) => i);
    const tMean = (n - 1) / 2;
    const yMean = y.reduce((a, b) => a + b, 0) / n;
    const b = t.reduce((s, i) => s + (i - tMean) * (y[i] - yMean), 0) / t.reduce((s, i) => s + (i - tMean) ** 2, 0);
    const level = ses(Array.from(y), { alpha, horizon: 1 }).forecast[0];
    const theta = thetaForecast(y, 5, alpha);
    theta.forEach((f, i) => expect(f).toBeCloseTo(level + (b / 2) * (i + 1 + ((1 - alpha) * (1 - (1 - alpha) ** (n - 1))) / alpha), 8));
  });

  it("on a straight line, rises from the mean of the last value and the line's next value at half the slope", () => {
    // The θ = 2 line is the data (the fitted line is exact), SES on it takes α = 1 and stays at the last value 48.
    const y = Float64Array.from({ length: 20 }, (_, t) => 10 + 2 * t);
    thetaForecast(y, 3).forEach((f, h) => expect(f).toBeCloseTo((48 + 10 + 2 * (20 + h)) / 2, 6));
  });

  it("adjusts for the season only when the test finds one, and puts it back on the forecasts", () => {
    const seasonal = benchmarkForecasts(airPassengers, 12, 12);
    expect(seasonal.seasonallyAdjusted).toBe(true);
    // July above November, as in the data: the season is back on the forecasts (the series ends in December).
    expect(seasonal.theta[6]).toBeGreaterThan(seasonal.theta[10] * 1.3);
    expect(seasonal.ses[6] / seasonal.ses[10]).toBeCloseTo(1.2265555 / 0.8011781, 5);
    const plain = benchmarkForecasts(Float64Array.from(series("Nile").train), undefined, 3);
    expect(plain.seasonallyAdjusted).toBe(false);
    expect(plain.ses[0]).toBe(plain.ses[2]);
  });

  it("takes the season out on other evidence where the autocorrelation test misses it, given two full seasons", () => {
    const firstYears = airPassengers.subarray(0, 36);
    expect(seasonalityTest(firstYears, 12)).toBe(false);
    expect(benchmarkForecasts(firstYears, 12, 12).seasonallyAdjusted).toBe(false);
    expect(benchmarkForecasts(firstYears, 12, 12, true).seasonallyAdjusted).toBe(true);
    expect(benchmarkForecasts(airPassengers.subarray(0, 23), 12, 12, true).seasonallyAdjusted).toBe(false);
  });

  it("names the history when it is too short", () => {
    expect(() => thetaForecast(Float64Array.from([1, 2]), 1)).toThrow(/history/);
  });
});
