import type { ShipmentPlan, ShipmentPlanRequest } from "../../../shared/src/api";
import { shipmentPlanRequestSchema } from "../../../shared/src/api";
import { prioritiseShipments, type Shipment } from "../../../shared/src/fulfilment";
import { unprocessable } from "../appError";
import type { ServiceContext } from "./context";
import { dateAfter, daysFrom } from "./openOrderBook";
import { promiseStoredBook } from "./orderPromising";

const EXCEPTIONS = 1000;

/**
 * Shipment priority under carrier capacity: each promised line is a
 * shipment due to leave on its ship-by day (promised delivery less the
 * segment's lead time) and ready that day, of its weight or promised units,
 * queued by its segment's allocation priority (prioritiseShipments).
 */
export async function planShipments(ctx: ServiceContext, input: ShipmentPlanRequest): Promise<ShipmentPlan> {
  const body = shipmentPlanRequestSchema.parse(input);
  const { today, orders, segments, lines, result } = await promiseStoredBook(ctx);
  const shipped: number[] = [];
  const shipments: Shipment[] = [];
  const noWeight: number[] = [];
  orders.forEach((o, i) => {
    if (!(result.promised[i] > 0)) return;
    const size = body.size === "units" ? result.promised[i] : (o.weight_kg ?? 0) * (result.promised[i] / o.quantity);
    if (!(size > 0)) return void noWeight.push(i);
    // The promise counts from today: a line due before it is due today.
    const due = Math.max(0, result.promisedDay[i] - lines[i].leadTimeDays);
    shipped.push(i);
    shipments.push({ id: shipments.length, segment: segments[i], promisedDay: due, readyDay: due, size });
  });
  if (noWeight.length) {
    const o = orders[noWeight[0]];
    throw unprocessable(`size: order ${o.order_id} line ${o.line}${noWeight.length > 1 ? ` and ${noWeight.length - 1} more lines` : ""} have no weight_kg; import weights or plan with size: "units"`, [
      { field: "size", message: "lines without a weight" },
    ]);
  }
  const priorityOf = new Map<string, number>();
  shipped.forEach((i) => priorityOf.set(segments[i], result.priority[i]));
  const departures = body.departures.map((d) => ({ day: daysFrom(today, d.date), capacity: d.capacity }));
  const early = departures.findIndex((d) => d.day < 0);
  if (early >= 0) throw unprocessable(`departures[${early}].date: ${body.departures[early].date} is before today (${today})`, [{ field: `body.departures[${early}].date`, message: `before today (${today})` }]);
  const plan = prioritiseShipments(
    shipments,
    [...priorityOf].map(([segment, priority]) => ({ segment, priority })),
    departures,
    { backfill: body.backfill },
  );
  const exceptions = plan.shipments
    .map((p, k) => ({ p, k }))
    .filter(({ p }) => p.daysLate === null || p.daysLate > 0)
    .sort((a, b) => (b.p.daysLate ?? Infinity) - (a.p.daysLate ?? Infinity) || a.p.sequence - b.p.sequence)
    .slice(0, EXCEPTIONS)
    .map(({ p, k }) => {
      const o = orders[shipped[k]];
      return {
        orderId: o.order_id,
        line: o.line,
        segment: p.segment,
        priority: p.priority,
        size: shipments[k].size,
        shipBy: dateAfter(today, shipments[k].promisedDay as number),
        departure: p.departureDay === null ? null : dateAfter(today, p.departureDay),
        daysLate: p.daysLate,
      };
    });
  return {
    today,
    shipments: shipments.length,
    departures: plan.departures.map((d, k) => ({ date: body.departures[k].date, capacity: d.capacity, used: d.used, shipments: d.shipments })),
    segments: [...plan.segments].sort((a, b) => a.priority - b.priority || (a.segment < b.segment ? -1 : 1)),
    exceptions,
  };
}
