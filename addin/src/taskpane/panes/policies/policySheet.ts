import { POLICY_FIELDS, policyRowSchema, type PolicyField, type PolicyRow } from "../../../../../shared/src/segmentation/policyTable";
import { readNumber } from "../../../../../shared/src/validation";
import type { CellValue, TableData } from "../../../workbook/workbook";
import { POLICY_FIELD_WORDS } from "./policyWords";

/**
 * The policy table as a worksheet table the planner edits in Excel, and read
 * back for a proposal. Headers are the field names ("CycleServiceLevel"), so
 * the sheet is the same table the service stores; shares are written as
 * fractions with a % format and read back however they were typed ("95%",
 * 0.95). Every problem names the sheet row and the column.
 */

export const POLICY_TABLE = "TierlinePolicies";

const header = (field: string) => field[0].toUpperCase() + field.slice(1);
const HEADERS = ["Segment", ...POLICY_FIELDS.map(header)];
const NUMERIC: ReadonlySet<PolicyField> = new Set([
  "cycleServiceLevel",
  "targetFillRate",
  "promisedLeadTimeDays",
  "reviewPeriodDays",
  "inventoryTurnsTarget",
  "maxOverridePct",
  "maxWape",
  "maxTrackingSignal",
  "minNps",
  "minCsat",
]);

export function policyTableData(rows: readonly PolicyRow[]): TableData {
  return {
    name: POLICY_TABLE,
    headers: [...HEADERS],
    rows: rows.map((row) => [
      row.segment,
      ...POLICY_FIELDS.map((f): CellValue => {
        const value = row[f];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join("; ") : (value as CellValue);
      }),
    ]),
  };
}

export type SheetReading = { ok: true; rows: PolicyRow[] } | { ok: false; problems: string[] };

/** The sheet's rows as policy rows, or every problem (up to 20) with its sheet row and column. */
export function rowsFromTable(data: TableData): SheetReading {
  const problems: string[] = [];
  const at = new Map(data.headers.map((h, i) => [String(h).trim().toLowerCase(), i]));
  if (!at.has("segment")) return { ok: false, problems: [`${data.name} has no Segment column: write the policy table to a sheet first, then edit it there.`] };
  const unknown = data.headers.filter((h) => !HEADERS.some((k) => k.toLowerCase() === String(h).trim().toLowerCase()));
  if (unknown.length) problems.push(`${data.name}: column${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not a policy field (the fields are ${HEADERS.join(", ")}).`);
  const rows: PolicyRow[] = [];
  data.rows.forEach((cells, i) => {
    // Sheet row: the header is row 1 of the table.
    const where = `row ${i + 2}`;
    if (cells.every((c) => c === null || String(c).trim() === "")) return;
    const raw: Record<string, unknown> = { segment: String(cells[at.get("segment")!] ?? "").trim() };
    for (const field of POLICY_FIELDS) {
      const col = at.get(field.toLowerCase());
      if (col === undefined) continue;
      const cell = cells[col];
      if (cell === null || (typeof cell === "string" && cell.trim() === "")) continue;
      if (NUMERIC.has(field)) {
        const reading = readNumber(cell);
        if (reading.kind === "error") problems.push(`${where}, ${header(field)}: ${reading.detail}`);
        else if (reading.kind === "number") raw[field] = reading.value;
      } else if (field === "forecastReview") {
        // Excel hands a TRUE/FALSE cell over as a boolean; typed words are read too.
        const word = String(cell).trim().toLowerCase();
        if (typeof cell === "boolean") raw[field] = cell;
        else if (["true", "yes", "1"].includes(word)) raw[field] = true;
        else if (["false", "no", "0"].includes(word)) raw[field] = false;
        else problems.push(`${where}, ${header(field)}: write TRUE or FALSE (got ${String(cell)})`);
      } else if (field === "overrideAllowedBy") {
        raw[field] = String(cell)
          .split(/[;,]/)
          .map((s) => s.trim())
          .filter(Boolean);
      } else raw[field] = String(cell).trim();
    }
    const parsed = policyRowSchema.safeParse(raw);
    if (parsed.success) rows.push(parsed.data);
    else for (const issue of parsed.error.issues) problems.push(`${where}, ${header(String(issue.path[0] ?? "segment"))}: ${shareHint(String(issue.path[0]), raw, issue.message)}`);
  });
  const seen = new Map<string, number>();
  rows.forEach((r) => {
    if (seen.has(r.segment)) problems.push(`Segment ${r.segment} appears twice: one row per pattern.`);
    seen.set(r.segment, 1);
  });
  if (!problems.length && rows.length === 0) problems.push(`${data.name} has no rows.`);
  return problems.length ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, rows };
}

/** "95" where a share belongs is 9,500 %: say how to write it. */
function shareHint(field: string, raw: Record<string, unknown>, message: string): string {
  const value = raw[field];
  if (POLICY_FIELD_WORDS[field as PolicyField]?.share && typeof value === "number" && value > 1) return `${message} (got ${value}; write ${value}% or ${value / 100})`;
  return message;
}
