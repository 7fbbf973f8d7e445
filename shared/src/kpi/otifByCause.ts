import { z } from "zod";
import { parseWith } from "../errors";
import { deliveryRowSchema, type DeliveryRow } from "./schemas";

export const OTIF_CAUSES = ["stock_out", "supplier_late", "order_changed", "carrier_late"] as const;
export type OtifCause = (typeof OTIF_CAUSES)[number];

export interface OtifResult {
  /** Σ lines */
  lines: number;
  /** 1 − Σ misses / Σ lines; null without lines */
  otif: number | null;
  /** missed lines by cause (expected counts, so fractional); null where the data cannot measure the cause */
  misses: Record<OtifCause, number | null>;
  /** each measured cause's share of the misses; null without misses */
  shares: Record<OtifCause, number | null>;
}

/**
 * Line-level OTIF with its misses by cause, from order-line rows that carry no
 * delivery dates, so "on time" and "in full" are proxies stated here.
 *
 * OTIF = lines delivered on time and in full / lines (the share of order lines
 * meeting both conditions at once: the "delivered in full" and "delivered on
 * the customer commit date" components of the SCOR model's Perfect Order
 * Fulfillment, evaluated per line).
 *
 * Per row, with s = min(lines, max(0, deliveries − lines)) back-order splits
 * (a line shipped in two deliveries was not in full from stock at the promise):
 * - supplier late = s · (1 − supplier on-time rate): a shortage whose
 *   replenishment arrived late is the supplier's, in expectation;
 * - stock-out = s · supplier on-time rate: a shortage although replenishment
 *   was on time is planning's (too little safety stock);
 * - order changed = (lines − s) · order-change rate: of the lines shipped whole,
 *   those of orders changed after entry (rush, relabelling, repacking: the
 *   customer's special-handling orders / orders) miss the original promise;
 * - carrier late: not measured (no shipment timestamps are stored), null.
 * OTIF = 1 − Σ(stock-out + supplier late + order changed) / Σ lines.
 *
 * @throws DomainError naming `rows[i].<field>` for a negative or non-numeric count, or a rate outside [0, 1]
 * @example
 * otifByCause([{ lines: 10, deliveries: 12, supplierOnTimeRate: 0.9, orderChangeRate: 0.1 }]).otif; // 0.72: s = 2, 0.2 supplier late + 1.8 stock-out + 0.8 changed
 */
export function otifByCause(rows: readonly DeliveryRow[]): OtifResult {
  const parsed = parseWith(z.array(deliveryRowSchema), rows, "rows");
  let lines = 0;
  let stockOut = 0;
  let supplierLate = 0;
  let changed = 0;
  for (const r of parsed) {
    const split = Math.min(r.lines, Math.max(0, r.deliveries - r.lines));
    lines += r.lines;
    supplierLate += split * (1 - r.supplierOnTimeRate);
    stockOut += split * r.supplierOnTimeRate;
    changed += (r.lines - split) * r.orderChangeRate;
  }
  const missed = stockOut + supplierLate + changed;
  const share = (x: number) => (missed > 0 ? x / missed : null);
  return {
    lines,
    otif: lines > 0 ? 1 - missed / lines : null,
    misses: { stock_out: stockOut, supplier_late: supplierLate, order_changed: changed, carrier_late: null },
    shares: { stock_out: share(stockOut), supplier_late: share(supplierLate), order_changed: share(changed), carrier_late: null },
  };
}
