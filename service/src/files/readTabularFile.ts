import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { AppError, badRequest } from "../appError";
import { checkedHeader } from "./tabularHeader";

/**
 * The size of an upload's table. Checked against the sheet's extent before
 * any row is materialised, so a tiny sparse workbook with one cell at
 * XFD1048576 is refused at once instead of expanding into a million rows.
 */
export const TABULAR_LIMITS = {
  /** data rows, after the header row */
  rows: 500_000,
  columns: 200,
} as const;

const fmt = (n: number) => n.toLocaleString("en-US");

function tooManyRows(rows: number): never {
  throw badRequest(`file: ${fmt(rows)} data rows is more than the limit of ${fmt(TABULAR_LIMITS.rows)}`, [{ field: "file", message: `at most ${fmt(TABULAR_LIMITS.rows)} data rows` }]);
}

function tooManyColumns(columns: number): never {
  throw badRequest(`file: ${fmt(columns)} columns is more than the limit of ${fmt(TABULAR_LIMITS.columns)}`, [{ field: "file", message: `at most ${fmt(TABULAR_LIMITS.columns)} columns` }]);
}

/** Every cell as trimmed text, as a CSV would give it, so one schema validates both formats. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("error" in value) return String(value.error);
    return "";
  }
  return String(value).trim();
}

/**
 * Rows of a CSV or .xlsx upload (first worksheet, header in row 1) as
 * header → text records. The format comes from the file name, falling back
 * to the zip signature of .xlsx. At most TABULAR_LIMITS rows and columns; the
 * service runs this on its task pool, since parsing a large workbook takes
 * seconds of CPU.
 */
export async function readTabularFile(name: string, data: Buffer): Promise<Array<Record<string, string>>> {
  const isXlsx = /\.xlsx$/i.test(name) || (data.length > 4 && data[0] === 0x50 && data[1] === 0x4b);
  if (!isXlsx) {
    let records: Array<Record<string, string>>;
    try {
      records = parse(data, {
        columns: (header: string[]) => (header.length > TABULAR_LIMITS.columns ? tooManyColumns(header.length) : checkedHeader(header)),
        skip_empty_lines: true,
        trim: true,
        bom: true,
        // One row past the limit is enough to know it is over.
        to: TABULAR_LIMITS.rows + 1,
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw badRequest(`file: not a readable CSV (${(error as Error).message})`, [{ field: "file", message: "unreadable CSV" }]);
    }
    if (records.length > TABULAR_LIMITS.rows) tooManyRows(records.length);
    return records;
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw badRequest(`file: not a readable .xlsx workbook (${(error as Error).message})`, [{ field: "file", message: "unreadable xlsx" }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badRequest("file: the workbook has no worksheet", [{ field: "file", message: "no worksheet" }]);
  // rowCount is the last row's number and columnCount the widest row's last column; both come from the
  // rows the file holds, without creating the empty ones in between.
  if (sheet.rowCount - 1 > TABULAR_LIMITS.rows) tooManyRows(sheet.rowCount - 1);
  if (sheet.columnCount > TABULAR_LIMITS.columns) tooManyColumns(sheet.columnCount);
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col - 1] = cellText(cell.value)));
  checkedHeader(header).forEach((h, i) => (header[i] = h));
  const rows: Array<Record<string, string>> = [];
  // Only the rows the file holds: a blank row in between is skipped anyway.
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    if (r === 1) return;
    const record: Record<string, string> = {};
    let any = false;
    header.forEach((h, c) => {
      const text = cellText(row.getCell(c + 1).value);
      if (text !== "") any = true;
      if (h) record[h] = text;
    });
    if (any) rows.push(record);
  });
  return rows;
}
