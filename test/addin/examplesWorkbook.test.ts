/**
 * The examples workbook (dist/Tierline-examples.xlsx), written by
 * scripts/build-examples.ts from the definition the pane's "Insert examples"
 * uses. Excel opens a file-written `TIER.` formula as a stuck #NAME?, so the
 * file must hold none: the data, each formula as text with the result the
 * built functions compute, and the instruction to insert the live formulas
 * from the pane.
 */
import { mkdtempSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildExamples, tierFunctionsIn } from "../../addin/src/workbook/examples";
import { INSTRUCTION, writeExamplesWorkbook, type ExpectedResult } from "../../scripts/lib/examplesWorkbook";
import { CONTRACT } from "./functions/contractTable";
import { distDir } from "./functions/loadBuiltFunctions";

jest.setTimeout(60_000);

/** Every function the build has (the contract's pending functions get examples when they are built). */
const contractNames = () => Object.keys(CONTRACT).sort();

let file: string;
let results: ExpectedResult[];
let workbook: ExcelJS.Workbook;
beforeAll(async () => {
  file = path.join(mkdtempSync(path.join(os.tmpdir(), "tierline-examples-")), "Tierline-examples.xlsx");
  results = await writeExamplesWorkbook(file, { distDir });
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
});

function formulaCells(book: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value as { formula?: string; sharedFormula?: string } | null;
        if (value && typeof value === "object" && (typeof value.formula === "string" || typeof value.sharedFormula === "string")) out.push(`${sheet.name}!${cell.address} ${value.formula ?? value.sharedFormula}`);
      }),
    ),
  );
  return out;
}

/** The <f> elements of every worksheet part, as Excel will parse them. */
async function rawFormulas(xlsx: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(await import("node:fs").then((fs) => fs.readFileSync(xlsx)));
  const parts = Object.keys(zip.files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
  const formulas: string[] = [];
  for (const part of parts) for (const m of (await zip.file(part)!.async("string")).matchAll(/<f[^>]*>([^<]*)<\/f>/g)) formulas.push(m[1]);
  return formulas;
}

test("a Read me sheet first, then one sheet per area", () => {
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["Read me", "Segmentation", "Forecasting", "Inventory", "Cost", "Service"]);
  const readMe = workbook.getWorksheet("Read me")!;
  expect(readMe.getCell("A2").value).toBe(INSTRUCTION);
  expect(INSTRUCTION).toMatch(/Settings and choose Insert examples/);
});

test("no cell carries a TIER. formula (Excel would open it as a #NAME? that does not recalculate)", async () => {
  expect(formulaCells(workbook).filter((f) => /TIER\./i.test(f))).toEqual([]);
  const raw = await rawFormulas(file);
  expect(raw.filter((f) => /TIER/i.test(f))).toEqual([]);
  // The one plain Excel formula family (net profit = gross profit − cost to serve) stays a formula.
  expect(raw.length).toBe(12);
});

test("every function of the contract is there as text, with its sheet and cell", () => {
  const readMe = workbook.getWorksheet("Read me")!;
  const listed: string[] = [];
  readMe.eachRow((row, n) => {
    if (n > 4) listed.push(String(row.getCell(3).value));
  });
  expect(listed).toHaveLength(results.length);
  expect(listed.every((f) => f.startsWith("="))).toBe(true);
  const used = new Set(listed.flatMap(tierFunctionsIn));
  expect([...used].sort()).toEqual(contractNames());
  // Each formula's first cell has the formula in its note.
  const abc = results.find((r) => r.formula.formula.startsWith("TIER.ABC("))!;
  const note = workbook.getWorksheet("Segmentation")!.getCell(abc.formula.cell).note;
  expect(typeof note === "string" ? note : JSON.stringify(note)).toContain(`=${abc.formula.formula}`);
});

test("the expected results are the built functions' answers, with no error, on the sheet's own numbers", () => {
  const computed = results.filter((r) => r.values);
  expect(computed.length).toBeGreaterThanOrEqual(18);
  for (const r of computed)
    for (const v of r.values!.flat()) expect(`${r.formula.sheet}!${r.formula.cell} ${typeof v === "object" && v !== null && "code" in v ? JSON.stringify(v) : "ok"}`).toBe(`${r.formula.sheet}!${r.formula.cell} ok`);
  // G(1) = φ(1) − 1·(1 − Φ(1)) = 0.241971 − 0.158655 = 0.083316 (standard normal tables).
  const loss = results.find((r) => r.formula.formula === "TIER.NORMLOSS(1)")!;
  expect(loss.values![0][0] as number).toBeCloseTo(0.083316, 5);
  const inventory = workbook.getWorksheet("Inventory")!;
  expect(inventory.getCell(loss.formula.cell).value as number).toBeCloseTo(0.083316, 5);
  // ABC classes land in the cells the formula would spill into.
  const abc = results.find((r) => r.formula.formula.startsWith("TIER.ABC("))!;
  const sheet = workbook.getWorksheet("Segmentation")!;
  const column = abc.values!.map((_, i) => sheet.getCell(abc.formula.row + i, abc.formula.column).value);
  expect(column).toEqual(abc.values!.map((row) => row[0]));
  expect(new Set(column)).toEqual(new Set(["A", "B", "C"]));
  // Service functions have no result here and say why.
  expect(results.filter((r) => /^TIER\.(SEGMENT|POLICY)\(/.test(r.formula.formula)).every((r) => !r.values && /service/.test(r.reason ?? ""))).toBe(true);
});

test("the file and the pane share one definition: the same data cells", () => {
  for (const sheet of buildExamples()) {
    const ws = workbook.getWorksheet(sheet.name)!;
    for (const c of sheet.cells) expect([sheet.name, c.row, c.column, ws.getCell(c.row, c.column).value ?? null]).toEqual([sheet.name, c.row, c.column, c.value]);
  }
});

const built = path.join(distDir, "Tierline-examples.xlsx");
(existsSync(built) ? test : test.skip)("the copy the build wrote holds no TIER. formula either", async () => {
  expect((await rawFormulas(built)).filter((f) => /TIER/i.test(f))).toEqual([]);
});
