import { activityRateSchema, type ActivityRateInput, type RateTable } from "../../../../../shared/src/api";
import { readNumber } from "../../../../../shared/src/validation";
import type { CellValue, TableData } from "../../../workbook/workbook";
import { numberFormat } from "../recommendations/format";

/**
 * The activity-rate table as a worksheet table to edit and propose, like the
 * policy table: one row per activity and valid-from day. Excel turns a typed
 * date into a serial number, so a ValidFrom cell is read back either way;
 * every problem names the sheet row and column.
 */

export const RATE_TABLE = "TierlineActivityRates";
const HEADERS = ["Activity", "Driver", "Rate", "ValidFrom"] as const;

export function rateTableData(rows: readonly ActivityRateInput[]): TableData {
  return { name: RATE_TABLE, headers: [...HEADERS], rows: rows.map((r): CellValue[] => [r.activity, r.driver, r.rate, r.validFrom]) };
}

/** Excel's day 0 is 1899-12-30 (day 60 is the phantom 29 Feb 1900, so serials after it count from here). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

/** A ValidFrom cell as YYYY-MM-DD: an Excel date serial or ISO text; anything else is a problem in words. */
export function readDay(cell: CellValue): { day: string } | { problem: string } {
  if (typeof cell === "number") {
    if (!Number.isInteger(cell) || cell < 61 || cell > 2_958_465) return { problem: `${cell} is not a date (write 2026-01-31)` };
    return { day: new Date(EXCEL_EPOCH_MS + cell * MS_PER_DAY).toISOString().slice(0, 10) };
  }
  const text = String(cell ?? "").trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
    return { problem: `"${text}" is not a date (write 2026-01-31)` };
  }
  return { day: text };
}

export type RateReading = { ok: true; rows: ActivityRateInput[] } | { ok: false; problems: string[] };

/** The sheet's rows as rates, or every problem (up to 20) with its sheet row and column. */
export function ratesFromTable(data: TableData): RateReading {
  const at = new Map(data.headers.map((h, i) => [String(h).trim().toLowerCase(), i]));
  const missing = HEADERS.filter((h) => !at.has(h.toLowerCase()));
  if (missing.length) return { ok: false, problems: [`${data.name} has no ${missing.join(", ")} column${missing.length === 1 ? "" : "s"}: write the rate table to a sheet first, then edit it there.`] };
  const problems: string[] = [];
  const rows: ActivityRateInput[] = [];
  const first = new Map<string, number>();
  data.rows.forEach((cells, i) => {
    const where = `row ${i + 2}`;
    if (cells.every((c) => c === null || String(c).trim() === "")) return;
    const cell = (h: (typeof HEADERS)[number]) => cells[at.get(h.toLowerCase())!];
    const rate = readNumber(cell("Rate"));
    if (rate.kind !== "number") problems.push(`${where}, Rate: ${rate.kind === "error" ? rate.detail : "is empty"}`);
    const day = readDay(cell("ValidFrom"));
    if ("problem" in day) problems.push(`${where}, ValidFrom: ${day.problem}`);
    if (rate.kind !== "number" || "problem" in day) return;
    const parsed = activityRateSchema.safeParse({ activity: String(cell("Activity") ?? "").trim(), driver: String(cell("Driver") ?? "").trim(), rate: rate.value, validFrom: day.day });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${where}, ${String(issue.path[0] ?? "Activity").replace(/^./, (c) => c.toUpperCase())}: ${issue.message}`);
      return;
    }
    const key = `${parsed.data.activity.toLowerCase()}\u0000${parsed.data.validFrom}`;
    const earlier = first.get(key);
    if (earlier !== undefined) problems.push(`${where}: "${parsed.data.activity}" from ${parsed.data.validFrom} is also on row ${earlier}; keep one.`);
    else first.set(key, i + 2);
    rows.push(parsed.data);
  });
  if (!problems.length && rows.length === 0) problems.push(`${data.name} has no rows.`);
  return problems.length ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, rows };
}

export interface RateDiff {
  added: ActivityRateInput[];
  removed: ActivityRateInput[];
  changed: Array<{ activity: string; validFrom: string; from: string; to: string }>;
  unchanged: number;
}

const rowKey = (r: Pick<ActivityRateInput, "activity" | "validFrom">) => `${r.activity}\u0000${r.validFrom}`;

/** A driver column as a unit: "orders" → "order", "deliveries" → "delivery", "order_lines" → "order line", "units_picked" → "unit picked". */
function driverUnit(driver: string): string {
  const words = driver.replace(/_/g, " ").trim().split(/\s+/);
  const singular = (w: string) => w.replace(/ies$/, "y").replace(/([^s])s$/, "$1");
  if (words.length > 1 && words[0] === "units") words[0] = "unit";
  else words[words.length - 1] = singular(words[words.length - 1]);
  return words.join(" ");
}

/** A rate with its driver: "12.00 per order". Money carries no symbol: the service stores no currency. */
export const rateWords = (r: Pick<ActivityRateInput, "rate" | "driver">): string => `${numberFormat(r.rate, { minimumFractionDigits: 2, maximumFractionDigits: 4 })} per ${driverUnit(r.driver)}`;

/** A day as a planner reads it: "1 Jan 2025". */
export const dayWords = (day: string): string => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** What a proposed table changes against the one stored, row by activity and valid-from day. */
export function diffRates(current: readonly ActivityRateInput[], proposed: readonly ActivityRateInput[]): RateDiff {
  const before = new Map(current.map((r) => [rowKey(r), r]));
  const after = new Set(proposed.map(rowKey));
  const diff: RateDiff = { added: [], removed: current.filter((r) => !after.has(rowKey(r))), changed: [], unchanged: 0 };
  for (const row of proposed) {
    const old = before.get(rowKey(row));
    if (!old) diff.added.push(row);
    else if (old.rate !== row.rate || old.driver !== row.driver) diff.changed.push({ activity: row.activity, validFrom: row.validFrom, from: rateWords(old), to: rateWords(row) });
    else diff.unchanged++;
  }
  return diff;
}

export const isEmptyRateDiff = (d: RateDiff): boolean => d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;

/** Whether each row prices its activity today, starts later, or was superseded by a later row. */
export function rowState(row: RateTable["rows"][number], asOf: string): "in force" | "from later" | "superseded" {
  if (row.inForce) return "in force";
  return row.validFrom > asOf ? "from later" : "superseded";
}
