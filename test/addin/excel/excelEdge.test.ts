/**
 * Every function of addin/src/excel/ against office-addin-mock: reads happen
 * only after load + sync (the mock returns an error string otherwise), the
 * number of syncs is fixed whatever the number of tables or columns, and the
 * writes are what Excel should receive.
 */
import { OfficeMockObject } from "office-addin-mock";
import { drawChart } from "../../../addin/src/excel/charts";
import { ExcelWorkbook } from "../../../addin/src/excel/excelWorkbook";
import { applyHeatMap } from "../../../addin/src/excel/heatMap";
import { listTables, readSelection, readTable, sheetNameFor, writeColumns, writeTable } from "../../../addin/src/excel/tables";
import { managedTables, setTag } from "../../../addin/src/excel/tags";
import { mockContext, type MockTable } from "./mockWorkbook";
import { RecordingContext } from "./recordingContext";

const products: MockTable = {
  name: "Products",
  headers: ["ProductId", "Revenue", "W01", "W02"],
  rows: [
    ["P1", 50, 10, ""],
    ["P2", 30, 0, 4],
  ],
};
const managed: MockTable = { name: "TierlineSegments", headers: ["ProductId", "Segment"], rows: [["P1", "AX"]] };
const other: MockTable = { name: "Notes", headers: ["Text"], rows: [["hello"]] };

/** Counts context.sync() calls while delegating to the mock's own sync. */
function countSyncs(context: Excel.RequestContext): { count: number } {
  const counter = { count: 0 };
  const sync = context.sync.bind(context);
  (context as unknown as { sync: () => Promise<void> }).sync = async () => {
    counter.count++;
    await sync();
  };
  return counter;
}

describe("tables.ts", () => {
  test("listTables returns every table's headers and row count in two syncs", async () => {
    const { context } = mockContext([products, managed, other]);
    const syncs = countSyncs(context);
    await expect(listTables(context)).resolves.toEqual([
      { name: "Products", headers: ["ProductId", "Revenue", "W01", "W02"], rowCount: 2 },
      { name: "TierlineSegments", headers: ["ProductId", "Segment"], rowCount: 1 },
      { name: "Notes", headers: ["Text"], rowCount: 1 },
    ]);
    expect(syncs.count).toBe(2);
  });

  test("readTable loads header and body values (after their sync); a blank cell reads as null", async () => {
    const context = new RecordingContext({ tables: [{ name: "Products", sheet: "Products", headers: products.headers, rows: products.rows.map((r) => [...r]) }] });
    await expect(readTable(context.asExcel(), "Products")).resolves.toEqual({
      name: "Products",
      headers: ["ProductId", "Revenue", "W01", "W02"],
      rows: [
        ["P1", 50, 10, null],
        ["P2", 30, 0, 4],
      ],
    });
    // shape, then one block of rows
    expect(context.syncs).toHaveLength(2);
  });

  test("readTable of a missing table fails (Excel's ItemNotFound reaches the caller)", async () => {
    const { context } = mockContext([products]);
    await expect(readTable(context, "Nope")).rejects.toThrow(/ItemNotFound/);
  });

  test("readSelection takes the first row as headers", async () => {
    const grid = new RecordingContext({ sheets: ["Sheet1"] });
    const sheet = grid.sheet("Sheet1")!;
    [
      ["Id", "Value"],
      ["a", 1],
      ["b", ""],
    ].forEach((row, r) => row.forEach((v, c) => sheet.cells.set(`${r},${c}`, v)));
    Object.defineProperty(grid, "workbook", { value: { getSelectedRange: () => sheet.getRangeByIndexes(0, 0, 3, 2) } });
    await expect(readSelection(grid.asExcel())).resolves.toEqual({
      name: "Sheet1!R1C1",
      headers: ["Id", "Value"],
      rows: [
        ["a", 1],
        ["b", null],
      ],
    });
  });

  test("readSelection of a header row alone says what to select", async () => {
    const grid = new RecordingContext({ sheets: ["Sheet1"] });
    const sheet = grid.sheet("Sheet1")!;
    sheet.cells.set("0,0", "Id");
    Object.defineProperty(grid, "workbook", { value: { getSelectedRange: () => sheet.getRangeByIndexes(0, 0, 1, 2) } });
    await expect(readSelection(grid.asExcel())).rejects.toThrow("the selection Sheet1!R1C1 has no rows under its header row");
  });

  test("writeColumns replaces existing columns by header (any case) and appends new ones by name, then fills them", async () => {
    const table = { name: "Products", sheet: "Products", headers: [...products.headers], rows: products.rows.map((r) => [...r]) };
    const context = new RecordingContext({ tables: [table] });
    await writeColumns(context.asExcel(), "Products", [
      { header: "revenue", values: [1, 2] },
      { header: "ABC", values: ["A", null] },
      { header: "XYZ", values: ["X", "Z"] },
    ]);
    expect(table.headers).toEqual(["ProductId", "Revenue", "W01", "W02", "ABC", "XYZ"]);
    expect(table.rows).toEqual([
      ["P1", 1, 10, "", "A", "X"],
      ["P2", 2, 0, 4, "", "Z"],
    ]);
    // headers; the two added columns; one block of rows
    expect(context.syncs).toHaveLength(3);
  });

  test("writeColumns refuses a column of the wrong length and writes nothing", async () => {
    const { context, writes } = mockContext([products]);
    await expect(writeColumns(context, "Products", [{ header: "ABC", values: ["A"] }])).rejects.toThrow('column "ABC" has 1 values but table Products has 2 rows');
    expect(writes.addedColumns).toEqual([]);
  });

  test("writeTable on a new name adds a worksheet and a table with headers", async () => {
    const context = new RecordingContext();
    await writeTable(context.asExcel(), {
      name: "TierlinePareto",
      headers: ["Rank", "Item"],
      rows: [
        [1, "P1"],
        [2, null],
      ],
    });
    expect(context.sheets.map((s) => s.name)).toEqual(["TierlinePareto"]);
    expect(context.tables).toEqual([
      {
        name: "TierlinePareto",
        sheet: "TierlinePareto",
        headers: ["Rank", "Item"],
        rows: [
          [1, "P1"],
          [2, ""],
        ],
      },
    ]);
    expect(context.syncs).toHaveLength(2);
  });

  test("writeTable on an existing name replaces the table and clears its sheet's contents", async () => {
    const pareto: MockTable = { name: "TierlinePareto", headers: ["Rank"], rows: [[1]] };
    const { context, writes } = mockContext([pareto], { sheets: ["TierlinePareto"] });
    await writeTable(context, { name: "TierlinePareto", headers: ["Rank"], rows: [[1], [2]] });
    expect(writes.deletedTables).toEqual(["TierlinePareto"]);
    expect(writes.addedSheets).toEqual([]);
    expect(writes.ranges[0]).toMatchObject({ cleared: "Contents" });
    expect(writes.addedTables).toEqual([{ sheet: "TierlinePareto", hasHeaders: true, name: "TierlinePareto" }]);
  });

  test("sheetNameFor keeps worksheet names legal: at most 31 characters, no \\ / ? * [ ] :", () => {
    expect(sheetNameFor("TierlineInventoryValueBySegmentAndRegion")).toHaveLength(31);
    expect(sheetNameFor("a/b:c[d]")).toBe("a_b_c_d_");
  });
});

describe("charts.ts", () => {
  const pareto: MockTable = { name: "TierlinePareto", headers: ["Rank", "ProductId", "Revenue", "CumulativeShare"], rows: [[1, "P1", 50, 0.625]] };

  test("a Pareto chart: bars of the value, the cumulative share as a line on the secondary axis, beside the table", async () => {
    const { context, writes } = mockContext([pareto]);
    const syncs = countSyncs(context);
    await drawChart(context, { title: "Pareto of Revenue", table: "TierlinePareto", categoryColumn: "ProductId", barColumn: "Revenue", lineColumn: "CumulativeShare" });
    expect(writes.charts).toEqual([
      {
        sheet: "TierlinePareto",
        type: "ColumnClustered",
        source: "TierlinePareto[Revenue]",
        seriesBy: "Columns",
        name: "Pareto of Revenue",
        title: "Pareto of Revenue",
        legend: "Bottom",
        position: "TierlinePareto!R2C6",
        axes: {
          category: { title: "Product id" },
          value: { title: "Revenue", numberFormat: "#,##0" },
          "value secondary": { title: "Cumulative share", numberFormat: "0%", maximum: 1 },
        },
        series: [
          { values: "TierlinePareto[Revenue]", name: "Revenue", categories: "TierlinePareto[ProductId]" },
          { name: "Cumulative share", values: "TierlinePareto[CumulativeShare]", categories: "TierlinePareto[ProductId]", chartType: "Line", axisGroup: "Secondary" },
        ],
      },
    ]);
    expect(syncs.count).toBe(2);
  });

  test("a line-only chart (the whale curve) replaces the earlier chart of the same title", async () => {
    const whale: MockTable = { name: "TierlineWhale", headers: ["Rank", "CumulativeShare"], rows: [[1, 1.2]] };
    const { context, writes } = mockContext([whale], { charts: ["Whale curve"] });
    await drawChart(context, { title: "Whale curve", table: "TierlineWhale", categoryColumn: "Rank", lineColumn: "CumulativeShare" });
    expect(writes.deletedCharts).toEqual(["Whale curve"]);
    expect(writes.charts[0]).toMatchObject({ type: "Line", source: "TierlineWhale[CumulativeShare]", series: [{ name: "Cumulative share", categories: "TierlineWhale[Rank]" }, { name: "Total (100 %)" }] });
  });

  test("a missing column is named", async () => {
    const { context } = mockContext([pareto]);
    await expect(drawChart(context, { title: "t", table: "TierlinePareto", categoryColumn: "Nope", barColumn: "Revenue" })).rejects.toThrow('table TierlinePareto has no column "Nope"');
  });
});

describe("heatMap.ts", () => {
  const matrix: MockTable = { name: "TierlineAbcXyz", headers: ["ABC", "X", "Y", "Z"], rows: [["A", 1, 2, 3]] };
  const colors = { lowColor: "#63BE7B", midColor: "#FFEB84", highColor: "#F8696B" };

  test("one three-colour scale over the block of the columns, after clearing earlier formats", async () => {
    const { context, writes } = mockContext([matrix]);
    await applyHeatMap(context, { table: "TierlineAbcXyz", columns: ["Z", "X", "Y"], ...colors });
    expect(writes.clearedFormats).toEqual(["TierlineAbcXyz[X]:TierlineAbcXyz[Z]"]);
    expect(writes.conditionalFormats).toEqual([
      {
        table: "TierlineAbcXyz",
        block: "TierlineAbcXyz[X]:TierlineAbcXyz[Z]",
        type: "ColorScale",
        criteria: {
          minimum: { formula: undefined, type: "LowestValue", color: "#63BE7B" },
          midpoint: { formula: "50", type: "Percentile", color: "#FFEB84" },
          maximum: { formula: undefined, type: "HighestValue", color: "#F8696B" },
        },
      },
    ]);
  });

  test("no columns, or an unknown one, is refused", async () => {
    const { context } = mockContext([matrix]);
    await expect(applyHeatMap(context, { table: "TierlineAbcXyz", columns: [], ...colors })).rejects.toThrow("no columns given");
    await expect(applyHeatMap(context, { table: "TierlineAbcXyz", columns: ["W"], ...colors })).rejects.toThrow('table TierlineAbcXyz has no column "W"');
  });
});

describe("tags.ts", () => {
  test("managed tables: named TierlineSegments… or tagged in the custom properties; malformed tags count as none", async () => {
    const { context } = mockContext([products, managed, other], {
      properties: {
        "Tierline.table.Notes": JSON.stringify({ dimension: "customer", version: 3, etag: '"customer-v3-json"' }),
        "Tierline.table.TierlineSegments": "not json",
        "Author.note": "unrelated",
      },
    });
    await expect(managedTables(context)).resolves.toEqual([
      { name: "TierlineSegments", tag: null },
      { name: "Notes", tag: { dimension: "customer", version: 3, etag: '"customer-v3-json"' } },
    ]);
  });

  test("setTag writes the tag as a custom document property", async () => {
    const { context, writes } = mockContext([managed]);
    await setTag(context, "TierlineSegments", { dimension: "product", version: 4, etag: '"product-v4-json"' });
    expect(JSON.parse(writes.properties.get("Tierline.table.TierlineSegments")!)).toEqual({ dimension: "product", version: 4, etag: '"product-v4-json"' });
  });
});

describe("excelWorkbook.ts", () => {
  afterEach(() => {
    delete (globalThis as { Excel?: unknown }).Excel;
  });

  test("each method is one Excel.run over the matching edge function", async () => {
    const context = new RecordingContext({
      tables: [
        { name: "Products", sheet: "Products", headers: [...products.headers], rows: products.rows.map((r) => [...r]) },
        { name: "TierlineSegments", sheet: "TierlineSegments", headers: ["ProductId", "Segment"], rows: [["P1", "AX"]] },
      ],
    });
    let runs = 0;
    const excel = new OfficeMockObject({
      run: async (callback: (ctx: Excel.RequestContext) => Promise<unknown>) => {
        runs++;
        return callback(context.asExcel());
      },
    });
    (globalThis as { Excel?: unknown }).Excel = excel;
    const workbook = new ExcelWorkbook();
    expect(workbook.kind).toBe("excel");
    await expect(workbook.listTables()).resolves.toHaveLength(2);
    await expect(workbook.readTable("TierlineSegments")).resolves.toEqual({ name: "TierlineSegments", headers: ["ProductId", "Segment"], rows: [["P1", "AX"]] });
    await workbook.writeColumns("Products", [{ header: "ABC", values: ["A", "B"] }]);
    await expect(workbook.managedTables()).resolves.toEqual([{ name: "TierlineSegments", tag: null }]);
    await workbook.setTag("TierlineSegments", { dimension: "product", version: 1, etag: null });
    await workbook.setServiceUrl("https://tierline.example.com");
    await expect(workbook.serviceUrl()).resolves.toBe("https://tierline.example.com");
    expect(runs).toBe(7);
    expect(context.tables[0].headers).toContain("ABC");
    expect(context.properties.has("Tierline.table.TierlineSegments")).toBe(true);
  });
});
