import { isRecommendationSource, type ChangeRequestSummary, type Recommendation } from "../../../../../shared/src/api";
import { formatCount, formatMoneyChange, formatPoints } from "./format";
import { compareItems, type QueueSort } from "./queueSort";

/*
 * The approver's queue as data: one item per pending change request, its
 * recommendation (if any) and entity name, grouped by where it came from,
 * dimension and from → to, filtered as the approver chose. Pure, so the pane
 * only renders it.
 */

export type Origin = "rule" | "model" | "both" | "manual" | "segmentation-run" | "policy-edit" | "rate-edit";
export type Direction = Recommendation["direction"];

export interface QueueItem {
  request: ChangeRequestSummary;
  recommendation?: Recommendation;
  dimension: string;
  origin: Origin;
  /** the one entity a recommendation moves; runs and hand edits may move many */
  entityId?: string;
  entityName?: string;
  from?: string;
  to?: string;
  direction?: Direction;
  confidence?: number;
}

export const ORIGIN_NAMES: Record<Origin, string> = {
  rule: "rule",
  model: "model",
  both: "rule and model",
  manual: "hand edit",
  "segmentation-run": "segmentation run",
  "policy-edit": "policy edit",
  "rate-edit": "activity-rate edit",
};

function originOf(request: ChangeRequestSummary, recommendation: Recommendation | undefined): Origin {
  if (recommendation) return recommendation.sources.length > 1 ? "both" : recommendation.sources[0];
  if (isRecommendationSource(request.source)) return request.source === "recommendation-model" ? "model" : "rule";
  return request.source as Origin;
}

/** Joins what the service lists: the pending requests and the recommendations behind them (by change request id). */
export function buildQueue(requests: readonly ChangeRequestSummary[], recommendations: readonly Recommendation[]): QueueItem[] {
  const byRequest = new Map(recommendations.map((r) => [r.changeRequestId, r]));
  return requests.map((request) => {
    const rec = byRequest.get(request.id);
    const item: QueueItem = { request, recommendation: rec, dimension: request.dimension, origin: originOf(request, rec) };
    if (rec) Object.assign(item, { entityId: rec.entityId, entityName: rec.entityName ?? undefined, from: rec.from, to: rec.to, direction: rec.direction, confidence: rec.confidence });
    return item;
  });
}

export interface QueueFilter {
  dimension: string;
  origin: string;
  /** 0…1; items without a confidence (runs, hand edits) fall out above 0 */
  minConfidence: number;
  direction: string;
  from: string;
  to: string;
  text: string;
}

export const NO_FILTER: QueueFilter = { dimension: "all", origin: "all", minConfidence: 0, direction: "all", from: "all", to: "all", text: "" };

export function matches(item: QueueItem, f: QueueFilter): boolean {
  if (f.dimension !== "all" && item.dimension !== f.dimension) return false;
  if (f.origin !== "all" && item.origin !== f.origin) return false;
  if (f.minConfidence > 0 && (item.confidence ?? -1) < f.minConfidence) return false;
  if (f.direction !== "all" && item.direction !== f.direction) return false;
  if (f.from !== "all" && item.from !== f.from) return false;
  if (f.to !== "all" && item.to !== f.to) return false;
  const text = f.text.trim().toLowerCase();
  if (text === "") return true;
  return [item.entityId, item.entityName, item.request.id, item.request.justification, item.request.createdBy].some((s) => s !== undefined && s.toLowerCase().includes(text));
}

/** The filters that differ from none, in words: "customer", "confidence ≥ 80%", "“acme”". */
export function activeFilters(f: QueueFilter): string[] {
  const out: string[] = [];
  if (f.dimension !== "all") out.push(f.dimension);
  if (f.origin !== "all") out.push(`from ${ORIGIN_NAMES[f.origin as Origin] ?? f.origin}`);
  if (f.minConfidence > 0) out.push(`confidence ≥ ${Math.round(f.minConfidence * 100)}%`);
  if (f.direction !== "all") out.push(`${f.direction}s`);
  if (f.from !== "all") out.push(`from segment ${f.from}`);
  if (f.to !== "all") out.push(`to segment ${f.to}`);
  if (f.text.trim() !== "") out.push(`name or id “${f.text.trim()}”`);
  return out;
}

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;

/** "134 product requests and 3 customer requests" */
export function countByDimension(items: readonly QueueItem[]): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.dimension, (counts.get(i.dimension) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([d, n]) => `${formatCount(n)} ${d} request${n === 1 ? "" : "s"}`)
    .join(" and ");
}

/**
 * Why the list is empty, said with what remains: "No customer requests left;
 * 134 product requests pending." or "No product requests match confidence ≥
 * 90%; 134 product requests pending (137 in all)." Undefined when nothing is
 * pending at all or the list is not empty.
 */
export function emptyExplanation(all: readonly QueueItem[], f: QueueFilter, shown: number): string | undefined {
  if (shown > 0 || all.length === 0) return undefined;
  if (f.dimension !== "all") {
    const same = all.filter((i) => i.dimension === f.dimension);
    if (same.length === 0) return `No ${f.dimension} requests left; ${countByDimension(all)} pending.`;
    const others = activeFilters({ ...f, dimension: "all" });
    return `No ${f.dimension} requests ${others.length ? `match ${others.join(", ")}` : "left"}; ${plural(same.length, `${f.dimension} request`)} pending${same.length < all.length ? ` (${formatCount(all.length)} in all)` : ""}.`;
  }
  return `No requests match ${activeFilters(f).join(", ")}; ${countByDimension(all)} pending.`;
}

export interface QueueGroup {
  key: string;
  label: string;
  origin: Origin;
  dimension: string;
  from?: string;
  to?: string;
  items: QueueItem[];
}

/**
 * Groups by origin, dimension and from → to. By default the largest groups
 * first, the most confident rows first within a group; any other sort orders
 * the rows within each group and the groups by their first row.
 */
export function groupQueue(items: readonly QueueItem[], sort: QueueSort = "default"): QueueGroup[] {
  const groups = new Map<string, QueueGroup>();
  for (const item of items) {
    const move = item.from !== undefined && item.to !== undefined ? `${item.from} → ${item.to}` : undefined;
    const key = `${item.origin}|${item.dimension}|${move ?? ""}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, label: [move, item.dimension, ORIGIN_NAMES[item.origin]].filter(Boolean).join(" · "), origin: item.origin, dimension: item.dimension, from: item.from, to: item.to, items: [] };
      groups.set(key, g);
    }
    g.items.push(item);
  }
  const rows = compareItems(sort);
  for (const g of groups.values()) g.items.sort(rows);
  if (sort !== "default") return [...groups.values()].sort((a, b) => rows(a.items[0], b.items[0]) || a.label.localeCompare(b.label));
  return [...groups.values()].sort((a, b) => b.items.length - a.items.length || a.label.localeCompare(b.label));
}

export interface SelectionSummary {
  count: number;
  /** selected requests the current filter hides */
  hidden: number;
  /** Σ impact.safetyStock.value.change over the selected recommendations that are priced */
  valueChange: number;
  priced: number;
  /** per selected recommendation with both service levels: to − from (0…1) */
  serviceLevel: { min: number; max: number; mean: number; n: number } | undefined;
}

/** The selection's count and impact; `shown` (the filtered list) tells how many selected requests the filter hides. */
export function summarise(items: readonly QueueItem[], shown?: ReadonlySet<string>): SelectionSummary {
  let valueChange = 0;
  let priced = 0;
  const levels: number[] = [];
  for (const i of items) {
    const impact = i.recommendation?.impact;
    const change = impact?.safetyStock?.value?.change;
    if (typeof change === "number") {
      valueChange += change;
      priced++;
    }
    const sl = impact?.serviceLevel;
    if (sl && sl.from !== null && sl.to !== null) levels.push(sl.to - sl.from);
  }
  const serviceLevel = levels.length ? { min: Math.min(...levels), max: Math.max(...levels), mean: levels.reduce((s, x) => s + x, 0) / levels.length, n: levels.length } : undefined;
  const hidden = shown ? items.filter((i) => !shown.has(i.request.id)).length : 0;
  return { count: items.length, hidden, valueChange, priced, serviceLevel };
}

/** "12 selected" or "12 selected, 3 of them hidden by the filter": a decision applies to every selected request, seen or not. */
export function describeSelection(s: SelectionSummary): string {
  return `${formatCount(s.count)} selected${s.hidden > 0 ? `, ${s.hidden === s.count ? (s.count === 1 ? "hidden" : "all hidden") : `${formatCount(s.hidden)} of them hidden`} by the filter` : ""}`;
}

/** "Δ safety-stock value +12,345 (40 of 50 priced)" */
export function describeValueChange(s: SelectionSummary): string {
  if (s.priced === 0) return "Δ safety-stock value: not priced";
  return `Δ safety-stock value ${formatMoneyChange(s.valueChange)}${s.priced < s.count ? ` (${formatCount(s.priced)} of ${formatCount(s.count)} priced)` : ""}`;
}

/** "Δ service level +3 pp" or "Δ service level −5 to +8 pp (avg +2.1 pp)" */
export function describeServiceLevelChange(s: SelectionSummary): string {
  const sl = s.serviceLevel;
  if (!sl) return "Δ service level: none stated";
  if (Math.abs(sl.max - sl.min) < 1e-9) return `Δ service level ${formatPoints(sl.min)}`;
  return `Δ service level ${formatPoints(sl.min).replace(" pp", "")} to ${formatPoints(sl.max)} (avg ${formatPoints(sl.mean)})`;
}

/** Who a request moves, for outcomes and the confirm dialog: the entity id, or the request's own words. */
export function itemLabel(i: QueueItem): string {
  if (i.entityId) return i.entityName ? `${i.entityId} ${i.entityName}` : i.entityId;
  return `${ORIGIN_NAMES[i.origin]} on ${i.dimension} (${plural(i.request.size, "change")})`;
}
