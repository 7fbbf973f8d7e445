import type { AtpLine, FulfilmentPathLine } from "../../../../../shared/src/api";
import type { TableData } from "../../../workbook/workbook";

/*
 * The promise of every open line and its fulfilment path as worksheet
 * tables; the quantity headers are ones resultFormats knows, so units show
 * with thousands separators.
 */

export const ATP_TABLE = "TierlinePromises";
export const PATHS_TABLE = "TierlineFulfilmentPaths";

export function promiseTableData(lines: readonly AtpLine[]): TableData {
  return {
    name: ATP_TABLE,
    headers: ["OrderId", "Line", "Customer", "Product", "Segment", "Priority", "Requested", "Promised", "FromReserve", "Shortfall", "RequestedDate", "PromisedDate", "DaysLate"],
    rows: lines.map((l) => [l.orderId, l.line, l.customerId, l.productId, l.segment, l.priority, l.requested, l.promised, l.fromReserve, l.shortfall, l.requestedDate, l.promisedDate ?? "nothing promised", l.daysLate]),
  };
}

export function pathTableData(lines: readonly FulfilmentPathLine[]): TableData {
  return {
    name: PATHS_TABLE,
    headers: ["OrderId", "Line", "Customer", "Product", "Segment", "Quantity", "WeightKg", "Path", "Mode", "LastMile", "DeliveriesPerWeek", "Window", "Rule"],
    rows: lines.map((l) => [
      l.orderId,
      l.line,
      l.customerId,
      l.productId,
      l.segment,
      l.quantity,
      l.weightKg,
      l.path,
      l.mode,
      l.lastMile,
      l.deliveriesPerWeek,
      l.windowFromHour === null || l.windowToHour === null ? "any time" : `${hour(l.windowFromHour)}–${hour(l.windowToHour)}`,
      l.rule,
    ]),
  };
}

const hour = (h: number) => `${String(Math.floor(h)).padStart(2, "0")}:${String(Math.round((h % 1) * 60)).padStart(2, "0")}`;
