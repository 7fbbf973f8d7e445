/**
 * The examples workbook: written by scripts/build-examples.ts, opened here
 * with exceljs. It must hold a formula for every function of the contract,
 * and each formula whose arguments are plain ranges and constants must give
 * no error when the built functions run on the sheet's own numbers.
 */
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { writeExamplesWorkbook } from "../../scripts/lib/examplesWorkbook";
import { CONTRACT } from "./functions/contractTable";
import { distDir, loadBuiltFunctions } from "./functions/loadBuiltFunctions";

jest.setTimeout(30_000);

async function formulasIn(file: string): Promise<Array<{ sheet: ExcelJS.Worksheet; address: string; formula: string }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const out: Array<{ sheet: ExcelJS.Worksheet; address: string; formula: string }> = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value as { formula?: string } | null;
        if (value && typeof value === "object" && typeof value.formula === "string") out.push({ sheet, address: cell.address, formula: value.formula });
      }),
    ),
  );
  return out;
}

function cellsOf(sheet: ExcelJS.Worksheet, ref: string): Array<[number, number]> {
  const [from, to = from] = ref.replace(/\$/g, "").split(":");
  const a = sheet.getCell(from);
  const b = sheet.getCell(to);
  const out: Array<[number, number]> = [];
  for (let r = Number(a.row); r <= Number(b.row); r++) for (let c = Number(a.col); c <= Number(b.col); c++) out.push([r, c]);
  return out;
}

/** A range as Excel hands it to a custom function (rows of values, blanks as null); undefined when a formula fills part of it. */
function readRange(sheet: ExcelJS.Worksheet, ref: string): unknown[][] | undefined {
  const cells = cellsOf(sheet, ref);
  const rows = new Map<number, unknown[]>();
  for (const [r, c] of cells) {
    const cell = sheet.getCell(r, c);
    const v = cell.value as { formula?: string; sharedFormula?: string } | null;
    // A cell that a formula fills (itself or as part of an array formula's range) has no value until Excel computes it.
    if (cell.type === ExcelJS.ValueType.Formula || (v !== null && typeof v === "object") || filledByFormula(sheet).has(`${r},${c}`)) return undefined;
    rows.set(r, [...(rows.get(r) ?? []), v ?? null]);
  }
  return [...rows.values()];
}

const filled = new WeakMap<ExcelJS.Worksheet, Set<string>>();
function filledByFormula(sheet: ExcelJS.Worksheet): Set<string> {
  let set = filled.get(sheet);
  if (set) return set;
  set = new Set();
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      const model = cell.model as { ref?: string; shareType?: string };
      if (cell.type === ExcelJS.ValueType.Formula && model.shareType === "array" && model.ref) for (const [r, c] of cellsOf(sheet, model.ref)) set!.add(`${r},${c}`);
    }),
  );
  filled.set(sheet, set);
  return set;
}

/** Split top-level arguments; undefined when one is an expression this test does not evaluate. */
function evaluateArguments(sheet: ExcelJS.Worksheet, text: string): unknown[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "{" || ch === "(") depth++;
    if (ch === "}" || ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  const values: unknown[] = [];
  for (const raw of parts.map((p) => p.trim())) {
    if (raw === "") values.push(null);
    else if (/^"[^"]*"$/.test(raw)) values.push(raw.slice(1, -1));
    else if (/^-?\d+(\.\d+)?$/.test(raw)) values.push(Number(raw));
    else if (/^\{.*\}$/.test(raw)) values.push([raw.slice(1, -1).split(",").map((x) => (x.startsWith('"') ? x.slice(1, -1) : Number(x)))]);
    else if (/^\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/.test(raw)) {
      const range = readRange(sheet, raw);
      if (!range) return undefined;
      values.push(range);
    } else return undefined;
  }
  return values;
}

describe("Tierline-examples.xlsx", () => {
  let file: string;
  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(os.tmpdir(), "tierline-examples-")), "Tierline-examples.xlsx");
    await writeExamplesWorkbook(file);
  });

  it("has one sheet per area", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Segmentation", "Forecasting", "Inventory", "Cost", "Service"]);
  });

  it("holds a live formula for every function of the contract", async () => {
    const formulas = await formulasIn(file);
    const used = new Set(formulas.flatMap((f) => [...f.formula.matchAll(/TIER\.([A-Z0-9]+)\(/g)].map((m) => m[1])));
    expect([...used].sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  it("computes without an error on its own numbers (formulas with plain arguments)", async () => {
    const fns = loadBuiltFunctions();
    let evaluated = 0;
    for (const { sheet, address, formula } of await formulasIn(file)) {
      const m = /^TIER\.([A-Z0-9]+)\((.*)\)$/.exec(formula);
      if (!m || CONTRACT[m[1]].area === "service") continue;
      const args = evaluateArguments(sheet, m[2]);
      if (!args) continue;
      while (args.length < CONTRACT[m[1]].parameters.length) args.push(null);
      const result = fns.get(m[1])!(...args) as unknown[][];
      for (const row of result) for (const cell of row) expect(`${sheet.name}!${address} ${formula}: ${cell instanceof CustomFunctions.Error ? cell.message : "ok"}`).toMatch(/: ok$/);
      evaluated++;
    }
    expect(evaluated).toBeGreaterThanOrEqual(18);
  });

  const built = path.join(distDir, "Tierline-examples.xlsx");
  (existsSync(built) ? it : it.skip)("the copy the build wrote holds every function too", async () => {
    const used = new Set((await formulasIn(built)).flatMap((f) => [...f.formula.matchAll(/TIER\.([A-Z0-9]+)\(/g)].map((m) => m[1])));
    expect([...used].sort()).toEqual(Object.keys(CONTRACT).sort());
  });
});
