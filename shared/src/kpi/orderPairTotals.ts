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
