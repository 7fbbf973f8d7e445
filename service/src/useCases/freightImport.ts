import type { RowError } from "../../../shared/src/data";
import { entityAttributes } from "../store/entities";
import type { FreightInvoice } from "../store/freightCosts";
import type { Executor } from "./context";

type Row = Record<string, unknown>;

/**
 * A shipment bill must name a stored customer and a lane bill a region some
 * stored customer is in: a bill no customer can carry would silently drop
 * out of every segment P&L.
 */
export async function freightReferenceErrors(db: Executor, rows: Row[]): Promise<RowError[]> {
  const customers = await entityAttributes(db, "customer");
  const regions = new Set([...customers.values()].map((a) => String(a.region ?? "")));
  const errors: RowError[] = [];
  rows.forEach((r, i) => {
    if (errors.length >= 1000) return;
    if (r.customer_id !== undefined && !customers.has(String(r.customer_id))) errors.push({ row: i + 1, field: "customer_id", message: `unknown customer "${String(r.customer_id)}": import customers first` });
    if (r.region !== undefined && !regions.has(String(r.region))) errors.push({ row: i + 1, field: "region", message: `no stored customer is in region "${String(r.region)}"` });
  });
  return errors;
}

export function freightInvoices(rows: Row[]): FreightInvoice[] {
  return rows.map((r) => ({
    invoiceId: String(r.invoice_id),
    carrier: r.carrier === undefined ? null : String(r.carrier),
    fromWeek: Number(r.from_week),
    toWeek: Number(r.to_week),
    customerId: r.customer_id === undefined ? null : String(r.customer_id),
    region: r.region === undefined ? null : String(r.region),
    cost: Number(r.cost),
  }));
}
