import { DomainError, describeValue } from "../errors";
import { mustBe, numberProblem, type NumberRule } from "./mustBe";
import { describeReceived } from "./readNumber";

export type { NumberRule } from "./mustBe";

/**
 * Check one value against a rule and return it as a number. The message names
 * the field and says what was expected and what came, in the words of
 * mustBe.ts: `values[17]: must be ≥ 0, got -1`, `values[17]: must be a
 * number, got "n/a"`. Numbers only: text that reads as a number is the
 * adapters' business (readNumber). Hand-written rather than zod because it
 * runs in the hot loop of million-row benchmarks.
 */
export function checkNumber(value: unknown, field: string, rule: NumberRule = {}): number {
  if (typeof value !== "number") {
    const kind = value === null || value === undefined || value === "" ? "missing" : "invalid";
    throw new DomainError(field, `${mustBe.number}, got ${describeReceived(value)}`, kind);
  }
  const problem = numberProblem(value, rule);
  if (problem) throw new DomainError(field, problem.detail, problem.kind);
  return value;
}

/** Validate a list of numbers into a Float64Array; errors name `field[i]`. */
export function toCheckedFloat64(values: ArrayLike<unknown>, field: string, rule: NumberRule = {}): Float64Array {
  if (values === null || values === undefined || typeof values.length !== "number") {
    throw new DomainError(field, `expected a list of numbers, got ${describeValue(values)}`, "missing");
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = checkNumber(values[i], `${field}[${i}]`, rule);
  return out;
}

/** Ids must be unique and non-empty: ties and joins are decided by them. */
export function checkIds(ids: ReadonlyArray<unknown> | undefined, count: number, field = "ids"): string[] {
  if (ids === undefined) return Array.from({ length: count }, (_, i) => String(i + 1));
  if (ids.length !== count) {
    throw new DomainError(field, `expected ${count} ids (one per item), got ${ids.length}`, "invalid");
  }
  const seen = new Map<string, number>();
  return ids.map((raw, i) => {
    if ((typeof raw !== "string" && typeof raw !== "number") || String(raw).trim() === "") {
      throw new DomainError(`${field}[${i}]`, `expected a non-empty id, got ${describeValue(raw)}`, "missing");
    }
    const id = String(raw);
    const first = seen.get(id);
    if (first !== undefined) throw new DomainError(`${field}[${i}]`, `duplicate id ${JSON.stringify(id)} (also at ${field}[${first}])`);
    seen.set(id, i);
    return id;
  });
}
