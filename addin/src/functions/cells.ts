import { DomainError, assertUnreachable } from "../../../shared/src/errors";
import { readNumber } from "../../../shared/src/validation";

/** What Excel hands a custom function for a range or array argument. */
export type Range = unknown[][];

/**
 * Excel passes null for an omitted argument; an empty cell reads as null (web,
 * current desktop builds), "" (a formula's empty text) or, on older desktop
 * builds, 0 (office-js#4702), which no adapter can tell from a typed 0. So
 * every adapter reads a blank as 0 where 0 is a valid value (see
 * {@link dataCell}) and treats 0 as omitted where it is not (see
 * {@link isOmittedOrZero}): a blank then gives the same answer on every build.
 */
export function isOmitted(value: unknown): value is null | undefined | "" {
  return value === null || value === undefined || value === "";
}

/** An optional argument for which 0 is not a valid value: 0 (a blank cell on older desktop builds) counts as omitted. */
export function isOmittedOrZero(value: unknown): boolean {
  return isOmitted(value) || value === 0 || value === "0";
}

/**
 * A cell of numeric data: a blank (or only spaces) reads as 0, as older
 * desktop builds pass it anyway; text that reads as a number ("1,234", "25%")
 * as that number, one reader for cells, tables and panes (readNumber);
 * anything else stays as it came, for the validator to name.
 */
export function dataCell(value: unknown): unknown {
  if (typeof value === "number") return value;
  const reading = readNumber(value);
  return reading.kind === "blank" ? 0 : reading.kind === "number" ? reading.value : value;
}

/** Every cell of a range read by {@link dataCell} (a fresh array: Excel's input is not mutated). */
function dataCells(range: unknown[][]): unknown[][] {
  return range.map((row) => row.map(dataCell));
}

/** A range every cell of which is blank or 0: an optional list for which 0 is not valid counts as omitted. */
function isOmittedRange(value: unknown): boolean {
  if (isOmittedOrZero(value)) return true;
  return Array.isArray(value) && value.every((row) => (Array.isArray(row) ? row.every(isOmittedOrZero) : isOmittedOrZero(row)));
}

/** A thrown error that the cell boundary shows as-is (already worded for the planner). */
export class CellError extends Error {
  constructor(
    readonly code: "invalid" | "out_of_range" | "missing",
    message: string,
  ) {
    super(message);
  }
}

/**
 * One column (or one row) of values from a range, in order; `argument` is the
 * Excel parameter name. Errors inside say `values row 17` (or `column 17` for
 * a row range), 1-based as Excel shows them. Only an omitted argument is
 * "required": a range of blank cells is data, read by {@link dataVector}.
 */
export function vectorArgument(range: unknown, argument: string): { values: unknown[]; orientation: "row" | "column" } {
  if (isOmitted(range)) throw new CellError("missing", `${argument}: required`);
  if (!Array.isArray(range)) return { values: [range], orientation: "column" };
  const rows = range.length;
  const columns = Array.isArray(range[0]) ? range[0].length : 1;
  // Excel never passes an empty range, but a caller might: an empty spill would show nothing at all.
  if (rows === 0 || columns === 0) throw new CellError("missing", `${argument}: required`);
  if (rows === 1) return { values: Array.isArray(range[0]) ? [...range[0]] : [range[0]], orientation: "row" };
  if (columns === 1) return { values: range.map((row) => (Array.isArray(row) ? row[0] : row)), orientation: "column" };
  throw new CellError("invalid", `${argument}: expected one column, got ${rows} rows × ${columns} columns`);
}

/** A data column (values, profits, history…) read by {@link dataCell}: every blank cell is 0. */
export function dataVector(range: unknown, argument: string): { values: unknown[]; orientation: "row" | "column" } {
  const input = vectorArgument(range, argument);
  return { values: input.values.map(dataCell), orientation: input.orientation };
}

/**
 * An optional list argument (cut-offs, labels, weights): a row, a column or an
 * array constant. A list of nothing but blanks (or 0s, as older builds pass
 * blanks) is omitted.
 */
export function optionalList(range: unknown, argument: string): unknown[] | undefined {
  if (isOmittedRange(range)) return undefined;
  return vectorArgument(range, argument).values;
}

/**
 * A cell value as a message shows it: JSON.stringify would print NaN and
 * ±Infinity as `null` and a blank as `""`, which tells the planner nothing.
 */
export function describeCell(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (isOmitted(value)) return "a blank";
  return JSON.stringify(value) ?? String(value);
}

/** An optional list of numbers; a blank item inside a list that was given reads as 0. */
export function optionalNumberList(range: unknown, argument: string): number[] | undefined {
  const list = optionalList(range, argument);
  return list?.map((raw, i) => {
    const reading = readNumber(raw);
    if (reading.kind === "error") throw new CellError("invalid", `${argument} item ${i + 1}: ${reading.detail}`);
    return reading.kind === "blank" ? 0 : reading.value;
  });
}

/** An optional list of names (labels, directions); a blank item (or 0) reads as "". */
export function optionalStringList(range: unknown, argument: string): string[] | undefined {
  return optionalList(range, argument)?.map((value) => (isOmittedOrZero(value) ? "" : String(value).trim()));
}

/** An optional choice among names, matched case-insensitively; 0 (a blank on older builds) is omitted. */
export function optionalChoice<T extends string>(value: unknown, argument: string, choices: readonly T[]): T | undefined {
  if (isOmittedOrZero(value) || (typeof value === "string" && value.trim() === "")) return undefined;
  const text = String(value).trim().toLowerCase();
  const hit = choices.find((c) => c.toLowerCase() === text);
  if (!hit) throw new CellError("invalid", `${argument}: "${String(value)}" is not one of ${choices.join(", ")}`);
  return hit;
}

/**
 * An optional single number. With `zeroIsOmitted` (an argument for which 0 is
 * not a valid value: a cut-off, a horizon, a season length), 0 counts as
 * omitted, as older desktop builds pass a blank cell as 0.
 */
export function optionalNumber(value: unknown, argument: string, zeroIsOmitted = false): number | undefined {
  const reading = readNumber(value);
  if (reading.kind === "blank" || (zeroIsOmitted && reading.kind === "number" && reading.value === 0)) return undefined;
  if (reading.kind === "error") throw new CellError("invalid", `${argument}: ${reading.detail}`);
  return reading.value;
}

/**
 * A rows × columns data table (demand, criteria, driver volumes, metrics):
 * only an omitted argument is "required"; every cell is read by {@link dataCell}, a blank as 0.
 */
export function tableArgument(range: unknown, argument: string): unknown[][] {
  if (isOmitted(range)) throw new CellError("missing", `${argument}: required`);
  if (!Array.isArray(range)) return [[dataCell(range)]];
  return dataCells(range.map((row) => (Array.isArray(row) ? row : [row])));
}

/** Settings given as a short list (an array constant such as {0.8,0.95}): positions are items, not rows. */
const LIST_ARGUMENTS = new Set(["cutoffs", "labels", "weights", "directions", "breakpoints", "unit_costs"]);

/**
 * Rewrite a domain field path as the planner sees the cells: `values[16]` →
 * `values row 17`, `demand[3][5]` → `demand row 4, column 6`, with the
 * domain's field names replaced by Excel's argument names.
 */
export function cellFieldName(field: string, names: Readonly<Record<string, string>>, orientation: "row" | "column" = "column"): string {
  // Names may hold digits (cv2Cutoff), but not as their first character.
  const match = /^([A-Za-z_][A-Za-z0-9_]*|)((?:\[\d+\])*)(.*)$/.exec(field);
  if (!match) return field;
  const [, root, indexText, rest] = match;
  const name = names[root] ?? root;
  const indices = [...indexText.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]) + 1);
  let where = "";
  if (indices.length === 1) where = LIST_ARGUMENTS.has(name) ? ` item ${indices[0]}` : ` ${orientation === "row" ? "column" : "row"} ${indices[0]}`;
  else if (indices.length >= 2) where = ` row ${indices[0]}, column ${indices[1]}`;
  const tail = rest.replace(/^\./, " ");
  return `${name}${where}${tail}`.trim() || field;
}

function errorCode(kind: CellError["code"]): CustomFunctions.ErrorCode {
  switch (kind) {
    case "invalid":
      return CustomFunctions.ErrorCode.invalidValue;
    // Excel shows a message only on #VALUE! and #N/A: an out-of-range number is #VALUE! so the planner reads why.
    case "out_of_range":
      return CustomFunctions.ErrorCode.invalidValue;
    case "missing":
      return CustomFunctions.ErrorCode.notAvailable;
    default:
      return assertUnreachable(kind);
  }
}

/**
 * The one place errors become cell errors. A DomainError is reworded with
 * Excel's argument names and 1-based rows; anything else is a bug, still shown
 * with its message rather than a bare #VALUE!.
 */
export function toCellError(error: unknown, names: Readonly<Record<string, string>> = {}, orientation: "row" | "column" = "column"): CustomFunctions.Error {
  if (error instanceof CellError) return new CustomFunctions.Error(errorCode(error.code), error.message);
  if (error instanceof DomainError) {
    return new CustomFunctions.Error(errorCode(error.kind), `${cellFieldName(error.field, names, orientation)}: ${error.detail}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `Tierline internal error: ${message}`);
}

/** Values as one spilled column. */
export function asColumn<T>(values: readonly T[]): T[][] {
  return values.map((v) => [v]);
}

/**
 * Excel cannot show NaN or ±Infinity, and a planner cannot act on them: a
 * result that overflowed (inputs near 1e308) becomes #NUM! in its own cell,
 * while the other rows keep their values. #NUM! is the one code for a result
 * that cannot be represented; Excel shows no message on it, so none is given.
 */
export function finiteCells(rows: unknown[][]): unknown[][] {
  return rows.map((row) => row.map((value) => (typeof value === "number" && !Number.isFinite(value) ? new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidNumber) : value)));
}

/** Where the primary range came from, so row numbers in messages match the sheet. */
export interface SpillContext {
  orientation: "row" | "column";
}

/**
 * Run a function body and spill its list as one column; any error becomes a
 * single cell error (with Excel's argument names), returned rather than
 * thrown so the cell shows the message.
 */
export function spillColumn(compute: (context: SpillContext) => readonly unknown[], names: Readonly<Record<string, string>> = {}): unknown[][] {
  const context: SpillContext = { orientation: "column" };
  try {
    return finiteCells(asColumn(compute(context)));
  } catch (error) {
    return [[toCellError(error, names, context.orientation)]];
  }
}
