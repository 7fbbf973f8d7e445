import { DomainError } from "../errors";
import { benchmarkSeason, deseasonalise, reseasonalise } from "./classicalDecomposition";
import { fitTrendModel } from "./fitTrendModel";
import { modelOptionsSchema } from "./schemas";

/**
 * The Theta method (Assimakopoulos & Nikolopoulos 2000, "The theta model: a decomposition approach to forecasting",
 * IJF 16(4): 521–530), the classic form of the M4 benchmarks (`Theta.classic`): the equal-weight mean of the
 * θ = 0 line (the least-squares linear trend, extrapolated) and the θ = 2 line (2y − trend) forecast by simple
 * exponential smoothing (α estimated unless given). Hyndman & Billah (2003, "Unmasking the Theta method", IJF 19(2): 287–290) show it is SES
 * with a drift of half the trend's slope. Applied to a non-seasonal (or already deseasonalised) series.
 *
 * @throws DomainError naming `history` with fewer than 3 periods.
 */
export function thetaForecast(y: Float64Array, horizon: number, alpha?: number): number[] {
  const n = y.length;
  if (n < 3) throw new DomainError("history", `the Theta method needs at least 3 periods, got ${n}`, "out_of_range");
  let tMean = 0;
  let yMean = 0;
  for (let t = 0; t < n; t++) {
    tMean += t / n;
    yMean += y[t] / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - tMean) * (y[t] - yMean);
    sxx += (t - tMean) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = yMean - slope * tMean;
  const line2 = Float64Array.from(y, (v, t) => 2 * v - (intercept + slope * t));
  const ses = fitTrendModel("ses", line2, modelOptionsSchema.parse({ horizon, alpha }));
  return ses.forecast.map((f, h) => 0.5 * f + 0.5 * (intercept + slope * (n + h)));
}

/**
 * Two of the M4 competition's statistical benchmarks (Makridakis, Spiliotis & Assimakopoulos 2020, IJF 36(1):
 * 54–74, and their published R code): Theta and SES, each on the series seasonally adjusted by
 * {@link benchmarkSeason} (classical multiplicative indices when the 90 % seasonality test passes, or when
 * `seasonal` says there is a season), the season put back on the forecasts. Theta won the M3 competition's monthly series (Makridakis & Hibon 2000, IJF 16(4): 451–476).
 */
export function benchmarkForecasts(y: Float64Array, seasonLength: number | undefined, horizon: number, seasonal = false): { theta: number[]; ses: number[]; seasonallyAdjusted: boolean } {
  const season = benchmarkSeason(y, seasonLength, seasonal);
  const adjusted = season ? deseasonalise(y, season) : y;
  const back = (forecast: number[]) => (season ? reseasonalise(forecast, y.length, season) : forecast);
  const ses = fitTrendModel("ses", adjusted, modelOptionsSchema.parse({ horizon })).forecast;
  return { theta: back(thetaForecast(adjusted, horizon)), ses: back(ses), seasonallyAdjusted: season !== null };
}
