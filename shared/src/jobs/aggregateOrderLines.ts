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

/**
 * Sum order lines per product and customer: revenue Σ qty·price, margin
 * Σ qty·(price − cost), units Σ qty, and weekly demand. Arrays follow the
 * order of the given id lists; ids never ordered stay at zero.
 *
 * @throws DomainError naming the order line whose product or customer is unknown.
 */
export function aggregateOrderLines(productIds: readonly string[], customerIds: readonly string[], orderLines: readonly OrderLineFacts[], minWeeks = 2): OrderLineAggregates {
  const productIndex = new Map(productIds.map((id, i) => [id, i]));
  const customerIndex = new Map(customerIds.map((id, i) => [id, i]));
  let weeks = minWeeks;
  for (const line of orderLines) if (line.week > weeks) weeks = line.week;
  const agg: OrderLineAggregates = {
    weeks,
    productRevenue: new Float64Array(productIds.length),
    productMargin: new Float64Array(productIds.length),
    productUnits: new Float64Array(productIds.length),
    demand: productIds.map(() => new Array<number>(weeks).fill(0)),
    customerRevenue: new Float64Array(customerIds.length),
    customerMargin: new Float64Array(customerIds.length),
  };
  orderLines.forEach((line, i) => {
    const p = productIndex.get(line.product_id);
    if (p === undefined) throw new DomainError(`order_lines.csv row ${i + 1}, product_id`, `"${line.product_id}" is not in products.csv`, "missing");
    const c = customerIndex.get(line.customer_id);
    if (c === undefined) throw new DomainError(`order_lines.csv row ${i + 1}, customer_id`, `"${line.customer_id}" is not in customers.csv`, "missing");
    const revenue = line.qty * line.price;
    const margin = line.qty * (line.price - line.cost);
    agg.productRevenue[p] += revenue;
    agg.productMargin[p] += margin;
    agg.productUnits[p] += line.qty;
    agg.demand[p][line.week - 1] += line.qty;
    agg.customerRevenue[c] += revenue;
    agg.customerMargin[c] += margin;
  });
  return agg;
}
