import type { AtpReport } from "../../../../../shared/src/api";

/* How the Fulfilment pane words its figures: units with thousands separators, shares as %, days and dates in words. */

export const units = (x: number) => `${Math.round(x).toLocaleString("en-US")} unit${Math.round(x) === 1 ? "" : "s"}`;
export const count = (x: number) => Math.round(x).toLocaleString("en-US");
export const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : "–");
const lines = (n: number) => `${count(n)} line${n === 1 ? "" : "s"}`;
const days = (n: number) => `${count(n)} day${n === 1 ? "" : "s"}`;

/** "4 Dec": a date the planner reads at a glance (the year is the sheet's business). */
export function shortDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
}

/** The order book in three short sentences: what is asked, what there is, what is promised. */
export function bookSummary(report: AtpReport): string {
  const t = report.totals;
  const stock = report.onHandDate ? `stock counted ${shortDate(report.onHandDate)} and receipts due` : "receipts due; no stock count is stored";
  return `${count(t.lines)} open line${t.lines === 1 ? "" : "s"} ask for ${units(t.requested)} of ${count(t.products)} product${t.products === 1 ? "" : "s"}. Their supply: ${units(t.supply)} (${stock}). Promised: ${units(t.promised)} (${pct(t.promised, t.requested)}).`;
}

/** The shortage in one sentence, or that there is none. */
export function shortageSummary(report: AtpReport): string {
  const t = report.totals;
  if (t.shortfall <= 0) return "Every line is promised in full.";
  return `${units(t.shortfall)} short on ${lines(t.linesShort)}: ${count(t.productsShort)} product${t.productsShort === 1 ? " has" : "s have"} less supply than open orders.`;
}

/** One segment's outcome in plain words: priority, promise, what it gets and what it misses. */
export function segmentSentence(s: AtpReport["segments"][number]): string {
  const rule = s.rule === s.segment ? "" : s.rule === "*" ? " (the catch-all row)" : ` (the "${s.rule}" row)`;
  const head = `priority ${s.priority}${rule}, promises ${days(s.promisedLeadTimeDays)}`;
  const reserve = s.fromReserve > 0 ? `, ${count(s.fromReserve)} from its reserve` : "";
  const got =
    s.shortfall <= 0
      ? `all ${units(s.requested)} promised${reserve}`
      : `${count(s.promised)} of ${units(s.requested)} promised (${pct(s.promised, s.requested)})${reserve}; ${units(s.shortfall)} short on ${lines(s.linesShort)}`;
  const late = s.linesLate > 0 ? `; ${lines(s.linesLate)} arrive${s.linesLate === 1 ? "s" : ""} later than requested` : "";
  return `${head}: ${got}${late}.`;
}

/** A short product: "P0057: 228 ordered, 195 available (33 short)". */
export function shortProductLine(p: AtpReport["shortProducts"][number]): string {
  return `${p.productId}: ${count(p.requested)} ordered, ${count(p.supply)} available (${count(p.shortfall)} short)`;
}
