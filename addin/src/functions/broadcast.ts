import { numberProblem, readNumber, type NumberRule } from "../../../shared/src/validation";
import { CellError, dataCell, isOmitted } from "./cells";

/**
 * Numeric arguments that broadcast like Excel's dynamic arrays: a single
 * value repeats, a column (or row) range gives one value per row, and every
 * range must have the same length (tier-functions.md, "Conventions").
 */
export interface Broadcast {
  /** rows of the result: the common range length, or 1 when every argument is a single value */
  length: number;
  /** the raw cell of `argument` at row i (a single value for every i) */
  cell(argument: string, i: number): unknown;
  /** whether the argument is a range of more than one cell (so messages name its row) */
  isRange(argument: string): boolean;
}

/**
 * The argument as a list. Only an omitted argument (null) stays blank, to be
 * "required" or take its default; a blank cell of a range reads as 0, which
 * is what older desktop builds pass for it anyway (office-js#4702).
 */
function toList(value: unknown, argument: string): unknown[] {
  if (!Array.isArray(value)) return [value];
  const rows = value.length;
  const columns = Array.isArray(value[0]) ? value[0].length : 1;
  // An empty range holds no value: read it as omitted, so it is "required" or takes its default.
  if (rows === 0 || columns === 0) return [null];
  if (rows === 1) return (Array.isArray(value[0]) ? value[0] : [value[0]]).map(dataCell);
  if (columns === 1) return value.map((row) => dataCell(Array.isArray(row) ? row[0] : row));
  throw new CellError("invalid", `${argument}: expected a single value or one column, got ${rows} rows × ${columns} columns`);
}

/** @throws CellError naming both arguments when two ranges differ in length. */
export function broadcast(args: Readonly<Record<string, unknown>>): Broadcast {
  const lists = new Map<string, unknown[]>();
  let length = 1;
  let lengthFrom: string | undefined;
  for (const [argument, value] of Object.entries(args)) {
    const list = toList(value, argument);
    lists.set(argument, list);
    if (list.length === 1) continue;
    if (lengthFrom === undefined) {
      length = list.length;
      lengthFrom = argument;
    } else if (list.length !== length) {
      throw new CellError("invalid", `${lengthFrom} has ${length} rows but ${argument} has ${list.length}: ranges must have equal length`);
    }
  }
  return {
    length,
    cell(argument, i) {
      const list = lists.get(argument);
      if (!list) throw new Error(`broadcast: unknown argument ${argument}`);
      return list.length === 1 ? list[0] : list[i];
    },
    isRange(argument) {
      return (lists.get(argument)?.length ?? 0) > 1;
    },
  };
}

/**
 * Read a numeric argument at row i. The message names the argument and, for
 * ranges, the 1-based row, in shared/src/validation's words (`demand_sd row
 * 17: must be ≥ 0, got -1`); `#VALUE!` for a number out of range or text,
 * `#N/A` for an omitted required argument. Text that reads as a number
 * ("1,234", "25%") counts as that number, as in Excel's own arithmetic.
 */
export function numberAt(b: Broadcast, argument: string, i: number, rule: NumberRule & { optional?: number } = {}): number {
  const raw = b.cell(argument, i);
  // The common case first, without building a message: a 100,000-row column
  // must not cost 100,000 strings (bench/functions.bench.ts).
  if (
    typeof raw === "number" &&
    Number.isFinite(raw) &&
    (rule.min === undefined || raw >= rule.min) &&
    (rule.greaterThan === undefined || raw > rule.greaterThan) &&
    (rule.max === undefined || raw <= rule.max) &&
    (rule.lessThan === undefined || raw < rule.lessThan) &&
    (!rule.integer || Number.isInteger(raw))
  ) {
    return raw;
  }
  const reading = isOmitted(raw) ? ({ kind: "blank" } as const) : readNumber(raw);
  if (reading.kind === "blank" && rule.optional !== undefined) return rule.optional;
  // A single value repeated over every row has no row of its own to name.
  const where = b.isRange(argument) ? `${argument} row ${i + 1}` : argument;
  if (reading.kind === "blank") throw new CellError("missing", `${where}: required`);
  if (reading.kind === "error") throw new CellError("invalid", `${where}: ${reading.detail}`);
  const problem = numberProblem(reading.value, rule);
  if (problem) throw new CellError(problem.kind, `${where}: ${problem.detail}`);
  return reading.value;
}
