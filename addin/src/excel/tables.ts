import { safeCell } from "../../../shared/src/data";
import { columnIndex, type CellValue, type ColumnValues, type TableData, type TableSummary } from "../workbook/workbook";
import { columnFormat, GENERAL_FORMAT, tableFormats } from "../workbook/resultFormats";
import { blocks, jsonBytes, PAYLOAD_BUDGET_BYTES, readRows, rowsPerChunk, syncEach } from "./chunks";
import { queueCurrency } from "./currency";

/*
 * The table reads and writes of the Excel edge. Each function takes the
 * request context of an `Excel.run`; its syncs do not grow with the number
 * of tables or columns, and grow with the rows only as blocks sized under
 * Excel on the web's 5 MB request/response limit (chunks.ts).
 */

/**
 * A value as `range.values` takes it. Excel has no null cell: an empty string
 * clears it. Text arrives from the service, imports and the planner's own
 * tables, and `values` parses text beginning with =, + or - as a formula, as
 * typing would: the apostrophe of safeCell makes Excel store it as text
 * instead (and is not part of the value read back). Text that already begins
 * with an apostrophe gets a second one, or Excel would take the first.
 */
function toExcel(value: CellValue): string | number | boolean {
  if (value === null) return "";
  return typeof value === "string" && value.startsWith("'") ? `'${value}` : safeCell(value);
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

/** A table's headers and data rows, read in blocks; blank cells read as null. */
export async function readTable(context: Excel.RequestContext, name: string, budget = PAYLOAD_BUDGET_BYTES): Promise<TableData> {
  const table = context.workbook.tables.getItem(name);
  const header = table.getHeaderRowRange().load("values");
  const body = table.getDataBodyRange().load("rowCount,columnCount");
  await context.sync();
  const rows = await readRows(context, body, body.rowCount, body.columnCount, budget);
  return { name, headers: header.values[0].map(String), rows: rows.map((row) => row.map(fromExcel)) };
}

/** The selected range, its first row as headers (a planner selects a block with its header row), read in blocks. */
export async function readSelection(context: Excel.RequestContext, budget = PAYLOAD_BUDGET_BYTES): Promise<TableData> {
  const range = context.workbook.getSelectedRange().load("address,rowCount,columnCount");
  await context.sync();
  const [headerRow = [], ...rows] = await readRows(context, range, range.rowCount, range.columnCount, budget);
  if (rows.length === 0) throw new Error(`the selection ${range.address} has no rows under its header row: select the header and the data`);
  return { name: range.address, headers: headerRow.map(String), rows: rows.map((row) => row.map(fromExcel)) };
}

/**
 * Replaces the named columns' data (matched by header, case-insensitively) and
 * appends the columns the table does not have yet (added by name, then
 * filled): the values go in blocks of rows, every named column's slice of a
 * block in the same sync, with its number format (resultFormats.ts; a text
 * column keeps the format the planner gave it).
 */
export async function writeColumns(context: Excel.RequestContext, tableName: string, columns: ColumnValues[], budget = PAYLOAD_BUDGET_BYTES, currencySupported?: boolean): Promise<void> {
  const table = context.workbook.tables.getItem(tableName);
  const header = table.getHeaderRowRange().load("values");
  const body = table.getDataBodyRange().load("rowCount");
  const currency = queueCurrency(context, currencySupported);
  await context.sync();
  const headers = header.values[0].map(String);
  for (const column of columns) {
    if (column.values.length !== body.rowCount) {
      throw new Error(`column "${column.header}" has ${column.values.length} values but table ${tableName} has ${body.rowCount} rows`);
    }
  }
  let added = false;
  const indexes = columns.map((column) => {
    const index = columnIndex(headers, column.header);
    if (index >= 0) return index;
    table.columns.add(undefined, undefined, column.header);
    headers.push(column.header);
    added = true;
    return headers.length - 1;
  });
  if (added) await context.sync();
  if (columns.length === 0 || body.rowCount === 0) return;
  const formats = columns.map((column) => column.numberFormat ?? columnFormat(column.header, column.values, currency()));
  const rows = Array.from({ length: body.rowCount }, (_, i) => columns.map((column) => toExcel(column.values[i])));
  // Each column travels as its own array of one-cell rows, its formats likewise: size the blocks on that shape.
  const chunks = blocks(
    rows.length,
    rowsPerChunk(
      rows.map((row) => row.map((value) => [value])),
      budget,
      jsonBytes(formats.map((f) => (f === undefined ? [] : [f]))) + 1,
    ),
  );
  await syncEach(context, chunks.length, (index) => {
    const { start, count } = chunks[index];
    columns.forEach((_, k) => {
      const target = table.columns
        .getItemAt(indexes[k])
        .getDataBodyRange()
        .getCell(start, 0)
        .getResizedRange(count - 1, 0);
      target.values = rows.slice(start, start + count).map((row) => [row[k]]);
      const format = formats[k];
      if (format !== undefined) target.numberFormat = Array.from({ length: count }, () => [format]);
    });
  });
}

/**
 * Writes a result table on the worksheet of its name (created when missing),
 * replacing the previous table of that name and its cells. Every block of
 * rows carries its number formats (resultFormats.ts): text columns and the
 * header row get General, which also clears what an earlier run left there.
 */
export async function writeTable(context: Excel.RequestContext, data: TableData, budget = PAYLOAD_BUDGET_BYTES, currencySupported?: boolean): Promise<void> {
  if (data.headers.length === 0) throw new Error(`table ${data.name} has no columns`);
  const sheetName = sheetNameFor(data.name);
  const sheets = context.workbook.worksheets;
  const sheet = sheets.getItemOrNullObject(sheetName);
  const existing = context.workbook.tables.getItemOrNullObject(data.name);
  const currency = queueCurrency(context, currencySupported);
  await context.sync();
  if (!existing.isNullObject) existing.delete();
  const target = sheet.isNullObject ? sheets.add(sheetName) : sheet;
  if (!sheet.isNullObject) target.getRange().clear("Contents");
  const values = [data.headers.map(toExcel), ...data.rows.map((row) => row.map(toExcel))];
  const dataFormats = tableFormats(data.headers, data.rows, currency()).map((f) => f ?? GENERAL_FORMAT);
  const formatRow = (row: number) => (row === 0 ? data.headers.map(() => GENERAL_FORMAT) : dataFormats);
  // A row travels twice, as values and as formats: size the blocks on both.
  const chunks = blocks(values.length, rowsPerChunk(values, budget, Math.max(jsonBytes(dataFormats), jsonBytes(formatRow(0))) + 1));
  await syncEach(context, chunks.length, (index) => {
    const { start, count } = chunks[index];
    const block = target.getRangeByIndexes(start, 0, count, data.headers.length);
    block.values = values.slice(start, start + count);
    block.numberFormat = Array.from({ length: count }, (_, r) => formatRow(start + r));
    if (index === chunks.length - 1) {
      const range = target.getRangeByIndexes(0, 0, values.length, data.headers.length);
      const table = target.tables.add(range, true);
      table.name = data.name;
      range.format.autofitColumns();
    }
  });
}
