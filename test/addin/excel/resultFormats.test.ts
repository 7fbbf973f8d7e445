/**
 * What a planner sees in the written result tables and charts: the number
 * format Excel receives for each column of each result table the runs write
 * (office-addin-mock), with the workbook's currency where Excel reports it,
 * the charts' titles, axis titles, % axes and reference lines, and "Go to
 * sheet". The tables are written with the headers and values the runs use
 * (addin/src/taskpane/runs/*Run.ts).
 */
import { drawChart } from "../../../addin/src/excel/charts";
import { goToSheet } from "../../../addin/src/excel/goToSheet";
import { writeColumns, writeTable } from "../../../addin/src/excel/tables";
import { DemoWorkbook } from "../../../addin/src/workbook/demoWorkbook";
import { currencyFor, headerWords, moneyFormat, tableFormats } from "../../../addin/src/workbook/resultFormats";
import type { CellValue, TableData } from "../../../addin/src/workbook/workbook";
import { mockContext, type MockTable } from "./mockWorkbook";
import { RecordingContext } from "./recordingContext";

const G = "General";

/** The formats of the first data row as written (the block's row 1; row 0 is the header). */
async function formatsWritten(table: TableData, culture?: { name: string; currencySymbol: string }) {
  const { context, writes } = mockContext([], culture ? { culture } : {});
  await writeTable(context, table, undefined, culture !== undefined);
  const block = writes.ranges.find((r) => r.values !== undefined);
  const formats = block?.numberFormat as string[][];
  expect(formats).toHaveLength(table.rows.length + 1);
  expect(formats[0]).toEqual(table.headers.map(() => G));
  return formats[1];
}

describe("the number format of each result table", () => {
  test("segment P&L (cost to serve): counts, money, margin as %", async () => {
    const pnl: TableData = {
      name: "TierlineSegmentPnl",
      headers: ["Segment", "Customers", "Revenue", "COGS", "GrossMargin", "CostToServe", "Contribution", "MarginPct"],
      rows: [
        ["A", 12, 120500.5, 80000, 40500.5, 9000.25, 31500.25, 0.2614],
        ["Total", 12, 120500.5, 80000, 40500.5, 9000.25, 31500.25, 0.2614],
      ],
    };
    expect(await formatsWritten(pnl)).toEqual([G, "#,##0", "#,##0.00", "#,##0.00", "#,##0.00", "#,##0.00", "#,##0.00", "0.0%"]);
  });

  test("money carries the workbook's currency where Excel reports it (ExcelApi 1.17), placed as its culture writes money", async () => {
    const pnl: TableData = { name: "TierlineSegmentPnl", headers: ["Segment", "Revenue", "MarginPct"], rows: [["A", 1000, 0.25]] };
    expect(await formatsWritten(pnl, { name: "de-DE", currencySymbol: "€" })).toEqual([G, "#,##0.00 [$€]", "0.0%"]);
    expect(await formatsWritten(pnl, { name: "en-GB", currencySymbol: "£" })).toEqual([G, "[$£]#,##0.00", "0.0%"]);
  });

  test("whale curve: rank as a count, contribution as money, cumulative share as %", async () => {
    const whale: TableData = { name: "TierlineWhale", headers: ["Rank", "Customer", "Contribution", "CumulativeShare"], rows: [[1, "C7", 5200.5, 0.41]] };
    expect(await formatsWritten(whale)).toEqual(["#,##0", G, "#,##0.00", "0.0%"]);
  });

  test("flagged customers: cost to serve as % of revenue, the excess as money, text left General", async () => {
    const flagged: TableData = { name: "TierlineFlaggedCustomers", headers: ["Customer", "Segment", "CtsPct", "Excess", "Lever"], rows: [["C1", "B", 0.22, 1830.2, "minimum order"]] };
    expect(await formatsWritten(flagged)).toEqual([G, G, "0.0%", "#,##0.00", G]);
    // No flagged customer: the "(none)" row has no numbers, and the headers still say what the columns hold.
    expect(await formatsWritten({ ...flagged, rows: [["(none)", null, null, null, null]] })).toEqual([G, G, "0.0%", "#,##0.00", G]);
  });

  test("inventory value by segment (safety stock): item counts and money", async () => {
    const value: TableData = { name: "TierlineInventoryValue", headers: ["Segment", "Items", "SafetyStockValue", "CycleStockValue", "TotalValue"], rows: [["AX", 40, 1520.75, 8000, 9520.75]] };
    expect(await formatsWritten(value)).toEqual([G, "#,##0", "#,##0.00", "#,##0.00", "#,##0.00"]);
  });

  test("Pareto: rank, the criterion judged by its values (whatever the planner named it), the cumulative share as %", async () => {
    const pareto: TableData = {
      name: "TierlinePareto",
      headers: ["Rank", "ProductId", "Sales12m", "CumulativeShare", "ABC"],
      rows: [
        [1, "P1", 1200.5, 0.5, "A"],
        [2, "P2", 800, 0.83, "B"],
      ],
    };
    expect(await formatsWritten(pareto)).toEqual(["#,##0", G, "#,##0.00", "0.0%", G]);
    const scored = { ...pareto, headers: ["Rank", "ProductId", "Score", "CumulativeShare", "ABC"] };
    expect(await formatsWritten(scored)).toEqual(["#,##0", G, "0.00", "0.0%", G]);
  });

  test("the ABC-XYZ matrix: item counts, shares of value as %, inventory value as money", async () => {
    const matrix: TableData = {
      name: "TierlineAbcXyz",
      headers: ["ABC", "X items", "No demand items", "X % of value", "No demand % of value", "X inventory value", "Items", "% of value", "Inventory value"],
      rows: [
        ["A", 1200, 1, 0.6, 0, 1500.5, 1201, 0.6, 1500.5],
        ["Total", 1204, 1, 0.7, 0, 1600, 1205, 1, 1600],
      ],
    };
    expect(await formatsWritten(matrix)).toEqual([G, "#,##0", "#,##0", "0.0%", "0.0%", "#,##0.00", "#,##0", "0.0%", "#,##0.00"]);
  });

  test("a table written over several blocks gets its formats in each block, row for row", async () => {
    const context = new RecordingContext();
    const rows: CellValue[][] = Array.from({ length: 300 }, (_, i) => [i + 1, `C${i}`, 1000.5 + i, (i + 1) / 300]);
    await writeTable(context.asExcel(), { name: "TierlineWhale", headers: ["Rank", "Customer", "Contribution", "CumulativeShare"], rows }, 2_000);
    const sheet = context.sheet("TierlineWhale")!;
    expect(context.syncs.length).toBeGreaterThan(3);
    for (const record of context.syncs.slice(1)) expect(record.requestBytes).toBeLessThanOrEqual(2_000);
    expect(sheet.numberFormats.get("0,0")).toBe(G);
    expect(sheet.numberFormats.get("300,0")).toBe("#,##0");
    expect(sheet.numberFormats.get("300,1")).toBe(G);
    expect(sheet.numberFormats.get("150,2")).toBe("#,##0.00");
    expect(sheet.numberFormats.get("300,3")).toBe("0.0%");
  });
});

describe("columns written into the planner's table", () => {
  const customers: MockTable = {
    name: "Customers",
    headers: ["CustomerId", "Revenue"],
    rows: [
      ["C1", 100],
      ["C2", 200],
    ],
  };

  test("cost to serve and contribution as money, contribution % as %, a class column keeps the planner's format", async () => {
    const { context, writes } = mockContext([customers]);
    await writeColumns(context, "Customers", [
      { header: "CostToServe", values: [10.5, 20] },
      { header: "ContributionPct", values: [0.4, null] },
      { header: "ABC", values: ["A", "B"] },
    ]);
    expect(writes.columnFormats.get("CostToServe")).toEqual([["#,##0.00"], ["#,##0.00"]]);
    expect(writes.columnFormats.get("ContributionPct")).toEqual([["0.0%"], ["0.0%"]]);
    expect(writes.columnFormats.has("ABC")).toBe(false);
    expect(writes.columnValues.get("ABC")).toEqual([["A"], ["B"]]);
  });

  test("safety stock columns: service target as %, quantities with one decimal", async () => {
    const context = new RecordingContext({ tables: [{ name: "Items", sheet: "Items", headers: ["ItemId"], rows: [["I1"], ["I2"]] }] });
    await writeColumns(context.asExcel(), "Items", [
      { header: "ServiceTarget", values: [0.95, 0.9] },
      { header: "SafetyStock", values: [12.34, 0] },
      { header: "OrderQty", values: [100, 40] },
    ]);
    const formats = context.tables[0].numberFormats!;
    expect([formats.get("0,1"), formats.get("1,2"), formats.get("1,3")]).toEqual(["0.0%", "#,##0.0", "#,##0.0"]);
  });
});

describe("chart titles, axes and reference lines", () => {
  test("a Pareto: title, axis titles in words, the cumulative share on a 0–100 % secondary axis, A/B/C cut-off lines on it", async () => {
    const pareto: MockTable = {
      name: "TierlinePareto",
      headers: ["Rank", "ProductId", "Revenue", "CumulativeShare", "ABC"],
      rows: [
        [1, "P1", 50, 0.6, "A"],
        [2, "P2", 30, 0.96, "B"],
        [3, "P3", 3, 1, "C"],
      ],
    };
    const { context, writes } = mockContext([pareto]);
    await drawChart(context, {
      title: "Pareto of Revenue",
      table: "TierlinePareto",
      categoryColumn: "ProductId",
      barColumn: "Revenue",
      lineColumn: "CumulativeShare",
      referenceLines: [
        { label: "A cut-off (80 %)", value: 0.8 },
        { label: "B cut-off (95 %)", value: 0.95 },
      ],
    });
    const chart = writes.charts[0];
    expect(chart.title).toBe("Pareto of Revenue");
    expect(chart.axes).toEqual({
      category: { title: "Product id" },
      value: { title: "Revenue", numberFormat: "#,##0" },
      "value secondary": { title: "Cumulative share", numberFormat: "0%", maximum: 1 },
    });
    expect(chart.series.slice(2)).toEqual([
      {
        name: "A cut-off (80 %)",
        values: "TierlinePareto[A cut-off (80 %)]",
        categories: "TierlinePareto[ProductId]",
        chartType: "Line",
        axisGroup: "Secondary",
        markerStyle: "None",
        lineStyle: "Dash",
        lineColor: "#7F7F7F",
      },
      {
        name: "B cut-off (95 %)",
        values: "TierlinePareto[B cut-off (95 %)]",
        categories: "TierlinePareto[ProductId]",
        chartType: "Line",
        axisGroup: "Secondary",
        markerStyle: "None",
        lineStyle: "Dash",
        lineColor: "#7F7F7F",
      },
    ]);
    // The constant columns behind the lines: one value a row, shown as %.
    expect(writes.addedColumns.map((c) => c.name)).toEqual(["A cut-off (80 %)", "B cut-off (95 %)"]);
    expect(writes.columnValues.get("A cut-off (80 %)")).toEqual([[0.8], [0.8], [0.8]]);
    expect(writes.columnFormats.get("B cut-off (95 %)")).toEqual([["0.0%"], ["0.0%"], ["0.0%"]]);
  });

  test("the whale curve: title, % value axis, and its 100 % line on the same axis", async () => {
    const whale: MockTable = {
      name: "TierlineWhale",
      headers: ["Rank", "Customer", "Contribution", "CumulativeShare"],
      rows: [
        [1, "C1", 900, 1.3],
        [2, "C2", -300, 1],
      ],
    };
    const { context, writes } = mockContext([whale]);
    await drawChart(context, { title: "Whale curve", table: "TierlineWhale", categoryColumn: "Rank", lineColumn: "CumulativeShare" });
    const chart = writes.charts[0];
    expect(chart).toMatchObject({ title: "Whale curve", type: "Line" });
    // A whale curve rises above 100 %: its axis is not pinned at 100 %.
    expect(chart.axes).toEqual({ category: { title: "Rank" }, value: { title: "Cumulative share", numberFormat: "0%" } });
    expect(chart.series[1]).toMatchObject({ name: "Total (100 %)", values: "TierlineWhale[Total (100 %)]", axisGroup: "Primary", lineStyle: "Dash" });
    expect(writes.columnValues.get("Total (100 %)")).toEqual([[1], [1]]);
  });

  test("referenceLines: [] draws none", async () => {
    const whale: MockTable = { name: "TierlineWhale", headers: ["Rank", "CumulativeShare"], rows: [[1, 1]] };
    const { context, writes } = mockContext([whale]);
    await drawChart(context, { title: "Whale curve", table: "TierlineWhale", categoryColumn: "Rank", lineColumn: "CumulativeShare", referenceLines: [] });
    expect(writes.charts[0].series).toHaveLength(1);
    expect(writes.addedColumns).toEqual([]);
  });
});

describe("Go to sheet", () => {
  test("activates the sheet a table lives on, even when the planner moved it", async () => {
    const { context, writes } = mockContext([{ name: "TierlineWhale", headers: ["Rank"], rows: [[1]], sheet: "Profit" }]);
    await goToSheet(context, "TierlineWhale");
    expect(writes.activated).toEqual(["Profit"]);
  });

  test("else a sheet of that name; nothing of that name is said plainly", async () => {
    const { context, writes } = mockContext([], { sheets: ["TierlinePareto"] });
    await goToSheet(context, "TierlinePareto");
    expect(writes.activated).toEqual(["TierlinePareto"]);
    await expect(goToSheet(context, "TierlineGone")).rejects.toThrow('the workbook has no table or sheet named "TierlineGone"');
  });

  test("the demo workbook shows the table's tab", async () => {
    const demo = new DemoWorkbook({
      tables: [
        { name: "Products", headers: ["Id"], rows: [] },
        { name: "TierlineWhale", headers: ["Rank"], rows: [] },
      ],
    });
    await demo.goToSheet("TierlineWhale");
    expect(demo.snapshot().active).toBe("TierlineWhale");
    await expect(demo.goToSheet("Nope")).rejects.toThrow('the workbook has no table "Nope"');
  });
});

describe("resultFormats.ts", () => {
  test("currency placement follows the culture; an unreadable symbol gives plain money", () => {
    expect(currencyFor("$", "en-US")).toEqual({ symbol: "$", before: true, space: false });
    expect(currencyFor("€", "fr-FR")).toEqual({ symbol: "€", before: false, space: true });
    expect(currencyFor("kr", "not a culture")).toEqual({ symbol: "kr", before: true, space: false });
    expect(moneyFormat(undefined)).toBe("#,##0.00");
    expect(moneyFormat({ symbol: "", before: true, space: false })).toBe("#,##0.00");
    expect(moneyFormat({ symbol: "CHF", before: true, space: true })).toBe("[$CHF] #,##0.00");
  });

  test("axis words", () => {
    expect(headerWords("CumulativeShare")).toBe("Cumulative share");
    expect(headerWords("ProductId")).toBe("Product id");
    expect(headerWords("ABC")).toBe("ABC");
    expect(headerWords("unit_cost")).toBe("Unit cost");
  });

  test("tableFormats: text, empty and mixed columns get none", () => {
    expect(
      tableFormats(
        ["Name", "Empty", "Mixed", "Whole", "Decimal"],
        [
          ["a", null, 1, 2, 2.5],
          ["b", null, "x", 3, 1],
        ],
      ),
    ).toEqual([undefined, undefined, undefined, "#,##0", "#,##0.00"]);
  });
});
