import { z } from "zod";
import { parseWith } from "../errors";
import { deliveryRowSchema } from "./schemas";

const fillRowSchema = deliveryRowSchema.pick({ lines: true, deliveries: true });

/**
 * Line fill rate: the share of order lines filled completely from stock on the
 * first shipment, Σ (lines − splits) / Σ lines with splits = min(lines,
 * max(0, deliveries − lines)) per row. It is Chopra & Meindl's order fill rate
 * (*Supply Chain Management*, ch. "Managing Uncertainty in a Supply Chain:
 * Safety Inventory", "Measuring product availability": the fraction of orders
 * filled entirely from available inventory) taken with
 * each order line as an order; the stored rows count back-order splits
 * (deliveries beyond one per line), not back-ordered units, so the unit fill
 * rate (β) is not observable and this line measure stands in for the policy's
 * target fill rate.
 *
 * @returns null without lines
 * @throws DomainError naming `rows[i].lines` or `rows[i].deliveries` for a negative or non-numeric count
 * @example lineFillRate([{ lines: 10, deliveries: 12 }, { lines: 5, deliveries: 5 }]); // 13 / 15
 */
export function lineFillRate(rows: ReadonlyArray<{ lines: number; deliveries: number }>): number | null {
  const parsed = parseWith(z.array(fillRowSchema), rows, "rows");
  let lines = 0;
  let filled = 0;
  for (const r of parsed) {
    lines += r.lines;
    filled += r.lines - Math.min(r.lines, Math.max(0, r.deliveries - r.lines));
  }
  return lines > 0 ? filled / lines : null;
}
