/**
 * The Excel edge of the Segmentation pane's matrix clicks and clean reruns,
 * against office-addin-mock: a click filters the table's Segment column with
 * Excel's own AutoFilter ("Show all rows" clears it), and stale class columns
 * are deleted right to left so each index still names its column.
 */
import { deleteColumns, filterTable } from "../../../addin/src/excel/tableColumns";
import { ExcelWorkbook } from "../../../addin/src/excel/excelWorkbook";
import { mockContext, type MockTable } from "./mockWorkbook";

const classified: MockTable = {
  name: "Products",
  headers: ["ProductId", "Revenue", "ABC", "XYZ", "Segment", "Cluster"],
  rows: [
    ["P1", 50, "A", "X", "AX", "c1"],
    ["P2", 30, "B", "Z", "BZ", "c2"],
  ],
};

test("filterTable applies a values filter on the named column (by header, any case) and clears it", async () => {
  const { context, writes } = mockContext([classified]);
  await filterTable(context, "Products", "segment", ["AX"]);
  await filterTable(context, "Products", "Segment", undefined);
  expect(writes.filters).toEqual([
    { table: "Products", column: 4, values: ["AX"] },
    { table: "Products", column: 4 },
  ]);
  await expect(filterTable(context, "Products", "Tier", ["A"])).rejects.toThrow('table Products has no column "Tier"');
});

test("deleteColumns deletes the named columns from the right and skips names the table lacks", async () => {
  const { context, writes } = mockContext([classified]);
  await new ExcelWorkbook((batch) => batch(context)).deleteColumns("Products", ["ABC", "Cluster", "SegmentKey", "abc"]);
  expect(writes.deletedColumns).toEqual([
    { table: "Products", column: 5 },
    { table: "Products", column: 2 },
  ]);
  await deleteColumns(context, "Products", []);
  expect(writes.deletedColumns).toHaveLength(2);
});
