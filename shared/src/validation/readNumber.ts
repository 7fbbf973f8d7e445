import { DomainError, describeValue } from "../errors";
import { mustBe, numberProblem, type NumberRule } from "./mustBe";

/** A cell or a typed field read as a number. */
export type NumberReading = { kind: "number"; value: number } | { kind: "blank" } | { kind: "error"; detail: string };

/** The error values Excel shows in a cell; Office.js hands them over as this text. */
const EXCEL_ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!"]);

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** Thousands grouped by commas in threes only: "1,2" is a European decimal or a typo, not 12. */
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const PERCENT = /^(.*?)\s*%$/;

/**
 * How a value that is not a number shows in a message: a blank as "a blank",
 * an Excel error by its name, text quoted, the rest as describeValue prints it.
 */
export function describeReceived(value: unknown): string {
  if (typeof value !== "string") return describeValue(value);
  const text = value.trim();
  if (text === "") return "a blank";
  if (EXCEL_ERRORS.has(text.toUpperCase())) return `the error ${text.toUpperCase()}`;
  return JSON.stringify(value);
}

function parseDecimal(text: string): number | undefined {
  if (PLAIN.test(text)) return Number(text);
  if (GROUPED.test(text)) return Number(text.replace(/,/g, ""));
  return undefined;
}

/**
 * Read a worksheet cell or a pane's text as a number the way a planner writes
 * it: surrounding spaces ignored, "1,234.5" with its thousands separators,
 * "25%" as 0.25. A blank (or only spaces) is blank, for the caller to decide
 * whether that is 0, a default or missing. Booleans are refused, since TRUE
 * where a quantity belongs is a mistake rather than 1; an Excel error such as
 * #N/A is named; any other text is quoted back.
 */
export function readNumber(cell: unknown): NumberReading {
  if (typeof cell === "number") return Number.isFinite(cell) ? { kind: "number", value: cell } : { kind: "error", detail: `${mustBe.number}, got ${cell}` };
  if (cell === null || cell === undefined) return { kind: "blank" };
  if (typeof cell !== "string") return { kind: "error", detail: `${mustBe.number}, got ${describeReceived(cell)}` };
  const text = cell.trim();
  if (text === "") return { kind: "blank" };
  const percent = PERCENT.exec(text);
  const parsed = percent ? parseDecimal(percent[1]) : parseDecimal(text);
  const value = percent && parsed !== undefined ? parsed / 100 : parsed;
  if (value === undefined || !Number.isFinite(value)) return { kind: "error", detail: `${mustBe.number}, got ${describeReceived(cell)}` };
  return { kind: "number", value };
}

/**
 * A required number read with {@link readNumber} and checked against `rule`;
 * a blank is missing. Throws a DomainError naming `field` (which carries the
 * row where there is one: `Products, column Cost, row 4`).
 */
export function requireNumber(cell: unknown, field: string, rule: NumberRule = {}): number {
  const reading = readNumber(cell);
  if (reading.kind === "blank") throw new DomainError(field, `${mustBe.number}, got a blank`, "missing");
  if (reading.kind === "error") throw new DomainError(field, reading.detail, "invalid");
  const problem = numberProblem(reading.value, rule);
  if (problem) throw new DomainError(field, problem.detail, problem.kind);
  return reading.value;
}
