import type { Rng } from "../random";
import type { CustomerTraits } from "./generateCustomers";
import { binomial } from "./sampling";
import type { ActivityCount, Customer, OrderLine, Product } from "./types";

/**
 * Per-customer cost drivers, derived from the order lines so they agree with
 * them: order lines and units picked are sums; a customer's lines of one
 * week form one order plus a separate order for each further line with the
 * customer's separate-order rate; deliveries are one drop per order plus one
 * per back-order split; returns count rows with returned units; special
 * handling is a binomial share of orders; kg·km is units × weight × distance.
 * Sales visits do not follow from orders: Poisson at the customer's visit rate.
 *
 * @param orderLines sorted by week, then customer (as `generateOrderLines` returns them)
 */
export function deriveActivityCounts(rng: Rng, orderLines: readonly OrderLine[], customers: readonly Customer[], customerTraits: readonly CustomerTraits[], products: readonly Product[], weeks: number): ActivityCount[] {
  const customerIndex = new Map(customers.map((c, i) => [c.customerId, i]));
  const productWeight = new Map(products.map((p) => [p.productId, p.weightKg]));
  const counts: ActivityCount[] = customers.map((c) => ({
    customerId: c.customerId,
    orders: 0,
    orderLines: 0,
    deliveries: 0,
    unitsPicked: 0,
    returns: 0,
    salesVisits: 0,
    specialHandling: 0,
    kgKm: 0,
  }));
  const kgKm = new Float64Array(customers.length);

  let start = 0;
  while (start < orderLines.length) {
    const { week, customerId } = orderLines[start];
    const c = customerIndex.get(customerId);
    if (c === undefined) throw new Error(`order line for unknown customer ${customerId}`);
    const traits = customerTraits[c];
    const count = counts[c];
    let end = start;
    let lines = 0;
    let splits = 0;
    for (; end < orderLines.length && orderLines[end].week === week && orderLines[end].customerId === customerId; end++) {
      const row = orderLines[end];
      lines += row.lines;
      splits += row.deliveries - row.lines;
      count.unitsPicked += row.quantity;
      if (row.returnedUnits > 0) count.returns += 1;
      kgKm[c] += row.quantity * (productWeight.get(row.productId) ?? 0) * traits.distanceKm;
    }
    const orders = 1 + binomial(rng, lines - 1, traits.separateOrderRate);
    count.orders += orders;
    count.orderLines += lines;
    count.deliveries += orders + splits;
    count.specialHandling += binomial(rng, orders, traits.specialHandlingRate);
    start = end;
  }

  for (let c = 0; c < customers.length; c++) {
    counts[c].salesVisits = rng.poisson((customerTraits[c].salesVisitsPerYear * weeks) / 52);
    counts[c].kgKm = Math.round(kgKm[c]);
  }
  return counts;
}
