import { z } from "zod";
import { parseWith } from "../errors";
import { itemIdSchema, itemRowsSchema } from "./itemRows";
import { nonNegativeSchema, positiveSchema } from "./schemas";

export const pushPullItemSchema = z.object({
  id: itemIdSchema,
  /** CoV of demand per period, sd / mean (the XYZ measure) */
  demandCv: nonNegativeSchema,
  /** P: the cumulative lead time to make or buy and deliver the item, days */
  leadTime: nonNegativeSchema,
  /** D: the lead time the segment's customers tolerate (quoted or promised), days */
  toleratedLeadTime: nonNegativeSchema,
});
export type PushPullItem = z.input<typeof pushPullItemSchema>;

export const pushPullOptionsSchema = z.object({
  /** above this CoV the forecast is too unreliable to push finished goods; 0.5 is the X/Y boundary of TIER.XYZ */
  cvCutoff: positiveSchema.default(0.5),
});
export type PushPullOptions = z.input<typeof pushPullOptionsSchema>;

export type SupplyStrategy = "pull" | "push" | "push_pull";

export interface PushPullDecision {
  id: string;
  /** P/D; Infinity when D = 0 < P, 0 when P = 0 */
  pdRatio: number;
  strategy: SupplyStrategy;
  /** the policy table's push/pull field: "pull" only when nothing is stocked ahead of orders */
  supplyMode: "push" | "pull";
  /** max(0, P − D): the part of the lead time stock must cover, upstream of the decoupling point */
  stockedLeadTime: number;
  reason: string;
}

/**
 * Push or pull per item (or segment), from the P:D ratio and demand
 * uncertainty.
 *
 * The P:D ratio compares the lead time P to make or buy and deliver with the
 * lead time D customers tolerate (Shingo; Mather, *Competitive Manufacturing*,
 * 1988; the "customer tolerance time" of decoupling-point positioning in Ptak
 * & Smith, *Demand Driven Material Requirements Planning*, 2016). With
 * P ≤ D an order can be made or bought after the customer asks: pull
 * (make/buy to order), no stock ahead of demand. With P > D some of the lead
 * time, P − D, must be covered by stock placed on a forecast. Whether that
 * stock should be finished goods follows demand uncertainty (Simchi-Levi,
 * Kaminsky & Simchi-Levi, *Designing and Managing the Supply Chain*, ch.
 * "push, pull and push-pull systems": low uncertainty favours push, high
 * uncertainty pull): CoV ≤ cut-off → push (make to stock); CoV above it →
 * push-pull: decouple upstream, where aggregated demand is steadier, so that
 * the last D of the lead time is pulled by orders.
 *
 * @throws DomainError naming `items[i].field` for a bad or negative number,
 *   a blank or duplicate id, and `cvCutoff` for a cut-off ≤ 0
 * @example pushPull([{ id: "A", demandCv: 0.2, leadTime: 10, toleratedLeadTime: 14 }])[0].strategy // "pull" (P:D = 0.71)
 */
export function pushPull(items: ReadonlyArray<PushPullItem>, options: PushPullOptions = {}): PushPullDecision[] {
  const { cvCutoff } = parseWith(pushPullOptionsSchema, options, "");
  const rows = parseWith(itemRowsSchema(pushPullItemSchema), items, "items");
  return rows.map((item) => {
    const p = item.leadTime;
    const d = item.toleratedLeadTime;
    const pdRatio = p === 0 ? 0 : d === 0 ? Infinity : p / d;
    const stockedLeadTime = Math.max(0, p - d);
    if (p <= d) {
      return { id: item.id, pdRatio, strategy: "pull", supplyMode: "pull", stockedLeadTime, reason: `lead time ${round(p)} fits within the tolerated ${round(d)}: make or buy to order` };
    }
    if (item.demandCv <= cvCutoff) {
      return {
        id: item.id,
        pdRatio,
        strategy: "push",
        supplyMode: "push",
        stockedLeadTime,
        reason: `lead time ${round(p)} exceeds the tolerated ${round(d)} and demand is predictable (CoV ${round(item.demandCv)} ≤ ${cvCutoff}): stock finished goods on the forecast`,
      };
    }
    return {
      id: item.id,
      pdRatio,
      strategy: "push_pull",
      supplyMode: "push",
      stockedLeadTime,
      reason: `lead time ${round(p)} exceeds the tolerated ${round(d)} and demand is volatile (CoV ${round(item.demandCv)} > ${cvCutoff}): stock upstream to cover ${round(stockedLeadTime)} of the lead time, pull the last ${round(d)} to order`,
    };
  });
}

function round(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
