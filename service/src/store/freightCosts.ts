import { sql } from "kysely";
import type { Executor } from "./executor";
import { insertChunked } from "./insertChunked";
import type { FreightCostTable } from "./schema";

export interface FreightInvoice {
  invoiceId: string;
  carrier: string | null;
  fromWeek: number;
  toWeek: number;
  customerId: string | null;
  region: string | null;
  cost: number;
}

/** The freight ledger is the file: an import replaces every row. */
export async function replaceFreightCosts(db: Executor, rows: ReadonlyArray<FreightInvoice>): Promise<void> {
  await db.deleteFrom("freight_costs").execute();
  const values: FreightCostTable[] = rows.map((r, position) => ({
    invoice_id: r.invoiceId,
    carrier: r.carrier,
    from_week: r.fromWeek,
    to_week: r.toWeek,
    customer_id: r.customerId,
    region: r.region,
    cost: r.cost,
    position,
  }));
  await insertChunked(db, "freight_costs", values);
}

export async function listFreightCosts(db: Executor): Promise<FreightInvoice[]> {
  const rows = await db.selectFrom("freight_costs").selectAll().orderBy("position").execute();
  return rows.map((r) => ({
    invoiceId: r.invoice_id,
    carrier: r.carrier,
    fromWeek: Number(r.from_week),
    toWeek: Number(r.to_week),
    customerId: r.customer_id,
    region: r.region,
    cost: Number(r.cost),
  }));
}

export interface DriverWeek {
  customerId: string;
  /** null unless summed per product (the weight driver needs each product's weight) */
  productId: string | null;
  week: number;
  qty: number;
}

/**
 * The order history within weeks first…last, summed in the database per
 * customer × week (order lines or deliveries) or per customer × product ×
 * week (units, which the weight driver multiplies by each product's weight).
 */
export async function freightDriverWeeks(db: Executor, driver: "units" | "lines" | "deliveries", first: number, last: number): Promise<DriverWeek[]> {
  const base = db.selectFrom("order_lines").where("week", ">=", first).where("week", "<=", last);
  if (driver === "units") {
    const rows = await base
      .select(["customer_id", "product_id", "week", sql<number>`sum(qty)`.as("qty")])
      .groupBy(["customer_id", "product_id", "week"])
      .execute();
    return rows.map((r) => ({ customerId: r.customer_id, productId: r.product_id, week: Number(r.week), qty: Number(r.qty) }));
  }
  const rows = await base
    .select(["customer_id", "week", sql<number>`sum(${sql.ref(driver)})`.as("qty")])
    .groupBy(["customer_id", "week"])
    .execute();
  return rows.map((r) => ({ customerId: r.customer_id, productId: null, week: Number(r.week), qty: Number(r.qty) }));
}
