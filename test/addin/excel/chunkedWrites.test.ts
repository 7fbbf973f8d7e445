/**
 * The Excel edge under Excel on the web's 5 MB request/response limit, the
 * example sheets written through `range.formulas`, the recalculation after
 * master data changed, and the workbook's record of its service — against a
 * recording fake context that, like Excel, applies writes and loads only at
 * `sync()` and measures each sync's payload.
 */
import { blocks, jsonBytes, rowsPerChunk } from "../../../addin/src/excel/chunks";
import { freeSheetName, insertExamples } from "../../../addin/src/excel/examples";
import { recalculateAll } from "../../../addin/src/excel/recalculate";
import { readTable, writeColumns, writeTable } from "../../../addin/src/excel/tables";
import { readWorkbookServiceUrl, SERVICE_URL_SETTING, writeWorkbookServiceUrl } from "../../../addin/src/excel/workbookSettings";
import { buildExamples, sheetExtent, tierFunctionsIn } from "../../../addin/src/workbook/examples";
import { RecordingContext, type FakeTable } from "./recordingContext";

function bigTable(rows: number): FakeTable {
  return {
    name: "TierlineSegments",
    sheet: "Segments",
    headers: ["ProductId", "Segment", "Description"],
    rows: Array.from({ length: rows }, (_, i) => [`P${String(i).padStart(6, "0")}`, i % 3 ? "AX" : "CZ", `item ${i} — ${"x".repeat(i % 50)}`]),
  };
}

describe("chunk sizing", () => {
  test("rows per block follow the widest row's JSON bytes, non-ASCII counted as UTF-8", () => {
    expect(jsonBytes(["é"])).toBe(Buffer.byteLength(JSON.stringify(["é"])));
    expect(jsonBytes(["€"])).toBe(Buffer.byteLength(JSON.stringify(["€"])));
    const rows = [
      ["a", 1],
      ["bbbbbbbbbb", 2],
    ];
    const widest = jsonBytes(rows[1]) + 1;
    expect(rowsPerChunk(rows, widest * 10)).toBe(10);
    expect(rowsPerChunk([["x".repeat(100)]], 10)).toBe(1);
    expect(blocks(25, 10)).toEqual([
      { start: 0, count: 10 },
      { start: 10, count: 10 },
      { start: 20, count: 5 },
    ]);
  });
});

describe("reads and writes in blocks under the budget", () => {
  const budget = 64 * 1024;

  test("readTable of 20,000 rows: several syncs, each response under the budget, every row back in order", async () => {
    const table = bigTable(20_000);
    const context = new RecordingContext({ tables: [table] });
    const read = await readTable(context.asExcel(), "TierlineSegments", budget);
    expect(read.rows).toHaveLength(20_000);
    expect(read.rows[12_345]).toEqual(table.rows[12_345]);
    expect(context.syncs.length).toBeGreaterThan(5);
    expect(context.maxBytes().response).toBeLessThanOrEqual(budget);
  });

  test("writeColumns of 20,000 rows: each request under the budget; the values land in the right rows", async () => {
    const table = bigTable(20_000);
    const context = new RecordingContext({ tables: [table] });
    const segments = table.rows.map((_, i) => (i % 2 ? "BY" : "AZ"));
    await writeColumns(
      context.asExcel(),
      "TierlineSegments",
      [
        { header: "Segment", values: segments },
        { header: "abc", values: segments.map((s) => s[0]) },
      ],
      budget,
    );
    expect(table.rows.map((r) => r[1])).toEqual(segments);
    expect(table.rows.map((r) => r[3])).toEqual(segments.map((s) => s[0]));
    expect(context.syncs.length).toBeGreaterThan(3);
    expect(context.maxBytes().request).toBeLessThanOrEqual(budget);
  });

  test("writeTable of 20,000 rows: blocks under the budget, then the table over all of them", async () => {
    const context = new RecordingContext();
    const rows = bigTable(20_000).rows;
    await writeTable(context.asExcel(), { name: "TierlinePareto", headers: ["Id", "Segment", "Text"], rows }, budget);
    expect(context.tables).toHaveLength(1);
    expect(context.tables[0].rows).toEqual(rows);
    expect(context.maxBytes().request).toBeLessThanOrEqual(budget);
    expect(context.syncs.length).toBeGreaterThan(3);
  });
});

describe("Insert examples", () => {
  const sheets = buildExamples();

  test("writes every sheet's data and every formula as =TIER.… through range.formulas, in blocks under the budget", async () => {
    const context = new RecordingContext({ sheets: ["Sheet1"] });
    const budget = 2048;
    const result = await insertExamples(context.asExcel(), sheets, budget);
    expect(result.sheets).toEqual(["Segmentation", "Forecasting", "Inventory", "Cost", "Service"]);
    expect(context.syncs.length).toBeGreaterThan(sheets.length + 2);
    expect(context.maxBytes().request).toBeLessThanOrEqual(budget);
    for (const sheet of sheets) {
      const written = context.sheet(sheet.name)!;
      for (const f of sheet.formulas) expect(`${sheet.name}!${f.cell} ${written.formulas.get(`${f.row - 1},${f.column - 1}`)}`).toBe(`${sheet.name}!${f.cell} =${f.formula}`);
      for (const c of sheet.cells) expect(written.cells.get(`${c.row - 1},${c.column - 1}`)).toBe(c.value ?? "");
      // Only the formulas are formulas: no data cell became one.
      expect(written.formulas.size).toBe(sheet.formulas.length);
    }
    expect(result.formulas).toBe(sheets.reduce((n, s) => n + s.formulas.length, 0));
    expect(context.active).toBe("Segmentation");
    expect([...context.sheet("Inventory")!.formulas.values()].filter((f) => f.includes(".RQ"))).toEqual(['=TIER.RQPOLICY(1300,150,1/12,8,0.225,7.5,"exact")', '=TIER.RQPOLICY(1.5,,2,100,20,150,"exact","poisson")']);
  });

  test("a sheet name already in the workbook is never overwritten: the examples get a number", async () => {
    const context = new RecordingContext({ sheets: ["Segmentation", "Cost"] });
    const result = await insertExamples(context.asExcel(), sheets);
    expect(result.sheets).toEqual(["Segmentation 2", "Forecasting", "Inventory", "Cost 2", "Service"]);
    expect(context.sheet("Segmentation")!.cells.size).toBe(0);
    expect(freeSheetName("A very long worksheet name here", new Set(["a very long worksheet name here"]))).toBe("A very long worksheet name he 2");
  });

  test("the definition: a formula for every TIER function of the contract, each inside its sheet's block", () => {
    const used = new Set(sheets.flatMap((s) => s.formulas.flatMap((f) => tierFunctionsIn(f.formula))));
    expect(used.has("RQ")).toBe(false);
    expect(used.has("RQPOLICY")).toBe(true);
    for (const s of sheets) {
      const { rows, columns } = sheetExtent(s);
      for (const f of s.formulas) expect(f.row + f.rows - 1 <= rows && f.column + f.columns - 1 <= columns).toBe(true);
    }
  });
});

describe("after master data changed", () => {
  test("the caches are cleared first, then a full recalculation in the same sync", async () => {
    const context = new RecordingContext();
    const order: string[] = [];
    await recalculateAll(context.asExcel(), () => order.push(`clear (calculations so far: ${context.calculations.length})`));
    expect(order).toEqual(["clear (calculations so far: 0)"]);
    expect(context.calculations).toEqual(["Full"]);
    expect(context.syncs).toHaveLength(1);
  });
});

describe("the workbook's service", () => {
  test("is recorded in the workbook settings and read back; none recorded reads as undefined", async () => {
    const context = new RecordingContext();
    await expect(readWorkbookServiceUrl(context.asExcel())).resolves.toBeUndefined();
    await writeWorkbookServiceUrl(context.asExcel(), "https://tierline.example.com");
    expect(context.settings.get(SERVICE_URL_SETTING)).toBe("https://tierline.example.com");
    await expect(readWorkbookServiceUrl(context.asExcel())).resolves.toBe("https://tierline.example.com");
  });
});
