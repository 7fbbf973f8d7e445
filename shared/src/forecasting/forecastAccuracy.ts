import { DomainError, describeValue, parseWith } from "../errors";
import { z } from "zod";
import { toSeries } from "./series";
import { mustBe, checkNumber } from "../validation";

export const accuracyMetricSchema = z.enum(["wape", "mae", "rmse", "mape", "smape", "mase", "bias", "tracking_signal", "cfe", "pis"]);
export type AccuracyMetric = z.infer<typeof accuracyMetricSchema>;

export const accuracyOptionsSchema = z.object({
  /** the in-sample series whose naive errors scale MASE; default: the actuals themselves */
  training: z.array(z.unknown()).optional(),
  /** m of the seasonal naive scale of MASE; 1 (the naive method) by default */
  seasonLength: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).default(1),
});
export type AccuracyOptions = z.input<typeof accuracyOptionsSchema>;

/** Every metric of one set of forecasts. Percentages are fractions (0.2 = 20 %). null where a metric is undefined. */
export interface ForecastAccuracy {
  /** pairs scored: both actual and forecast present */
  pairs: number;
  /** pairs left out because the actual or the forecast cell was blank */
  blankPairs: number;
  /** mean error ē = mean(y − ŷ): positive means under-forecasting */
  bias: number;
  mae: number;
  rmse: number;
  /** mean |e| / |y| over the non-zero actuals; null when all actuals are 0 */
  mape: number | null;
  /** actuals equal to 0 that MAPE skipped */
  mapeSkipped: number;
  /** Σ|e| / Σ|y|; null when every actual is 0 */
  wape: number | null;
  /** mean 2|e| / (|y| + |ŷ|) over pairs not both 0 */
  smape: number | null;
  smapeSkipped: number;
  /** MAE / mean |y_t − y_{t−m}| of the training series; null when that scale is 0 */
  mase: number | null;
  /** Σe / MAE (MAD); null when MAE = 0 */
  trackingSignal: number | null;
  /** cumulative forecast error Σe */
  cfe: number;
  /** periods in stock: Σ_t Σ_{j≤t} (ŷ_j − y_j), units × periods held (positive) or short (negative) */
  pis: number;
}

/**
 * Accuracy of forecasts against actuals, with e_t = y_t − ŷ_t (Hyndman &
 * Athanasopoulos, FPP3 §5.8): MAE, RMSE, bias (mean error), MAPE skipping
 * zero actuals (and counting them), WAPE = Σ|e|/Σ|y|, sMAPE = mean 2|e|/(|y| + |ŷ|)
 * (Makridakis 1993 as written in Hyndman & Koehler 2006, "Another look at
 * measures of forecast accuracy", IJF 22(4): 679–688), MASE = MAE scaled by the
 * in-sample MAE of the naive (m = 1) or seasonal naive method (Hyndman &
 * Koehler 2006, eq. for q_t), the tracking signal Σe / MAD (Brown 1959;
 * Silver, Pyke & Thomas 4th ed. §4.8), and for intermittent demand the
 * cumulative forecast error CFE = Σe and periods in stock
 * PIS = Σ_t Σ_{j≤t}(ŷ_j − y_j) (Wallström & Segerstedt 2010, "Evaluation of
 * forecasting error measurements and techniques for intermittent demand",
 * IJPE 128(2): 625–636).
 *
 * A pair with a blank actual or forecast is left out (so a fitted column with
 * gaps can be scored against the full history) and counted.
 *
 * @throws DomainError naming `actuals[t]` or `forecasts[t]` for text or NaN; `forecasts` when the lengths differ; `actuals` when no pair remains.
 * @example forecastAccuracy([10, 20, 0], [12, 18, 1]).wape // (2 + 2 + 1) / 30 = 1/6
 */
export function forecastAccuracy(actuals: ArrayLike<unknown>, forecasts: ArrayLike<unknown>, options: AccuracyOptions = {}): ForecastAccuracy {
  const opts = parseWith(accuracyOptionsSchema, options, "");
  const pairs = toPairs(actuals, forecasts);
  const training = opts.training === undefined ? pairs.actual : toSeries(opts.training, "training");
  return accuracyOfPairs(pairs.actual, pairs.forecast, pairs.blank, naiveScale(training, opts.seasonLength));
}

/** Validate two equal-length lists and keep the pairs where both are present. */
function toPairs(actuals: ArrayLike<unknown>, forecasts: ArrayLike<unknown>): { actual: Float64Array; forecast: Float64Array; blank: number } {
  for (const [list, field] of [
    [actuals, "actuals"],
    [forecasts, "forecasts"],
  ] as const) {
    if (list === null || list === undefined || typeof list === "string" || typeof list.length !== "number") {
      throw new DomainError(field, `expected a list of numbers, got ${describeValue(list)}`, "missing");
    }
  }
  if (forecasts.length !== actuals.length) {
    throw new DomainError("forecasts", `expected ${actuals.length} values (one per actual), got ${forecasts.length}`);
  }
  const actual: number[] = [];
  const forecast: number[] = [];
  let blank = 0;
  const isBlank = (v: unknown) => v === null || v === undefined || v === "";
  for (let t = 0; t < actuals.length; t++) {
    const a = actuals[t];
    const f = forecasts[t];
    for (const [v, field] of [
      [a, "actuals"],
      [f, "forecasts"],
    ] as const) {
      if (!isBlank(v)) checkNumber(v, `${field}[${t}]`);
    }
    if (isBlank(a) || isBlank(f)) {
      blank++;
      continue;
    }
    actual.push(a as number);
    forecast.push(f as number);
  }
  if (actual.length === 0) throw new DomainError("actuals", "no period has both an actual and a forecast", "missing");
  return { actual: Float64Array.from(actual), forecast: Float64Array.from(forecast), blank };
}

/** Mean |y_t − y_{t−m}| over t ≥ m: the in-sample MAE of the (seasonal) naive method; NaN when the series is too short. */
export function naiveScale(series: ArrayLike<number>, seasonLength = 1): number {
  let sum = 0;
  let count = 0;
  for (let t = seasonLength; t < series.length; t++) {
    sum += Math.abs(series[t] - series[t - seasonLength]);
    count++;
  }
  return count === 0 ? Number.NaN : sum / count;
}

/** The metrics on validated pairs; `scale` is the MASE denominator. */
export function accuracyOfPairs(actual: ArrayLike<number>, forecast: ArrayLike<number>, blankPairs: number, scale: number): ForecastAccuracy {
  const n = actual.length;
  let sumError = 0;
  let sumAbs = 0;
  let sumSquares = 0;
  let sumAbsActual = 0;
  let sumPercent = 0;
  let percentCount = 0;
  let sumSymmetric = 0;
  let symmetricCount = 0;
  let pis = 0;
  for (let t = 0; t < n; t++) {
    const e = actual[t] - forecast[t];
    const abs = Math.abs(e);
    sumError += e;
    sumAbs += abs;
    sumSquares += e * e;
    sumAbsActual += Math.abs(actual[t]);
    if (actual[t] !== 0) {
      sumPercent += abs / Math.abs(actual[t]);
      percentCount++;
    }
    const denominator = Math.abs(actual[t]) + Math.abs(forecast[t]);
    if (denominator > 0) {
      sumSymmetric += (2 * abs) / denominator;
      symmetricCount++;
    }
    pis -= sumError;
  }
  const mae = sumAbs / n;
  return {
    pairs: n,
    blankPairs,
    bias: sumError / n,
    mae,
    rmse: Math.sqrt(sumSquares / n),
    mape: percentCount > 0 ? sumPercent / percentCount : null,
    mapeSkipped: n - percentCount,
    wape: sumAbsActual > 0 ? sumAbs / sumAbsActual : null,
    smape: symmetricCount > 0 ? sumSymmetric / symmetricCount : null,
    smapeSkipped: n - symmetricCount,
    mase: scale > 0 ? mae / scale : null,
    trackingSignal: mae > 0 ? sumError / mae : null,
    cfe: sumError,
    pis,
  };
}
