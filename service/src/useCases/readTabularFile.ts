import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { AppError, badRequest } from "../http/appError";
import { checkedHeader } from "./tabularHeader";

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
 * to the zip signature of .xlsx.
 */
export async function readTabularFile(name: string, data: Buffer): Promise<Array<Record<string, string>>> {
  const isXlsx = /\.xlsx$/i.test(name) || (data.length > 4 && data[0] === 0x50 && data[1] === 0x4b);
  if (!isXlsx) {
    try {
      return parse(data, { columns: (header: string[]) => checkedHeader(header), skip_empty_lines: true, trim: true, bom: true });
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw badRequest(`file: not a readable CSV (${(error as Error).message})`, [{ field: "file", message: "unreadable CSV" }]);
    }
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw badRequest(`file: not a readable .xlsx workbook (${(error as Error).message})`, [{ field: "file", message: "unreadable xlsx" }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badRequest("file: the workbook has no worksheet", [{ field: "file", message: "no worksheet" }]);
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col - 1] = cellText(cell.value)));
  checkedHeader(header).forEach((h, i) => (header[i] = h));
  const rows: Array<Record<string, string>> = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const record: Record<string, string> = {};
    let any = false;
    header.forEach((h, c) => {
      const text = cellText(row.getCell(c + 1).value);
      if (text !== "") any = true;
      if (h) record[h] = text;
    });
    if (any) rows.push(record);
  }
  return rows;
}
