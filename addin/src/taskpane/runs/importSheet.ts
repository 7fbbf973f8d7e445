import type { ImportKind, ImportReport } from "../../../../shared/src/api";
import { ServiceError, type ServiceClient } from "../../api/serviceClient";
import type { CellValue, TableData, Workbook } from "../../workbook/workbook";
import type { Step } from "../ui/useOperation";
import { watchJob } from "./runJob";

/** Problems listed in the pane; the rest are counted. */
const SHOWN = 5;

/**
 * A sheet's table as the CSV the import reads: the header row, then each
 * row's cells as typed (RFC 4180 quoting; no formula guard, since this goes
 * to the service, not to a spreadsheet). Trailing blank rows are left out.
 */
export function sheetCsv(table: TableData): string {
  const field = (value: CellValue): string => {
    const text = value === null ? "" : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  // Only trailing blank rows go: one in the middle stays, so the service's row numbers remain the sheet's.
  const blank = (row: CellValue[]) => row.every((c) => c === null || String(c).trim() === "");
  let end = table.rows.length;
  while (end > 0 && blank(table.rows[end - 1])) end--;
  const rows = table.rows.slice(0, end);
  return [table.headers, ...rows].map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}

/** A refused import's problems in sheet terms: the service numbers data rows from 1, the sheet has its header above them. */
export function importProblems(table: string, error: ServiceError): string {
  const errors = (error.problem?.errors ?? []).filter((e) => e.field.startsWith("rows["));
  if (errors.length === 0) return `${table}: ${error.message}`;
  const words = errors.slice(0, SHOWN).map((e) => {
    const [, row, field] = /^rows\[(\d+)\]\.(.+)$/.exec(e.field) ?? [];
    return row ? `row ${Number(row) + 1}, ${field}: ${e.message}` : `${e.field}: ${e.message}`;
  });
  const more = errors.length > SHOWN ? `; and ${errors.length - SHOWN} more` : "";
  return `${table}: nothing was imported. ${words.join("; ")}${more}.`;
}

/** Reads a table from the workbook and imports it as one file of `kind`, all or nothing: the report, or why the file was refused in sheet terms. */
export async function importSheet(client: ServiceClient, workbook: Workbook, kind: ImportKind, table: string, step: Step): Promise<{ report: ImportReport } | { refused: string }> {
  step.progress(0, 2, `Reading ${table}`);
  const data = await workbook.readTable(table);
  step.progress(1, 2, `Importing ${table}`);
  try {
    const answer = await client.importFile(kind, `${table}.csv`, sheetCsv(data), { signal: step.signal });
    return { report: "report" in answer ? answer.report : await watchJob(client, "importFile", answer.job, step) };
  } catch (error) {
    if (error instanceof ServiceError && error.status === 422) return { refused: importProblems(table, error) };
    throw error;
  }
}
