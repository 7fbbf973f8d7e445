import type { ShipmentPlan, ShipmentPlanRequest } from "../../../../../shared/src/api";
import type { TableData } from "../../../workbook/workbook";
import { checkNumberField } from "../../ui/fields";

/*
 * The carrier departures as the planner types them (date, room on the
 * truck), checked row by row, and the shipment plan as worksheet tables.
 */

export interface DepartureDraft {
  date: string;
  capacity: string;
}

export const SHIPMENT_SEGMENTS_TABLE = "TierlineShipmentPlan";
export const SHIPMENT_MISSES_TABLE = "TierlineShipmentMisses";

const DAY_MS = 86_400_000;

/** A starting week the planner overwrites: a truck on each of the next `days` days, with `capacity` room. */
export function defaultDepartures(today: Date, days = 3, capacity = "2,000"): DepartureDraft[] {
  return Array.from({ length: days }, (_, k) => ({ date: new Date(today.getTime() + (k + 1) * DAY_MS).toISOString().slice(0, 10), capacity }));
}

/** The departures as typed, each row's problem (or undefined), and the request's departures when every row is valid. */
export function checkDepartures(drafts: readonly DepartureDraft[]): { ok: boolean; problems: Array<string | undefined>; departures: ShipmentPlanRequest["departures"] } {
  const departures: ShipmentPlanRequest["departures"] = [];
  const problems = drafts.map((d) => {
    const date = d.date.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return "give the date of the departure";
    const capacity = checkNumberField(d.capacity, "Room", { min: 0 });
    if (!capacity.ok) return capacity.message;
    departures.push({ date, capacity: capacity.value });
    return undefined;
  });
  return { ok: drafts.length > 0 && problems.every((p) => p === undefined), problems, departures };
}

export function shipmentTablesData(plan: ShipmentPlan, size: "weightKg" | "units"): TableData[] {
  const sizeHeader = size === "weightKg" ? "WeightKg" : "Units";
  return [
    {
      name: SHIPMENT_SEGMENTS_TABLE,
      headers: ["Segment", "Priority", "Lines", "OnTime", "Late", "NotShipped"],
      rows: plan.segments.map((s) => [s.segment, s.priority, s.shipments, s.onTime, s.late, s.notShipped]),
    },
    {
      name: SHIPMENT_MISSES_TABLE,
      headers: ["OrderId", "Line", "Segment", "Priority", sizeHeader, "ShipBy", "Departure", "DaysLate"],
      rows: plan.exceptions.map((e) => [e.orderId, e.line, e.segment, e.priority, e.size, e.shipBy, e.departure ?? "not shipped", e.daysLate]),
    },
  ];
}
