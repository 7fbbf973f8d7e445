import { selectForecastModel, type ModelSelection, type SelectionOptions } from "./selectForecastModel";
import { DomainError } from "../errors";

/**
 * {@link selectForecastModel} over many series with the same options, in
 * order: the synchronous batch entry (the add-in and the service call it in
 * process; a caller with several cores can hand each worker a slice, as
 * bench/forecasting.bench.ts does). Errors name the series: `series[3].history[7]`.
 *
 * @throws DomainError naming `series[i]…` for a bad history, or an option.
 * @example selectForecastModels([[5, 6, 5, 7, 6, 5], [0, 3, 0, 0, 2, 0]]).map((s) => s.pattern) // ["smooth", "intermittent"]
 */
export function selectForecastModels(series: ReadonlyArray<ArrayLike<unknown>>, options: SelectionOptions = {}): ModelSelection[] {
  return series.map((history, i) => {
    try {
      return selectForecastModel(history, options);
    } catch (error) {
      if (error instanceof DomainError && error.field.startsWith("history")) throw new DomainError(`series[${i}].${error.field}`, error.detail, error.kind);
      throw error;
    }
  });
}
