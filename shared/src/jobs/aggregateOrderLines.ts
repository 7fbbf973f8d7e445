import { DomainError } from "../errors";

export interface OrderLineFacts {
  customer_id: string;
  product_id: string;
  week: number;
  qty: number;
  price: number;
  cost: number;
}

export interface OrderLineAggregates {
  weeks: number;
  productRevenue: Float64Array;
  productMargin: Float64Array;
  productUnits: Float64Array;
  /** demand[product][week − 1] in units */
  demand: number[][];
  customerRevenue: Float64Array;
  customerMargin: Float64Array;
}

/** A product's order lines of one week, summed. */
export interface ProductWeekSums {
  productId: string;
  week: number;
  /** Σ qty·price */
  revenue: number;
  /** Σ qty·(price − cost) */
  margin: number;
  /** Σ qty */
  units: number;
}

/** A customer's order lines, summed over the history. */
export interface CustomerSums {
  customerId: string;
  revenue: number;
  margin: number;
}

/** The order history as the segmentation methods read it: sums a store can compute in the database. */
export interface OrderSums {
  productWeeks: readonly ProductWeekSums[];
  customers: readonly CustomerSums[];
}

/**
 * Sum order lines per product and customer: revenue Σ qty·price, margin
 * Σ qty·(price − cost), units Σ qty, and weekly demand. Arrays follow the
 * order of the given id lists; ids never ordered stay at zero.
 *
 * @throws DomainError naming the order line whose product or customer is unknown.
 */
export function aggregateOrderLines(productIds: readonly string[], customerIds: readonly string[], orderLines: readonly OrderLineFacts[], minWeeks = 2): OrderLineAggregates {
  const products = new Set(productIds);
  const customers = new Set(customerIds);
  orderLines.forEach((line, i) => {
    if (!products.has(line.product_id)) throw new DomainError(`order_lines.csv row ${i + 1}, product_id`, `"${line.product_id}" is not in products.csv`, "missing");
    if (!customers.has(line.customer_id)) throw new DomainError(`order_lines.csv row ${i + 1}, customer_id`, `"${line.customer_id}" is not in customers.csv`, "missing");
  });
  return aggregateOrderSums(productIds, customerIds, orderSumsOf(orderLines), minWeeks);
}

/** Order lines summed per product × week (first-seen order) and per customer. */
export function orderSumsOf(orderLines: readonly OrderLineFacts[]): OrderSums {
  const productWeeks = new Map<string, ProductWeekSums>();
  const customers = new Map<string, CustomerSums>();
  for (const line of orderLines) {
    const revenue = line.qty * line.price;
    const margin = line.qty * (line.price - line.cost);
    const key = `${line.week}\u0000${line.product_id}`;
    let pw = productWeeks.get(key);
    if (!pw) productWeeks.set(key, (pw = { productId: line.product_id, week: line.week, revenue: 0, margin: 0, units: 0 }));
    pw.revenue += revenue;
    pw.margin += margin;
    pw.units += line.qty;
    let c = customers.get(line.customer_id);
    if (!c) customers.set(line.customer_id, (c = { customerId: line.customer_id, revenue: 0, margin: 0 }));
    c.revenue += revenue;
    c.margin += margin;
  }
  return { productWeeks: [...productWeeks.values()], customers: [...customers.values()] };
}

/**
 * Per product and customer from the order sums: revenue, margin, units and
 * weekly demand. Arrays follow the order of the given id lists; ids never
 * ordered stay at zero; weeks is the last week with sales, at least `minWeeks`.
 *
 * @throws DomainError naming the product or customer of the order history that is unknown.
 */
export function aggregateOrderSums(productIds: readonly string[], customerIds: readonly string[], sums: OrderSums, minWeeks = 2): OrderLineAggregates {
  const productIndex = new Map(productIds.map((id, i) => [id, i]));
  const customerIndex = new Map(customerIds.map((id, i) => [id, i]));
  let weeks = minWeeks;
  for (const row of sums.productWeeks) if (row.week > weeks) weeks = row.week;
  const agg: OrderLineAggregates = {
    weeks,
    productRevenue: new Float64Array(productIds.length),
    productMargin: new Float64Array(productIds.length),
    productUnits: new Float64Array(productIds.length),
    demand: productIds.map(() => new Array<number>(weeks).fill(0)),
    customerRevenue: new Float64Array(customerIds.length),
    customerMargin: new Float64Array(customerIds.length),
  };
  for (const row of sums.productWeeks) {
    const p = productIndex.get(row.productId);
    if (p === undefined) throw new DomainError("order_lines, product_id", `"${row.productId}" is not in products`, "missing");
    agg.productRevenue[p] += row.revenue;
    agg.productMargin[p] += row.margin;
    agg.productUnits[p] += row.units;
    agg.demand[p][row.week - 1] += row.units;
  }
  for (const row of sums.customers) {
    const c = customerIndex.get(row.customerId);
    if (c === undefined) throw new DomainError("order_lines, customer_id", `"${row.customerId}" is not in customers`, "missing");
    agg.customerRevenue[c] += row.revenue;
    agg.customerMargin[c] += row.margin;
  }
  return agg;
}
