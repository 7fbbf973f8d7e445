import { DomainError, assertUnreachable, parseWith } from "../errors";
import { accuracyMetricSchema, forecastAccuracy, type AccuracyMetric, type AccuracyOptions } from "./forecastAccuracy";

const UNDEFINED_BECAUSE: Partial<Record<AccuracyMetric, string>> = {
  mape: "every actual is 0, so MAPE is undefined (use WAPE or MASE)",
  wape: "every actual is 0, so WAPE is undefined (use MAE)",
  smape: "every actual and forecast is 0, so sMAPE is undefined",
  mase: "the naive method's in-sample error is 0 (a constant or too short series), so MASE is undefined",
  tracking_signal: "every error is 0, so the tracking signal (Σe / MAD) is undefined",
};

/**
 * One accuracy metric of forecasts against actuals (definitions in
 * {@link forecastAccuracy}); the worksheet's TIER.FORECASTERROR. Default WAPE.
 *
 * @throws DomainError naming `metric` for an unknown name; `actuals` (missing) when the metric is undefined for the data; as forecastAccuracy otherwise.
 * @example forecastError([10, 20, 0], [12, 18, 1], "mae") // 5/3
 */
export function forecastError(actuals: ArrayLike<unknown>, forecasts: ArrayLike<unknown>, metric: AccuracyMetric = "wape", options: AccuracyOptions = {}): number {
  const name = parseWith(accuracyMetricSchema, metric, "metric");
  const a = forecastAccuracy(actuals, forecasts, options);
  const value = pick(a, name);
  if (value === null) throw new DomainError("actuals", UNDEFINED_BECAUSE[name] ?? `${name} is undefined for these data`, "missing");
  return value;
}

function pick(a: ReturnType<typeof forecastAccuracy>, metric: AccuracyMetric): number | null {
  switch (metric) {
    case "wape":
      return a.wape;
    case "mae":
      return a.mae;
    case "rmse":
      return a.rmse;
    case "mape":
      return a.mape;
    case "smape":
      return a.smape;
    case "mase":
      return a.mase;
    case "bias":
      return a.bias;
    case "tracking_signal":
      return a.trackingSignal;
    case "cfe":
      return a.cfe;
    case "pis":
      return a.pis;
    default:
      return assertUnreachable(metric);
  }
}
