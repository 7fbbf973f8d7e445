import { DomainError, describeValue } from "../errors";
import { mustBe, checkNumber } from "../validation";

/**
 * Validate a history into a Float64Array. A blank cell (null, undefined, "")
 * is a period without demand, 0, as in the segmentation functions that read
 * the same ranges; text, NaN and ±Infinity are refused with the period named
 * (`history[3]`). Intermittent-demand methods refuse negative values: they
 * model demand sizes, and returns must be netted first.
 */
export function toSeries(history: ArrayLike<unknown>, field: string, options: { nonNegative?: boolean; minLength?: number } = {}): Float64Array {
  if (history === null || history === undefined || typeof history.length !== "number" || typeof history === "string") {
    throw new DomainError(field, `expected a list of numbers (one per period), got ${describeValue(history)}`, "missing");
  }
  const minLength = options.minLength ?? 1;
  if (history.length < minLength) {
    throw new DomainError(field, `expected at least ${minLength} period${minLength === 1 ? "" : "s"}, got ${history.length}`, history.length === 0 ? "missing" : "invalid");
  }
  const out = new Float64Array(history.length);
  for (let t = 0; t < history.length; t++) {
    const v = history[t];
    if (v === null || v === undefined || v === "") continue;
    const value = checkNumber(v, `${field}[${t}]`);
    if (options.nonNegative && value < 0) {
      throw new DomainError(`${field}[${t}]`, `${mustBe.atLeast(0)} (demand; net returns first), got ${value}`, "out_of_range");
    }
    out[t] = value;
  }
  return out;
}
