/** One customer × product pair of the order history, summed over its weeks. */
export interface OrderPairTotals {
  customerId: string;
  productId: string;
  /** Σ order lines */
  lines: number;
  /** Σ back-order splits, min(lines, max(0, deliveries − lines)) per weekly row */
  splits: number;
  /** Σ qty · price */
  revenue: number;
}

/** Σ lines per customer over the pairs. */
export function linesPerCustomer(pairs: readonly OrderPairTotals[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of pairs) out.set(p.customerId, (out.get(p.customerId) ?? 0) + p.lines);
  return out;
}
