import type { OrderPairTotals } from "./orderPairTotals";
import type { CustomerCost } from "./segmentCostToServe";

/**
 * The order history as the KPI report reads it, summed per entity of the
 * dimension rather than per customer × product pair: a million-line company
 * has ~10⁶ pairs but thousands of products and customers, so the store sums
 * these in SQL (service/src/store/orderEntitySums.ts) and nothing pair-sized
 * enters the process. entitySumsFromPairs gives the same figures from pairs,
 * for small inputs and to test the SQL against.
 */
export interface EntityOrderSums {
  /** Σ qty · price per entity */
  revenue: ReadonlyMap<string, number>;
  /**
   * cost-to-serve per entity: a customer's own; a product's is, of each of its
   * customers' cost, the share of the customer's lines that are on the product
   */
  costs: ReadonlyMap<string, CustomerCost>;
}

/**
 * What one order line of each customer carries: its cost-to-serve, total then
 * per activity, divided by its lines (customers without lines carry nothing).
 */
export function costPerLine(costs: ReadonlyMap<string, CustomerCost>, customerLines: ReadonlyMap<string, number>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [customer, c] of costs) {
    const lines = customerLines.get(customer) ?? 0;
    if (lines > 0) out.set(customer, [c.total / lines, ...c.byActivity.map((v) => v / lines)]);
  }
  return out;
}

/** Σ lines per customer over the pairs. */
export function linesPerCustomer(pairs: readonly OrderPairTotals[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of pairs) out.set(p.customerId, (out.get(p.customerId) ?? 0) + p.lines);
  return out;
}

/** EntityOrderSums from pairs and the customers' cost-to-serve. */
export function entitySumsFromPairs(pairs: readonly OrderPairTotals[], dimension: "product" | "customer", customerCosts: ReadonlyMap<string, CustomerCost>): EntityOrderSums {
  const revenue = new Map<string, number>();
  const key = dimension === "product" ? "productId" : "customerId";
  for (const p of pairs) revenue.set(p[key], (revenue.get(p[key]) ?? 0) + p.revenue);
  if (dimension === "customer") return { revenue, costs: customerCosts };
  const perLine = costPerLine(customerCosts, linesPerCustomer(pairs));
  const sums = new Map<string, number[]>();
  for (const p of pairs) {
    const w = perLine.get(p.customerId);
    if (!w) continue;
    let s = sums.get(p.productId);
    if (!s) sums.set(p.productId, (s = new Array<number>(w.length).fill(0)));
    w.forEach((x, j) => (s[j] += p.lines * x));
  }
  return { revenue, costs: new Map([...sums].map(([id, [total, ...byActivity]]) => [id, { total, byActivity }])) };
}
