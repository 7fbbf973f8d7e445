import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { checkIds, mustBe } from "../validation";

export const shipmentSchema = z.object({
  id: z.union([z.string().trim().min(1, "an id may not be blank"), z.number(mustBe.number)]),
  segment: z.string().trim().min(1, "a segment may not be blank"),
  /** day the shipment must leave to keep the promise (the promised date less transit), counted from today = 0 */
  promisedDay: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
  /** day it is packed and can leave (default 0) */
  readyDay: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).default(0),
  /** carrier capacity it takes (pallets, kg, m³: the unit of the departures' capacity) */
  size: z.number(mustBe.number).finite().gt(0, mustBe.above(0)),
});
export type Shipment = z.input<typeof shipmentSchema>;

export const shippingPrioritySchema = z.object({
  segment: z.string().trim().min(1, "a segment may not be blank"),
  /** 1 ships first */
  priority: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)),
});
export type ShippingPriority = z.input<typeof shippingPrioritySchema>;

export const departureSchema = z.object({
  day: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
  /** capacity the carrier offers on this departure, in the unit of the shipments' sizes */
  capacity: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
});
export type Departure = z.input<typeof departureSchema>;

export interface ShipmentPlanOptions {
  /**
   * true (default): a later shipment may take space a higher one does not fit
   * in (first fit); false: loading of a departure stops at the first ready
   * shipment that does not fit, so nothing overtakes it.
   */
  backfill?: boolean;
}

export interface PlannedShipment {
  id: string;
  segment: string;
  priority: number;
  /** 1 = first in the queue */
  sequence: number;
  /** index into the departures as given, or null when it does not leave within them */
  departure: number | null;
  departureDay: number | null;
  /** departure day − promised day when it leaves late, 0 on time; null when it does not leave */
  daysLate: number | null;
}

export interface ShipmentPlan {
  /** in input order */
  shipments: PlannedShipment[];
  departures: Array<{ day: number; capacity: number; used: number; shipments: number }>;
  segments: Array<{ segment: string; priority: number; shipments: number; onTime: number; late: number; notShipped: number }>;
}

/**
 * Which shipments go first when carrier capacity is short: a queue ordered
 * by segment priority, then by promised day (earliest due date first), then
 * by input order, loaded onto the departures in day order. A shipment
 * leaves on the first departure on or after its ready day with room for it.
 *
 * The order within a priority is Jackson's earliest-due-date rule, which
 * minimises the maximum lateness on one resource (Jackson, "Scheduling a
 * production line to minimize maximum tardiness", Research Report 43, UCLA
 * 1955; Pinedo, *Scheduling: Theory, Algorithms, and Systems*, 5th ed. 2016,
 * §3.2); priority classes come before it, as in the strict-priority
 * allocation of {@link allocateAtp}. Loading is first fit (Johnson,
 * "Fast algorithms for bin packing", J. Computer and System Sciences 8(3),
 * 1974) in queue order, so a smaller, later shipment can fill space a larger
 * one ahead does not fit; `backfill: false` forbids that.
 *
 * @throws DomainError naming `shipments[i].field`, `priorities[k].field`, `departures[k].field`, a duplicate id or segment, or a shipment whose segment has no priority
 * @example prioritiseShipments([{ id: "a", segment: "C", promisedDay: 0, size: 6 }, { id: "b", segment: "A", promisedDay: 1, size: 6 }], [{ segment: "A", priority: 1 }, { segment: "C", priority: 2 }], [{ day: 0, capacity: 10 }, { day: 1, capacity: 10 }]).shipments.map((s) => s.departureDay) // [1, 0]
 */
export function prioritiseShipments(shipments: ReadonlyArray<Shipment>, priorities: ReadonlyArray<ShippingPriority>, departures: ReadonlyArray<Departure>, options: ShipmentPlanOptions = {}): ShipmentPlan {
  const rows = parseWith(z.array(shipmentSchema), shipments, "shipments");
  const rules = parseWith(z.array(shippingPrioritySchema).min(1, "give the priority of at least one segment"), priorities, "priorities");
  const trips = parseWith(z.array(departureSchema), departures, "departures");
  const backfill = options.backfill ?? true;
  const ids = checkIds(
    rows.map((r) => String(r.id).trim()),
    rows.length,
    "shipments.id",
  );
  const ruleOf = new Map<string, number>();
  rules.forEach((r, k) => {
    if (ruleOf.has(r.segment)) throw new DomainError(`priorities[${k}].segment`, `duplicate segment "${r.segment}" (also in row ${ruleOf.get(r.segment)})`);
    ruleOf.set(r.segment, k);
  });
  const priority = rows.map((r, i) => {
    const k = ruleOf.get(r.segment);
    if (k === undefined) throw new DomainError(`shipments[${i}].segment`, `"${r.segment}" has no shipping priority`, "missing");
    return rules[k].priority;
  });

  const queue = rows.map((_, i) => i).sort((a, b) => priority[a] - priority[b] || rows[a].promisedDay - rows[b].promisedDay || a - b);
  const tripOrder = trips.map((_, k) => k).sort((a, b) => trips[a].day - trips[b].day || a - b);
  const departure = new Array<number | null>(rows.length).fill(null);
  const used = new Float64Array(trips.length);
  const loaded = new Uint32Array(trips.length);
  let waiting = queue;
  for (const k of tripOrder) {
    let room = trips[k].capacity;
    const next: number[] = [];
    let closed = false;
    for (const i of waiting) {
      const ready = rows[i].readyDay <= trips[k].day;
      // A tolerance keeps sizes that add up exactly (0.1 + 0.2) from being refused by rounding.
      if (!closed && ready && rows[i].size <= room + 1e-9 * Math.max(1, trips[k].capacity)) {
        departure[i] = k;
        room -= rows[i].size;
        used[k] += rows[i].size;
        loaded[k]++;
        continue;
      }
      if (ready && !backfill) closed = true;
      next.push(i);
    }
    waiting = next;
  }

  const sequence = new Uint32Array(rows.length);
  queue.forEach((i, s) => (sequence[i] = s + 1));
  const planned: PlannedShipment[] = rows.map((r, i) => {
    const k = departure[i];
    const day = k === null ? null : trips[k].day;
    return {
      id: ids[i],
      segment: r.segment,
      priority: priority[i],
      sequence: sequence[i],
      departure: k,
      departureDay: day,
      daysLate: day === null ? null : Math.max(0, day - r.promisedDay),
    };
  });
  const segments = rules.map((r) => ({ segment: r.segment, priority: r.priority, shipments: 0, onTime: 0, late: 0, notShipped: 0 }));
  planned.forEach((p) => {
    const s = segments[ruleOf.get(p.segment)!];
    s.shipments++;
    if (p.daysLate === null) s.notShipped++;
    else if (p.daysLate > 0) s.late++;
    else s.onTime++;
  });
  return {
    shipments: planned,
    departures: trips.map((t, k) => ({ day: t.day, capacity: t.capacity, used: used[k], shipments: loaded[k] })),
    segments,
  };
}
