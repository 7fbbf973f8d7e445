/* eslint-disable @typescript-eslint/no-explicit-any -- `any` is how custom-functions-metadata reads "any cell value"; every value is checked below. */
/**
 * The forecasting TIER.* worksheet functions: thin adapters over
 * shared/src/forecasting (see segmentationFunctions.ts for the pattern). The
 * JSDoc of each function is its metadata; parameter names are the names Excel
 * shows (tier-functions.md, "Forecasting").
 */
import { fitForecastModel, forecastError as domainForecastError, MODEL_METHODS, selectForecastModel, type FittedModel } from "../../../shared/src/forecasting";
import { CellError, dataVector, finiteCells, optionalChoice, optionalNumber, spillColumn, toCellError } from "./cells";
import { offload } from "./workerPool";

const METHODS = ["auto", ...MODEL_METHODS] as const;
const METRICS = ["wape", "mae", "rmse", "mape", "smape", "mase", "bias", "tracking_signal"] as const;

/**
 * The forecasting methods of TIER.FORECAST and TIER.FITTED.
 * @customenum {string}
 */
export enum ForecastMethod {
  /** Pick a model for the series' demand pattern by hold-out validation (default). */
  auto = "auto",
  /** Simple exponential smoothing. */
  ses = "ses",
  /** Holt's linear trend. */
  holt = "holt",
  /** Damped trend. */
  damped = "damped",
  /** Holt-Winters additive seasonality (needs season_length). */
  hw = "hw",
  /** Croston's method for intermittent demand. */
  croston = "croston",
  /** Syntetos-Boylan approximation. */
  sba = "sba",
  /** Shale-Boylan-Johnston correction. */
  sbj = "sbj",
  /** Teunter-Syntetos-Babai (demand probability). */
  tsb = "tsb",
  /** Moving average. */
  ma = "ma",
  /** Seasonal naive (needs season_length). */
  snaive = "snaive",
}

/**
 * The accuracy metrics of TIER.FORECASTERROR.
 * @customenum {string}
 */
export enum ForecastMetric {
  /** Weighted absolute percentage error, Σ|e| / Σ|actual| (default). */
  wape = "wape",
  /** Mean absolute error. */
  mae = "mae",
  /** Root mean squared error. */
  rmse = "rmse",
  /** Mean absolute percentage error. */
  mape = "mape",
  /** Symmetric MAPE. */
  smape = "smape",
  /** Mean absolute scaled error. */
  mase = "mase",
  /** Mean error (actual − forecast). */
  bias = "bias",
  /** Cumulative error / mean absolute error. */
  tracking_signal = "tracking_signal",
}
/** Domain field names → Excel argument names, for error messages. */
const NAMES = { seasonLength: "season_length" };

function fit(history: unknown, method: (typeof METHODS)[number], settings: { horizon?: number; alpha?: number; beta?: number; seasonLength?: number }, context: { orientation: "row" | "column" }): FittedModel {
  // Blank cells are zero demand (older desktop builds pass them as 0 anyway); only an omitted history is "required".
  const input = dataVector(history, "history");
  context.orientation = input.orientation;
  if (method === "auto") return selectForecastModel(input.values, settings).model;
  return fitForecastModel(input.values, method, settings);
}

/**
 * Forecasts for the next periods. "auto" (default) picks a model for the series' demand pattern by hold-out validation; parameters left out are estimated.
 * @customfunction FORECAST
 * @helpurl https://localhost:3000/functions.html#tier-forecast
 * @param history One column of history, oldest first (blank = 0).
 * @param [method] "auto" (default), "ses", "holt", "damped", "hw", "croston", "sba", "sbj", "tsb", "ma" or "snaive".
 * @param [horizon] Periods to forecast (default 1; 0 or blank = 1).
 * @param [alpha] Level or demand-size smoothing constant, 0 to 1 (estimated when blank or 0).
 * @param [beta] Trend, interval or demand-probability smoothing constant, 0 to 1 (estimated when blank or 0; Croston/SBA/SBJ: = alpha).
 * @param [season_length] Periods per season (needed by "hw" and "snaive"; enables Holt-Winters in "auto"; 0 or blank = none).
 * @returns {any[][]} A column of forecasts, one per period ahead.
 */
export function forecast(history: any[][], method?: ForecastMethod, horizon?: any, alpha?: any, beta?: any, season_length?: any) {
  return offload("FORECAST", computeForecast, [history, method, horizon, alpha, beta, season_length]);
}

/** TIER.FORECAST's cells, computed in the functions worker or on this thread (workerPool.ts). */
export function computeForecast(history: any[][], method?: any, horizon?: any, alpha?: any, beta?: any, season_length?: any): any[][] {
  return spillColumn(
    (context) =>
      fit(
        history,
        optionalChoice(method, "method", METHODS) ?? "auto",
        {
          horizon: optionalNumber(horizon, "horizon", true),
          alpha: optionalNumber(alpha, "alpha", true),
          beta: optionalNumber(beta, "beta", true),
          seasonLength: optionalNumber(season_length, "season_length", true),
        },
        context,
      ).forecast,
    NAMES,
  );
}

/**
 * One-step-ahead fitted values of a model, one per period of the history; #N/A where the model has none (before the first demand, the first window or season).
 * @customfunction FITTED
 * @helpurl https://localhost:3000/functions.html#tier-fitted
 * @param history One column of history, oldest first (blank = 0).
 * @param method "ses", "holt", "damped", "hw", "croston", "sba", "sbj", "tsb", "ma", "snaive" (or "auto").
 * @param [alpha] Level or demand-size smoothing constant, 0 to 1 (estimated when blank or 0).
 * @param [beta] Trend, interval or demand-probability smoothing constant, 0 to 1 (estimated when blank or 0).
 * @param [season_length] Periods per season (needed by "hw" and "snaive").
 * @returns {any[][]} A column of fitted values, one per period.
 */
export function fitted(history: any[][], method: ForecastMethod, alpha?: any, beta?: any, season_length?: any) {
  return offload("FITTED", computeFitted, [history, method, alpha, beta, season_length]);
}

/** TIER.FITTED's cells, computed in the functions worker or on this thread (workerPool.ts). */
export function computeFitted(history: any[][], method: any, alpha?: any, beta?: any, season_length?: any): any[][] {
  return spillColumn((context) => {
    const chosen = optionalChoice(method, "method", METHODS);
    if (chosen === undefined) throw new CellError("missing", "method: required");
    const model = fit(history, chosen, { alpha: optionalNumber(alpha, "alpha", true), beta: optionalNumber(beta, "beta", true), seasonLength: optionalNumber(season_length, "season_length", true) }, context);
    return model.fitted.map((v) => (v === null ? new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable) : v));
  }, NAMES);
}

/**
 * One accuracy metric of forecasts against actuals (e = actual − forecast; percentages as fractions). A blank cell reads as 0: select only the periods that have actuals.
 * @customfunction FORECASTERROR
 * @helpurl https://localhost:3000/functions.html#tier-forecasterror
 * @param actuals One column of actual values (blank = 0).
 * @param forecasts One column of forecasts, the same length (blank = 0).
 * @param [metric] "wape" (default), "mae", "rmse", "mape", "smape", "mase", "bias" or "tracking_signal".
 * @returns One number (a 1×1 array, so an error can carry its message).
 */
export function forecastError(actuals: any[][], forecasts: any[][], metric?: ForecastMetric): any[][] {
  let orientation: "row" | "column" = "column";
  try {
    const a = dataVector(actuals, "actuals");
    orientation = a.orientation;
    const f = dataVector(forecasts, "forecasts");
    return finiteCells([[domainForecastError(a.values, f.values, optionalChoice(metric, "metric", METRICS) ?? "wape")]]);
  } catch (error) {
    return [[toCellError(error, {}, orientation)]];
  }
}
