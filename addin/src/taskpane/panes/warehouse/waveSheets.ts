import type { WaveReleaseRequest, WaveReleaseResult } from "../../../../../shared/src/api";
import { readNumber } from "../../../../../shared/src/validation";
import type { Parsed } from "../../../../../shared/src/data/parseShare";
import { columnIndex, type CellValue, type TableData } from "../../../workbook/workbook";

/*
 * Wave release between the sheets and the service: a day's orders and the
 * segments' wave rules read from two tables (every problem named by table,
 * row and column), the waves typed in the pane, the plan written back as a
 * table per wave and one per order.
 */

export const WAVES_TABLE = "TierlineWaves";
export const WAVE_ORDERS_TABLE = "TierlineWaveOrders";

type Waves = WaveReleaseRequest["waves"];

/** "09:40" from minutes after midnight. */
export const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(Math.round(minute % 60)).padStart(2, "0")}`;

/**
 * A time of day as minutes after midnight: "09:40" typed as text, or the
 * fraction of a day Excel stores a time as (09:40 is 0.4028).
 */
export function minuteOf(cell: CellValue): number | string {
  if (typeof cell === "number") return cell >= 0 && cell <= 1 ? Math.round(cell * 1440) : `expected a time of day such as 09:40, got ${cell}`;
  const m = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(String(cell ?? ""));
  if (!m) return cell === null || String(cell).trim() === "" ? "is blank: give a time of day such as 09:40" : `expected a time of day such as 09:40, got "${String(cell)}"`;
  const minute = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minute <= 1440 ? minute : `"${String(cell)}" is not a time of day`;
}

/** "Morning 09:00, Midday 12:30, Evening 16:00" → the waves; a bad item is named by its place in the list. */
export function parseWaves(text: string): Parsed<Waves> {
  const items = text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) return { ok: false, message: "Waves: give at least one, e.g. Morning 09:00" };
  const waves: Waves = [];
  for (const [i, item] of items.entries()) {
    const m = /^(.+?)\s+(\S+)$/.exec(item);
    const minute = m ? minuteOf(m[2]) : "give a name and a time, e.g. Morning 09:00";
    if (!m || typeof minute === "string") return { ok: false, message: `Waves item ${i + 1} ("${item}"): ${typeof minute === "string" ? minute : ""}` };
    if (waves.some((w) => w.wave === m[1])) return { ok: false, message: `Waves item ${i + 1}: "${m[1]}" is listed twice` };
    waves.push({ wave: m[1], releaseMinute: minute });
  }
  return { ok: true, value: waves };
}

function column(data: TableData, problems: string[], ...names: string[]): number {
  for (const name of names) {
    const at = columnIndex(data.headers, name);
    if (at >= 0) return at;
  }
  problems.push(`${data.name} has no ${names[0]} column (its columns: ${data.headers.join(", ")})`);
  return -1;
}

const blankRow = (cells: readonly CellValue[]) => cells.every((c) => c === null || String(c).trim() === "");

/** The request for POST /warehouse/wave-release, or the first 20 problems by table, row and column. */
export function waveRequestFromTables(orders: TableData, rules: TableData, waves: Waves): { ok: true; body: WaveReleaseRequest } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const [id, segment, arrival, lines] = [column(orders, problems, "OrderId", "Order", "Id"), column(orders, problems, "Segment"), column(orders, problems, "Arrival", "ArrivalTime"), column(orders, problems, "Lines")];
  const [ruleSegment, ruleWaves, cutoff] = [column(rules, problems, "Segment"), column(rules, problems, "Waves"), column(rules, problems, "CutoffMinutes", "Cutoff")];
  if (problems.length) return { ok: false, problems };
  const at = (table: TableData, row: number, header: string) => `${table.name} row ${row + 2}, ${header}`;
  const waveNames = new Set(waves.map((w) => w.wave));

  const body: WaveReleaseRequest = { orders: [], waves, rules: [] };
  rules.rows.forEach((cells, r) => {
    if (blankRow(cells)) return;
    const name = String(cells[ruleSegment] ?? "").trim();
    if (!name) return void problems.push(`${at(rules, r, "Segment")}: is blank`);
    const listed = String(cells[ruleWaves] ?? "")
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = listed.filter((w) => !waveNames.has(w));
    if (unknown.length) problems.push(`${at(rules, r, "Waves")}: "${unknown[0]}" is not one of the waves typed in the pane (${[...waveNames].join(", ")})`);
    const minutes = readNumber(cells[cutoff]);
    if (minutes.kind === "error" || (minutes.kind === "number" && minutes.value < 0)) problems.push(`${at(rules, r, "CutoffMinutes")}: ${minutes.kind === "error" ? minutes.detail : "must be at least 0"}`);
    body.rules.push({ segment: name, ...(listed.length ? { waves: listed } : {}), cutoffMinutes: minutes.kind === "number" ? minutes.value : 0 });
  });
  const ruled = new Set(body.rules.map((r) => r.segment));

  orders.rows.forEach((cells, r) => {
    if (blankRow(cells)) return;
    const orderId = String(cells[id] ?? "").trim();
    const seg = String(cells[segment] ?? "").trim();
    if (!orderId) problems.push(`${at(orders, r, "OrderId")}: is blank`);
    if (!seg) problems.push(`${at(orders, r, "Segment")}: is blank`);
    else if (!ruled.has(seg)) problems.push(`${at(orders, r, "Segment")}: "${seg}" has no row on ${rules.name}`);
    const minute = minuteOf(cells[arrival]);
    if (typeof minute === "string") problems.push(`${at(orders, r, "Arrival")}: ${minute}`);
    const count = readNumber(cells[lines]);
    const lineCount = count.kind === "number" ? count.value : 1;
    if (count.kind === "error" || !Number.isInteger(lineCount) || lineCount < 1) problems.push(`${at(orders, r, "Lines")}: ${count.kind === "error" ? count.detail : "must be a whole number of at least 1"}`);
    body.orders.push({ id: orderId, segment: seg, arrivalMinute: typeof minute === "number" ? minute : 0, lines: lineCount });
  });
  if (body.rules.length === 0) problems.push(`${rules.name}: no rule rows`);
  return problems.length ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, body };
}

/** "Strategic 3, Key 5": orders per segment in a wave. */
export const segmentCounts = (bySegment: Record<string, number>) =>
  Object.entries(bySegment)
    .map(([s, n]) => `${s} ${n.toLocaleString("en-US")}`)
    .join(", ");

export function waveTablesData(result: WaveReleaseResult): TableData[] {
  return [
    {
      name: WAVES_TABLE,
      headers: ["Wave", "Release", "Orders", "Lines", "OrdersBySegment"],
      rows: [...result.waves.map((w) => [w.wave, clock(w.releaseMinute), w.orders, w.lines, segmentCounts(w.bySegment)]), ["Next day", null, result.carriedOver.orders, result.carriedOver.lines, "carried over"]],
    },
    {
      name: WAVE_ORDERS_TABLE,
      headers: ["OrderId", "Segment", "Wave", "Release", "WaitMinutes"],
      rows: result.orders.map((o) => [o.id, o.segment, o.wave ?? "next day", o.releaseMinute === null ? null : clock(o.releaseMinute), o.waitMinutes]),
    },
  ];
}
