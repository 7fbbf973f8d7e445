import type { SharedCapacityRequest, SharedCapacityResult } from "../../../../shared/src/api/warehouse";
import { allocateSharedCapacity } from "../../../../shared/src/warehouse";
import { unprocessable } from "../../appError";
import { productActivity } from "../../store/productActivity";
import type { Executor } from "../context";
import { count, money, pct } from "./plannerNumbers";
import { productContext } from "./productContext";

/**
 * A shared capacity split between product segments (allocateSharedCapacity):
 * a segment's demand is its units a week over the window, its margin per
 * unit its margin over the window / its units; refrigeratedOnly restricts
 * both to the products marked refrigerated.
 */
export async function capacityBySegment(db: Executor, body: SharedCapacityRequest): Promise<SharedCapacityResult> {
  const [ctx, activity] = await Promise.all([productContext(db), productActivity(db, body.weeks)]);
  if (!activity) throw unprocessable("no order lines are stored: demand and margin come from the order history", [{ field: "order_lines", message: "none stored" }]);
  const windowWeeks = activity.toWeek - activity.fromWeek + 1;
  const sums = new Map<string, { units: number; margin: number }>();
  for (const p of ctx.products) {
    if (body.refrigeratedOnly && p.attributes.refrigerated !== true) continue;
    const a = activity.products.get(p.id);
    if (!a || !(a.units > 0)) continue;
    const segment = ctx.segmentOf.get(p.id) ?? "unsegmented";
    const s = sums.get(segment) ?? { units: 0, margin: 0 };
    s.units += a.units;
    s.margin += a.margin;
    sums.set(segment, s);
  }
  if (sums.size === 0) {
    const what = body.refrigeratedOnly ? "refrigerated products" : "products";
    throw unprocessable(`no ${what} have orders in weeks ${activity.fromWeek}–${activity.toWeek}`, [{ field: body.refrigeratedOnly ? "refrigeratedOnly" : "weeks", message: `no ${what} with orders` }]);
  }
  const rows = [...sums]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([segment, s]) => ({
      segment,
      profitPerUnit: s.margin / s.units,
      capacityPerUnit: body.capacityPerUnit[segment] ?? body.defaultCapacityPerUnit,
      demand: s.units / windowWeeks,
      serviceFloor: body.serviceFloors[segment] ?? body.defaultServiceFloor,
    }));
  const plan = await allocateSharedCapacity(rows, body.capacity);
  const density = (r: (typeof rows)[number]) => r.profitPerUnit / r.capacityPerUnit;
  const ranked = [...rows].sort((a, b) => density(b) - density(a));
  return {
    window: { fromWeek: activity.fromWeek, toWeek: activity.toWeek },
    segments: plan.segments.map((s, i) => {
      const r = rows[i];
      const floor = r.serviceFloor * r.demand;
      const place = ranked.indexOf(r) + 1;
      const why =
        s.serviceShare !== null && s.serviceShare >= 1 - 1e-9
          ? "all its demand fits"
          : s.units <= floor + 1e-9 && floor > 0
            ? `only its service floor of ${pct(r.serviceFloor)}: segments earning more per unit of capacity come first`
            : s.units <= 1e-9
              ? "none: segments earning more per unit of capacity take it all"
              : "what is left after the segments earning more per unit of capacity";
      return {
        segment: s.segment,
        unitsPerWeek: r.demand,
        marginPerUnit: r.profitPerUnit,
        capacityPerUnit: r.capacityPerUnit,
        serviceFloor: r.serviceFloor,
        units: s.units,
        capacityUsed: s.capacityUsed,
        margin: s.profit,
        serviceShare: s.serviceShare,
        reason: `${money(density(r))} margin per unit of capacity (${ordinal(place)} of ${rows.length}) → ${count(s.units)} of ${count(r.demand)} units a week: ${why}`,
      };
    }),
    capacity: body.capacity,
    capacityUsed: plan.capacityUsed,
    margin: plan.profit,
    capacityShadowPrice: plan.capacityShadowPrice,
  };
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;
