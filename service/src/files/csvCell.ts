import { safeCell } from "../../../shared/src/data";

/**
 * One CSV field (RFC 4180) that a spreadsheet opens as data: text that would
 * start a formula gets OWASP's apostrophe (safeCell), numbers stay numbers,
 * objects go as JSON (which opens with `{` or `[`). Quoted when it holds a
 * quote, a line break, a comma, a semicolon or a tab: Excel splits a CSV on
 * its locale's list separator (`;` in much of Europe), and a field cut there
 * would start a new cell that the prefix never saw.
 */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? safeCell(value) : typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",;\t\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
