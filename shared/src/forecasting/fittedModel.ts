import type { FittedModel, ModelMethod, ModelParameters, ParameterName } from "./types";

/** Package kernel output as the public result: NaN fitted values become null (no fitted value). */
export function toFittedModel(method: ModelMethod, fitted: Float64Array, forecast: Float64Array, parameters: ModelParameters, estimated: ParameterName[], sse: number): FittedModel {
  const values: Array<number | null> = new Array(fitted.length);
  let fittedPeriods = 0;
  for (let t = 0; t < fitted.length; t++) {
    if (Number.isNaN(fitted[t])) values[t] = null;
    else {
      values[t] = fitted[t];
      fittedPeriods++;
    }
  }
  return { method, fitted: values, forecast: Array.from(forecast), parameters, estimated, sse, fittedPeriods };
}
