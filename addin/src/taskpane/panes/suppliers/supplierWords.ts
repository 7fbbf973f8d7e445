import type { SourcingItem, SupplierScorecard } from "../../../../../shared/src/api";

/* How the Suppliers pane words its figures: shares as %, lead times in days, money without cents. */

export const pct = (x: number | null, digits = 1) => (x === null ? "–" : `${(100 * x).toFixed(digits)} %`);
export const days = (x: number | null) => (x === null ? "–" : `${x.toFixed(1)} d`);
export const ppm = (x: number | null) => (x === null ? "–" : `${Math.round(x).toLocaleString("en-US")} ppm`);
export const money = (x: number | null) => (x === null ? "–" : Math.round(x).toLocaleString("en-US"));

/** "AX 75 %, CZ 25 %": the segments a supplier serves, largest revenue share first. */
export function segmentsLine(card: SupplierScorecard): string {
  return card.segments.length ? card.segments.map((s) => `${s.segment} ${pct(s.revenueShare, 0)}`).join(", ") : "no sales in the last year (equal weights)";
}

/** One line per supplier: what a buyer compares first. */
export function scorecardSummary(card: SupplierScorecard): string {
  return `on time ${pct(card.onTimeRate)} · ${ppm(card.qualityPpm)} · lead time ${days(card.leadTimeMeanDays)} ± ${days(card.leadTimeSdDays)}`;
}

const KIND_WORDS: Record<SourcingItem["recommendations"][number]["kind"], string> = {
  dualSourcing: "Dual sourcing",
  strategicBuffer: "Strategic buffer",
  vmi: "VMI",
  buyer: "Buyer",
  approvalLimit: "Approval limit",
};

/** A recommendation's title: the kind, and what is recommended. */
export function recommendationTitle(item: SourcingItem, r: SourcingItem["recommendations"][number]): string {
  if (r.kind === "buyer") return `${KIND_WORDS.buyer}: ${item.buyer}`;
  if (r.kind === "approvalLimit") return item.approvalLimit === null ? `${KIND_WORDS.approvalLimit}: none` : `${KIND_WORDS.approvalLimit}: ${money(item.approvalLimit)} (${item.approver})`;
  return `${KIND_WORDS[r.kind]}: ${r.recommended ? "yes" : "no"}`;
}

/** The actions recommended for an item, in words ("dual sourcing, strategic buffer"), or "none". */
export function actionsLine(item: SourcingItem): string {
  const on = [item.dualSourcing && "dual sourcing", item.strategicBuffer && "strategic buffer", item.vmi && "VMI"].filter(Boolean);
  return on.length ? on.join(", ") : "no dual sourcing, buffer or VMI";
}
