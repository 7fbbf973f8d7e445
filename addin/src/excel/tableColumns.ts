import { columnIndex } from "../workbook/workbook";

/**
 * Shows only the rows whose `column` holds one of `values` (Excel's own
 * AutoFilter on the table, so the planner sees and can clear it as usual);
 * `undefined` clears the filter of that column.
 */
export async function filterTable(context: Excel.RequestContext, tableName: string, column: string, values: string[] | undefined): Promise<void> {
  const table = context.workbook.tables.getItem(tableName);
  const header = table.getHeaderRowRange().load("values");
  await context.sync();
  const index = columnIndex(header.values[0].map(String), column);
  if (index < 0) throw new Error(`table ${tableName} has no column "${column}"`);
  const target = table.columns.getItemAt(index);
  if (values === undefined) target.filter.clear();
  else target.filter.applyValuesFilter(values);
  await context.sync();
}

/** Deletes the named columns of a table (case-insensitive); names it does not have are skipped. */
export async function deleteColumns(context: Excel.RequestContext, tableName: string, columns: string[]): Promise<void> {
  const table = context.workbook.tables.getItem(tableName);
  const header = table.getHeaderRowRange().load("values");
  await context.sync();
  const headers = header.values[0].map(String);
  // From the right, so an index read above still names the same column when its turn comes.
  const indexes = columns
    .map((c) => columnIndex(headers, c))
    .filter((i) => i >= 0)
    .sort((a, b) => b - a);
  for (const i of new Set(indexes)) table.columns.getItemAt(i).delete();
  await context.sync();
}
