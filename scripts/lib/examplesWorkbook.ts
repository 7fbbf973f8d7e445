/**
 * The examples workbook (dist/Tierline-examples.xlsx), from the same
 * definition as the pane's "Insert examples" (addin/src/workbook/examples.ts).
 *
 * It carries no `TIER.` formula: a file library can only save the dotted name
 * (`TIER.ABC(…)`), and Excel opens that as a #NAME? that recalculation does
 * not clear (it saves add-in formulas as `_xldudf_TIER_ABC` in a dynamic-array
 * cell, office-js#6611). So every example is here as data: the inputs, each
 * formula as text (a note on its first cell and a line of the "Read me"
 * sheet) and the result the built functions compute for it, with the
 * instruction to use "Insert examples" in the Tierline pane, which writes the
 * same sheets with live formulas through Office.js.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import ExcelJS from "exceljs";
import { buildExamples, type ExampleFormula, type ExampleSheet } from "../../addin/src/workbook/examples";

export type BuiltFunctions = Map<string, (...args: unknown[]) => unknown>;

/** A cell error as the built functions return it (CustomFunctions.Error). */
class CellErrorValue {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

const ERROR_CODES = { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" };

/**
 * Runs dist/functions.js as Excel's custom-functions runtime does (a classic
 * script with a `CustomFunctions` global) and collects what it registers.
 */
export function loadBuiltFunctions(distDir: string): BuiltFunctions {
  const file = path.join(distDir, "functions.js");
  if (!existsSync(file)) throw new Error(`${file} is missing: build the add-in first (npm run build runs webpack before this)`);
  const registered: BuiltFunctions = new Map();
  const sandbox = { CustomFunctions: { Error: CellErrorValue, ErrorCode: ERROR_CODES, associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn) } };
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox, { filename: "functions.js" });
  return registered;
}

export interface ExpectedResult {
  formula: ExampleFormula;
  /** what the function returns on the sheet's numbers; undefined when this file cannot compute it */
  values?: unknown[][];
  /** why there are no values */
  reason?: string;
}

const SERVICE_FUNCTIONS = new Set(["SEGMENT", "POLICY"]);

function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "{" || ch === "(")) depth++;
    if (!quoted && (ch === "}" || ch === ")")) depth--;
    if (ch === "," && depth === 0 && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

function cellOf(ref: string): { row: number; column: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a cell: ${ref}`);
  const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), column };
}

function constant(raw: string): unknown {
  if (/^"[^"]*"$/.test(raw)) return raw.slice(1, -1);
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return undefined;
}

/**
 * Evaluates the examples' TIER formulas in order with the built functions,
 * each on its sheet's numbers and the results of the formulas before it.
 * Arguments other than ranges, constants, a/b and array constants (e.g.
 * `C4:C15*SQRT(D4:D15)`) are left to Excel: such a formula has a reason, no values.
 */
export async function expectedResults(sheets: ExampleSheet[], functions: BuiltFunctions): Promise<ExpectedResult[]> {
  const out: ExpectedResult[] = [];
  for (const sheet of sheets) {
    const grid = new Map<string, unknown>();
    for (const c of sheet.cells) grid.set(`${c.row},${c.column}`, c.value);
    const pending = new Set<string>();
    for (const f of sheet.formulas) for (let r = 0; r < f.rows; r++) for (let c = 0; c < f.columns; c++) pending.add(`${f.row + r},${f.column + c}`);
    const range = (ref: string): unknown[][] | undefined => {
      const [from, to = from] = ref.split(":");
      const a = cellOf(from);
      const b = cellOf(to);
      const rows: unknown[][] = [];
      for (let r = a.row; r <= b.row; r++) {
        const row: unknown[] = [];
        for (let c = a.column; c <= b.column; c++) {
          if (pending.has(`${r},${c}`)) return undefined;
          row.push(grid.get(`${r},${c}`) ?? null);
        }
        rows.push(row);
      }
      return rows;
    };
    for (const formula of sheet.formulas) {
      const result = await evaluate(formula, functions, range);
      out.push(result);
      if (result.values) {
        result.values.forEach((row, r) =>
          row.forEach((v, c) => {
            grid.set(`${formula.row + r},${formula.column + c}`, v);
            pending.delete(`${formula.row + r},${formula.column + c}`);
          }),
        );
      }
    }
  }
  return out;
}

async function evaluate(formula: ExampleFormula, functions: BuiltFunctions, range: (ref: string) => unknown[][] | undefined): Promise<ExpectedResult> {
  const m = /^TIER\.([A-Z0-9]+)\((.*)\)$/.exec(formula.formula);
  if (!m) return { formula, reason: "an Excel formula: computed once inserted" };
  const [, name, argumentText] = m;
  if (SERVICE_FUNCTIONS.has(name)) return { formula, reason: "needs the Tierline service: sign in, then Insert examples" };
  const fn = functions.get(name);
  if (!fn) return { formula, reason: `TIER.${name} is not in this build` };
  const args: unknown[] = [];
  for (const raw of splitArguments(argumentText)) {
    let value: unknown;
    if (raw === "") value = null;
    else if (constant(raw) !== undefined) value = constant(raw);
    else if (/^-?\d+(\.\d+)?\/\d+(\.\d+)?$/.test(raw)) value = Number(raw.split("/")[0]) / Number(raw.split("/")[1]);
    else if (/^\{.*\}$/.test(raw))
      value = raw
        .slice(1, -1)
        .split(";")
        .map((row) => row.split(",").map((x) => constant(x.trim())));
    else if (/^\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/.test(raw)) value = range(raw.replace(/\$/g, ""));
    if (value === undefined) return { formula, reason: "computed once inserted (an argument is an expression or another formula's result)" };
    args.push(value);
  }
  const result = (await fn(...args)) as unknown;
  const values = Array.isArray(result) ? (result as unknown[][]).map((row) => (Array.isArray(row) ? row : [row])) : [[result]];
  return { formula, values };
}

/** A result as the cell shows it: a number, text, or the error code and its message. */
export function shownValue(value: unknown): string | number | boolean | null {
  if (value instanceof CellErrorValue || (typeof value === "object" && value !== null && "code" in value)) {
    const error = value as { code: string; message?: string };
    return error.message ? `${error.code} ${error.message}` : error.code;
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return null;
}

/** The formula's result in a few words, for the Read me sheet. */
function summary(result: ExpectedResult): string {
  if (!result.values) return result.reason ?? "";
  const cells = result.values.flat().map(shownValue);
  const text = (v: string | number | boolean | null) => (typeof v === "number" ? String(Math.round(v * 10000) / 10000) : String(v ?? ""));
  const shown = cells.slice(0, 6).map(text).join(", ");
  return `${cells.length > 1 ? `${result.values.length} × ${result.values[0].length}: ` : ""}${shown}${cells.length > 6 ? ", …" : ""}`;
}

export const INSTRUCTION =
  "These sheets hold the example data and, for every TIER formula, its text (a note on its first cell) and the result Tierline computes for it. " +
  "To get the live formulas, open the Tierline pane in Excel (Home ▸ Tierline), go to Settings and choose Insert examples: it adds these sheets to the open workbook with working =TIER formulas.";

export async function buildExamplesWorkbook(options: { distDir: string; seed?: number }): Promise<{ workbook: ExcelJS.Workbook; results: ExpectedResult[] }> {
  const sheets = buildExamples(options.seed);
  const results = await expectedResults(sheets, loadBuiltFunctions(options.distDir));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tierline";

  const readMe = workbook.addWorksheet("Read me");
  readMe.getCell("A1").value = "Tierline examples";
  readMe.getCell("A1").font = { bold: true, size: 14 };
  readMe.getCell("A2").value = INSTRUCTION;
  readMe.getCell("A2").alignment = { wrapText: true, vertical: "top" };
  readMe.mergeCells("A2:D2");
  readMe.getRow(2).height = 60;
  ["Sheet", "Cell", "Formula (inserted live by the pane)", "Expected result"].forEach((title, i) => {
    readMe.getCell(4, i + 1).value = title;
    readMe.getCell(4, i + 1).font = { bold: true };
  });
  results.forEach((result, i) => {
    const row = readMe.getRow(5 + i);
    row.values = [result.formula.sheet, result.formula.cell, `=${result.formula.formula}`, summary(result)];
  });
  readMe.getColumn(1).width = 14;
  readMe.getColumn(2).width = 8;
  readMe.getColumn(3).width = 70;
  readMe.getColumn(4).width = 60;

  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    for (const c of sheet.cells) {
      const cell = ws.getCell(c.row, c.column);
      cell.value = c.value;
      if (c.style === "header") cell.font = { bold: true };
      if (c.style === "note") cell.font = { italic: true };
    }
    for (const result of results.filter((r) => r.formula.sheet === sheet.name)) {
      const { formula } = result;
      const anchor = ws.getCell(formula.row, formula.column);
      if (result.values) {
        result.values.forEach((row, r) => row.forEach((v, c) => (ws.getCell(formula.row + r, formula.column + c).value = shownValue(v))));
      } else if (!formula.formula.startsWith("TIER.")) {
        // A plain Excel formula (no add-in needed) stays a formula.
        anchor.value = { formula: formula.formula } as ExcelJS.CellFormulaValue;
      } else {
        anchor.value = `=${formula.formula}`;
      }
      anchor.note = `=${formula.formula}\n${result.values ? "Result as Tierline computes it." : (result.reason ?? "")} Insert examples (Tierline pane, Settings) makes it live.`;
    }
    for (let c = 1; c <= 24; c++) ws.getColumn(c).width = 14;
  }
  return { workbook, results };
}

export async function writeExamplesWorkbook(file: string, options: { distDir: string; seed?: number }): Promise<ExpectedResult[]> {
  const { workbook, results } = await buildExamplesWorkbook(options);
  await workbook.xlsx.writeFile(file);
  return results;
}
