import { columnIndex, type CellValue, type ColumnValues, type TableData, type TableSummary } from "../workbook/workbook";

/*
 * The table reads and writes of the Excel edge. Each function takes the
 * request context of an `Excel.run` and syncs a fixed number of times,
 * whatever the number of tables or columns (never `sync` in a loop).
 */

/** Excel has no null cell: an empty string clears it. */
function toExcel(value: CellValue): string | number | boolean {
  return value === null ? "" : value;
}

function fromExcel(value: unknown): CellValue {
  if (value === "" || value === undefined || value === null) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

/** A worksheet name from a table name: at most 31 characters, none of \ / ? * [ ] : */
export function sheetNameFor(table: string): string {
  return table.replace(/[\\/?*[\]:]/g, "_").slice(0, 31);
}

/** Every table in the workbook with its headers and number of data rows. */
export async function listTables(context: Excel.RequestContext): Promise<TableSummary[]> {
  const tables = context.workbook.tables.load("items");
  await context.sync();
  const shapes = tables.items.map((table) => ({
    name: table.name,
    header: table.getHeaderRowRange().load("values"),
    body: table.getDataBodyRange().load("rowCount"),
  }));
  await context.sync();
  return shapes.map((s) => ({ name: s.name, headers: s.header.values[0].map(String), rowCount: s.body.rowCount }));
}

/** A table's headers and data rows; blank cells read as null. */
export async function readTable(context: Excel.RequestContext, name: string): Promise<TableData> {
  const table = context.workbook.tables.getItem(name);
  const header = table.getHeaderRowRange().load("values");
  const body = table.getDataBodyRange().load("values");
  await context.sync();
  return { name, headers: header.values[0].map(String), rows: body.values.map((row) => row.map(fromExcel)) };
}

/** The selected range, its first row as headers (a planner selects a block with its header row). */
export async function readSelection(context: Excel.RequestContext): Promise<TableData> {
  const range = context.workbook.getSelectedRange().load("values,address");
  await context.sync();
  const [headerRow = [], ...rows] = range.values;
  if (rows.length === 0) throw new Error(`the selection ${range.address} has no rows under its header row: select the header and the data`);
  return { name: range.address, headers: headerRow.map(String), rows: rows.map((row) => row.map(fromExcel)) };
}

/**
 * Replaces the named columns' data (matched by header, case-insensitively) and
 * appends the columns the table does not have yet.
 */
export async function writeColumns(context: Excel.RequestContext, tableName: string, columns: ColumnValues[]): Promise<void> {
  const table = context.workbook.tables.getItem(tableName);
  const header = table.getHeaderRowRange().load("values");
  const body = table.getDataBodyRange().load("rowCount");
  await context.sync();
  const headers = header.values[0].map(String);
  for (const column of columns) {
    if (column.values.length !== body.rowCount) {
      throw new Error(`column "${column.header}" has ${column.values.length} values but table ${tableName} has ${body.rowCount} rows`);
    }
    const values = column.values.map((v) => [toExcel(v)]);
    const index = columnIndex(headers, column.header);
    if (index >= 0) {
      table.columns.getItemAt(index).getDataBodyRange().values = values;
    } else {
      table.columns.add(undefined, [[column.header], ...values]);
      headers.push(column.header);
    }
  }
  await context.sync();
}

/**
 * Writes a result table on the worksheet of its name (created when missing),
 * replacing the previous table of that name and its cells.
 */
export async function writeTable(context: Excel.RequestContext, data: TableData): Promise<void> {
  if (data.headers.length === 0) throw new Error(`table ${data.name} has no columns`);
  const sheetName = sheetNameFor(data.name);
  const sheets = context.workbook.worksheets;
  const sheet = sheets.getItemOrNullObject(sheetName);
  const existing = context.workbook.tables.getItemOrNullObject(data.name);
  await context.sync();
  if (!existing.isNullObject) existing.delete();
  const target = sheet.isNullObject ? sheets.add(sheetName) : sheet;
  if (!sheet.isNullObject) target.getRange().clear("Contents");
  const range = target.getRangeByIndexes(0, 0, data.rows.length + 1, data.headers.length);
  range.values = [data.headers, ...data.rows.map((row) => row.map(toExcel))];
  const table = target.tables.add(range, true);
  table.name = data.name;
  range.format.autofitColumns();
  await context.sync();
}
