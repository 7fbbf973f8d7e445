import type { PlanSlottingRequest, SlottingResult } from "../../../../shared/src/api/warehouse";
import { DomainError } from "../../../../shared/src/errors";
import { planSlotting, type SlottingItem } from "../../../../shared/src/warehouse";
import { unprocessable } from "../../appError";
import { productActivity } from "../../store/productActivity";
import type { Executor } from "../context";
import { count, money } from "./plannerNumbers";
import { numberAttribute, productContext } from "./productContext";

/**
 * Slotting by segment velocity over the stored data: every stored product is
 * slotted (a product without orders still takes its space), its picks a week
 * the order lines of the window divided by the window's weeks, its segment
 * the current assignment, its space, temperature class and zone today from
 * the product master. The zones come from the request: the layout is the
 * planner's what-if, edited on a sheet, not master data.
 */
export async function slottingBySegment(db: Executor, body: PlanSlottingRequest): Promise<SlottingResult> {
  const [ctx, activity] = await Promise.all([productContext(db), productActivity(db, body.weeks)]);
  if (ctx.products.length === 0) throw unprocessable("no products are stored: import products and order lines first", [{ field: "products", message: "none stored" }]);
  if (!activity) throw unprocessable("no order lines are stored: pick frequency comes from the order history", [{ field: "order_lines", message: "none stored" }]);
  const windowWeeks = activity.toWeek - activity.fromWeek + 1;
  const zoneNames = new Set(body.zones.map((z) => z.zone));
  const notes: string[] = [];
  let unknownZone = 0;
  const items: Array<SlottingItem & { id: string; segment: string; picks: number; space: number }> = ctx.products.map((p) => {
    const zone = typeof p.attributes.storage_zone === "string" ? p.attributes.storage_zone : undefined;
    if (zone !== undefined && !zoneNames.has(zone)) unknownZone++;
    return {
      id: p.id,
      segment: ctx.segmentOf.get(p.id) ?? "unsegmented",
      picks: (activity.products.get(p.id)?.lines ?? 0) / windowWeeks,
      space: numberAttribute(p.attributes.slot_space) ?? 1,
      refrigerated: p.attributes.refrigerated === true,
      ...(zone !== undefined && zoneNames.has(zone) ? { currentZone: zone } : {}),
    };
  });
  let plan;
  try {
    plan = await planSlotting(items, body.zones, { segmentWeights: body.segmentWeights, moveCost: body.moveCost, timeLimitSeconds: body.timeLimitSeconds });
  } catch (e) {
    if (e instanceof DomainError && e.field === "zones" && e.kind === "out_of_range") throw unprocessable(`zones: ${needs(items, body.zones)}`, [{ field: "zones", message: e.detail }]);
    if (e instanceof DomainError && /^items\[\d+\]$/.test(e.field)) throw unprocessable(`zones: ${e.detail}`, [{ field: "zones", message: e.detail }]);
    throw e;
  }
  const idle = items.filter((it) => it.picks === 0).length;
  if (idle > 0) notes.push(`${count(idle, 0)} product${idle === 1 ? " has" : "s have"} no order lines in weeks ${activity.fromWeek}–${activity.toWeek}: no pick cost, so they take the room the fast movers leave`);
  if (unknownZone > 0) notes.push(`${count(unknownZone, 0)} product${unknownZone === 1 ? "'s" : "s'"} storage_zone names no zone in the table: counted as new, without a move`);
  const placed = items.filter((it) => it.currentZone !== undefined).length;
  if (placed === 0) notes.push("no product has a storage_zone among these zones: no moves are listed and today's cost is unknown");
  else if (placed < items.length) notes.push(`today's cost is unknown: ${count(items.length - placed, 0)} of ${count(items.length, 0)} products have no storage_zone among these zones`);
  const nameOf = new Map(ctx.products.map((p) => [p.id, p.name]));
  const zoneRow = new Map(body.zones.map((z) => [z.zone, z]));
  const weightOf = (segment: string) => body.segmentWeights[segment] ?? 1;

  const products = plan.items.map((it, i) => {
    const item = items[i];
    const zone = zoneRow.get(it.zone)!;
    const perSlot = item.space === 1 ? "" : ` over ${count(item.space)} slots`;
    const weight = weightOf(item.segment) === 1 ? "" : `, segment ${item.segment} weighs ${count(weightOf(item.segment), 2)}×`;
    const where = it.moved ? `; moves from ${it.from}` : it.from !== null ? "; stays" : "";
    return {
      productId: it.id,
      productName: nameOf.get(it.id) ?? it.id,
      segment: it.segment,
      picksPerWeek: item.picks,
      space: item.space,
      zone: it.zone,
      from: it.from,
      moved: it.moved,
      reason: `${count(item.picks)} picks a week${perSlot}${weight} → ${it.zone} at ${money(zone.costPerPick)} a pick${where}`,
    };
  });
  const cheapestFirst = [...body.zones].sort((a, b) => a.costPerPick - b.costPerPick);
  const zones = plan.zones.map((z) => {
    const mine = products.filter((p) => p.zone === z.zone);
    const velocity = mine.map((p) => p.picksPerWeek / p.space);
    const picks = mine.reduce((a, p) => a + p.picksPerWeek, 0);
    const bySegment = new Map<string, number>();
    for (const p of mine) bySegment.set(p.segment, (bySegment.get(p.segment) ?? 0) + 1);
    const row = zoneRow.get(z.zone)!;
    const rank = cheapestFirst.filter((c) => c.refrigerated === row.refrigerated).findIndex((c) => c.zone === z.zone);
    const role = rank === 0 ? "the cheapest to pick from, so the fastest movers per slot" : "slower movers, after the cheaper zones filled";
    const kind = row.refrigerated ? "refrigerated" : "ambient";
    const reason =
      mine.length > 0
        ? `${role}: ${count(Math.min(...velocity))}–${count(Math.max(...velocity))} picks a week per slot`
        : items.some((it) => (it.refrigerated ?? false) === row.refrigerated)
          ? `empty: the cheaper zones hold every ${kind} product`
          : `empty: no product is marked ${kind}`;
    return {
      zone: z.zone,
      refrigerated: row.refrigerated,
      capacity: z.capacity,
      used: z.used,
      utilisation: z.capacity > 0 ? z.used / z.capacity : null,
      products: z.items,
      picksPerWeek: picks,
      pickCostPerWeek: mine.reduce((a, p) => a + weightOf(p.segment) * p.picksPerWeek * row.costPerPick, 0),
      segments: [...bySegment].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([segment, n]) => ({ segment, products: n })),
      reason,
    };
  });
  return {
    window: { fromWeek: activity.fromWeek, toWeek: activity.toWeek },
    zones,
    products,
    moves: plan.moves.length,
    cost: plan.cost,
    currentCost: plan.currentCost,
    solver: { status: plan.solver.status, gap: plan.solver.gap },
    notes,
  };
}

/** Why the products do not fit: the space they need against the zones', per temperature class. */
function needs(items: ReadonlyArray<{ space: number; refrigerated?: boolean }>, zones: ReadonlyArray<{ capacity: number; refrigerated: boolean }>): string {
  return (
    [false, true]
      .map((cold) => {
        const need = items.filter((it) => (it.refrigerated ?? false) === cold).reduce((a, it) => a + it.space, 0);
        const have = zones.filter((z) => z.refrigerated === cold).reduce((a, z) => a + z.capacity, 0);
        return need > have ? `${cold ? "refrigerated" : "ambient"} products need ${count(need)} slots but the ${cold ? "refrigerated" : "ambient"} zones hold ${count(have)}` : null;
      })
      .filter((s) => s !== null)
      .join("; ") || "the products do not fit the zones' capacities"
  );
}
