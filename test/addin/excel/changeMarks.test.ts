/**
 * The sheet side of "what changed", against office-addin-mock: the header is
 * read only after load + sync, the Segment column's fill is cleared before
 * the changed cells are filled (one range per run of consecutive rows), and
 * "Go to row" activates the table's sheet and selects the row.
 */
import { OfficeMockObject } from "office-addin-mock";
import { markChangedCells, rowRuns, selectTableRow } from "../../../addin/src/excel/changeMarks";
import { CHANGED_FILL } from "../../../addin/src/workbook/workbook";

function context(headers: string[], rowCount: number) {
  const log: string[] = [];
  const cellRange = (start: number) => ({
    getResizedRange: (rows: number) => ({
      format: {
        fill: {
          set color(c: string) {
            log.push(`fill ${start}+${rows + 1} ${c}`);
          },
        },
      },
    }),
  });
  const columnBody = (j: number) => ({
    format: { fill: { clear: () => log.push(`clear column ${j}`) } },
    getCell: (row: number) => cellRange(row),
  });
  const body = {
    rowCount,
    getRow: (row: number) => ({ select: () => log.push(`select row ${row}`) }),
  };
  const data = {
    workbook: {
      tables: {
        Segs: {
          header: { values: [headers] },
          body,
          getHeaderRowRange(this: { header: unknown }) {
            return this.header;
          },
          getDataBodyRange(this: { body: unknown }) {
            return this.body;
          },
          columns: { getItemAt: (j: number) => ({ getDataBodyRange: () => columnBody(j) }) },
          worksheet: { activate: () => log.push("activate sheet") },
        },
        getItem(this: Record<string, unknown>, name: string) {
          if (!this[name]) throw new Error(`ItemNotFound: ${name}`);
          return this[name];
        },
      },
    },
  };
  return { ctx: new OfficeMockObject(data) as unknown as Excel.RequestContext, log };
}

test("runs of consecutive rows", () => {
  expect(rowRuns([5, 1, 2, 3, 9, 2])).toEqual([
    { start: 1, count: 3 },
    { start: 5, count: 1 },
    { start: 9, count: 1 },
  ]);
  expect(rowRuns([])).toEqual([]);
});

test("markChangedCells clears the Segment column's fill, then fills each run of changed rows", async () => {
  const { ctx, log } = context(["ProductId", "segment", "Notes"], 10);
  await markChangedCells(ctx, { table: "Segs", column: "Segment", rows: [4, 0, 1, 7] });
  expect(log).toEqual(["clear column 1", `fill 0+2 ${CHANGED_FILL}`, `fill 4+1 ${CHANGED_FILL}`, `fill 7+1 ${CHANGED_FILL}`]);
});

test("with no changed rows only the old marks go; a table without the column is left alone", async () => {
  const empty = context(["ProductId", "Segment"], 3);
  await markChangedCells(empty.ctx, { table: "Segs", column: "Segment", rows: [] });
  expect(empty.log).toEqual(["clear column 1"]);
  const without = context(["ProductId", "Class"], 3);
  await markChangedCells(without.ctx, { table: "Segs", column: "Segment", rows: [1] });
  expect(without.log).toEqual([]);
});

test("selectTableRow activates the sheet and selects the row; a row past the end is refused with the table's size", async () => {
  const { ctx, log } = context(["ProductId", "Segment"], 3);
  await selectTableRow(ctx, "Segs", 2);
  expect(log).toEqual(["activate sheet", "select row 2"]);
  await expect(selectTableRow(ctx, "Segs", 3)).rejects.toThrow("table Segs has no row 4 (it has 3)");
});
