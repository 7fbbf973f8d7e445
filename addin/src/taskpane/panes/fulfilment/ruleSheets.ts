import { putFulfilmentRulesSchema, type AllocationRow, type FulfilmentRules, type PathRule, type PutFulfilmentRules } from "../../../../../shared/src/api";
import { readNumber } from "../../../../../shared/src/validation";
import type { CellValue, TableData } from "../../../workbook/workbook";

/**
 * The allocation and fulfilment-path tables as two worksheet tables the
 * planner edits, read back for saving. Headers are the field names
 * ("ReservePct"), so the sheets are the tables the service stores; shares
 * are written as fractions with a % format and read back however they were
 * typed ("20%", 0.2); a blank optional cell means "no limit". Every problem
 * names the sheet, its row and its column.
 */

export const ALLOCATION_TABLE = "TierlineAllocationRules";
export const PATH_RULES_TABLE = "TierlinePathRules";

type Kind = "number" | "text" | "flag";
const ALLOCATION_FIELDS: Array<[keyof AllocationRow, Kind]> = [
  ["segment", "text"],
  ["priority", "number"],
  ["reservePct", "number"],
  ["reserveHorizonDays", "number"],
  ["premium", "flag"],
];
const PATH_FIELDS: Array<[keyof PathRule, Kind]> = [
  ["segment", "text"],
  ["minQuantity", "number"],
  ["maxQuantity", "number"],
  ["maxWeightKg", "number"],
  ["path", "text"],
  ["mode", "text"],
  ["lastMile", "text"],
  ["deliveriesPerWeek", "number"],
  ["windowFromHour", "number"],
  ["windowToHour", "number"],
];
const SHEETS = { allocation: { table: ALLOCATION_TABLE, fields: ALLOCATION_FIELDS }, paths: { table: PATH_RULES_TABLE, fields: PATH_FIELDS } } as const;

const header = (field: string) => field[0].toUpperCase() + field.slice(1);

function tableOf<T extends object>(name: string, fields: ReadonlyArray<[keyof T, Kind]>, rows: readonly T[]): TableData {
  return {
    name,
    headers: fields.map(([f]) => header(String(f))),
    rows: rows.map((row) => fields.map(([f]): CellValue => (row[f] === undefined ? null : (row[f] as CellValue)))),
  };
}

export function ruleTablesData(rules: Pick<FulfilmentRules, "allocation" | "paths">): TableData[] {
  return [tableOf(ALLOCATION_TABLE, ALLOCATION_FIELDS, rules.allocation), tableOf(PATH_RULES_TABLE, PATH_FIELDS, rules.paths)];
}

export type RuleReading = { ok: true; rules: PutFulfilmentRules } | { ok: false; problems: string[] };

function readRows(data: TableData, fields: ReadonlyArray<[string, Kind]>, problems: string[]): Array<Record<string, unknown>> {
  const at = new Map(data.headers.map((h, i) => [String(h).trim().toLowerCase(), i]));
  const unknown = data.headers.filter((h) => !fields.some(([f]) => f.toLowerCase() === String(h).trim().toLowerCase()));
  if (unknown.length)
    problems.push(`${data.name}: column${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not a rule field (they are ${fields.map(([f]) => header(f)).join(", ")}).`);
  const rows: Array<Record<string, unknown>> = [];
  data.rows.forEach((cells, i) => {
    if (cells.every((c) => c === null || String(c).trim() === "")) return;
    const raw: Record<string, unknown> = {};
    for (const [field, kind] of fields) {
      const col = at.get(field.toLowerCase());
      const cell = col === undefined ? null : cells[col];
      if (cell === null || (typeof cell === "string" && cell.trim() === "")) continue;
      if (kind === "number") {
        const reading = readNumber(cell);
        if (reading.kind === "error") problems.push(`${data.name} row ${i + 2}, ${header(field)}: ${reading.detail}`);
        else if (reading.kind === "number") raw[field] = reading.value;
      } else if (kind === "flag") {
        const text = String(cell).trim().toLowerCase();
        if (["true", "yes", "1"].includes(text)) raw[field] = true;
        else if (["false", "no", "0"].includes(text)) raw[field] = false;
        else problems.push(`${data.name} row ${i + 2}, ${header(field)}: expected yes or no, got "${String(cell)}"`);
      } else raw[field] = String(cell).trim();
    }
    // Remember the sheet row: blank rows are skipped, so the index in the list is not the row.
    rows.push(Object.defineProperty(raw, "sheetRow", { value: i + 2, enumerable: false }));
  });
  return rows;
}

/** Both sheets as the body of PUT /fulfilment/rules, or every problem (up to 20) with its sheet, row and column. */
export function rulesFromTables(allocation: TableData, paths: TableData): RuleReading {
  const problems: string[] = [];
  const body = { allocation: readRows(allocation, ALLOCATION_FIELDS, problems), paths: readRows(paths, PATH_FIELDS, problems) };
  if (problems.length) return { ok: false, problems: problems.slice(0, 20) };
  const parsed = putFulfilmentRulesSchema.safeParse(body);
  if (parsed.success) return { ok: true, rules: body as PutFulfilmentRules };
  return { ok: false, problems: parsed.error.issues.slice(0, 20).map((issue) => whereIs(issue.path, body, issue.message)) };
}

/** A problem at ["paths", 1, "lastMile"] (or the service's "body.paths[1].lastMile") as "TierlinePathRules row 3, LastMile: …". */
export function whereIs(path: ReadonlyArray<PropertyKey>, body: { allocation: object[]; paths: object[] } | undefined, message: string): string {
  const [list, index, field] = path;
  if ((list !== "allocation" && list !== "paths") || typeof index !== "number") return `${path.map(String).join(".") || "rules"}: ${message}`;
  const sheetRow = (body?.[list][index] as { sheetRow?: number } | undefined)?.sheetRow ?? index + 2;
  return `${SHEETS[list].table} row ${sheetRow}${field === undefined ? "" : `, ${header(String(field))}`}: ${message}`;
}

/** The service's field "body.paths[1].lastMile" as a path. */
export function servicePath(field: string): Array<string | number> {
  return field
    .replace(/^body\.?/, "")
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
