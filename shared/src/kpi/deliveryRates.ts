import { attributeNumber } from "./attributeNumber";

type Attributes = Readonly<Record<string, unknown>>;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * The on-time rate of a product's supplier (its `on_time_rate` attribute), in
 * [0, 1]; a supplier without one, or no supplier, counts as always on time so
 * an unknown never shows up as a supplier miss.
 *
 * @example supplierOnTimeRate({ on_time_rate: "1.3" }); // 1
 */
export function supplierOnTimeRate(supplier: Attributes | undefined): number {
  return clamp01(attributeNumber(supplier?.on_time_rate, 1));
}

/**
 * The share of a customer's orders changed after entry: special-handling
 * orders / orders from its activity counts, in [0, 1]; 0 without orders.
 *
 * @example orderChangeRate({ orders: 40, special_handling: 4 }); // 0.1
 */
export function orderChangeRate(activity: Attributes | undefined): number {
  const orders = attributeNumber(activity?.orders, 0);
  return orders > 0 ? clamp01(attributeNumber(activity?.special_handling, 0) / orders) : 0;
}
