import { safeCell } from "../../../shared/src/data";
import type { CellValue, TableData } from "../workbook/workbook";
import type { RefreshReport } from "./refreshSegments";

/** The sheet the change report is copied to (a plain table: not refreshed, not managed). */
export const CHANGE_REPORT_TABLE = "TierlineChangeReport";

const HEADERS = ["Table", "Entity", "Name", "Previous segment", "New segment", "Effective", "Approved by", "Reason", "Change request"];

/** A refresh's changes as one table, a row per changed row of every managed table. */
export function changeReportTable(report: RefreshReport, name = CHANGE_REPORT_TABLE): TableData {
  const rows: CellValue[][] = report.tables.flatMap((t) => t.changed.map((c) => [t.table, c.id, c.name, c.from, c.to, c.effectiveAt ? c.effectiveAt.slice(0, 10) : null, c.approvedBy, c.reason, c.changeRequestId]));
  return { name, headers: [...HEADERS], rows };
}

/**
 * RFC 4180 CSV that a spreadsheet opens as data: text that would start a
 * formula gets the project's apostrophe (safeCell); a field holding a quote,
 * line break, comma, semicolon or tab is quoted (Excel splits on its locale's
 * list separator, `;` in much of Europe). CRLF line ends, as the RFC says.
 */
export function toCsv(table: TableData): string {
  const field = (value: CellValue): string => {
    const text = value === null ? "" : typeof value === "string" ? safeCell(value) : String(value);
    return /[",;\t\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [table.headers, ...table.rows].map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}
