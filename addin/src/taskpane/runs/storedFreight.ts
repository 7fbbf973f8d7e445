import type { FreightDriver } from "../../../../shared/src/api";
import type { ServiceClient } from "../../api/serviceClient";

/** What the stored freight added to a P&L over one customers table. */
export interface FreightSummary {
  /** what the driver counts, in words */
  driver: string;
  /** every stored invoice */
  total: number;
  /** what landed on this table's customers */
  inTable: number;
  /** what went to customers this table does not list */
  outsideTable: { customers: number; amount: number };
  /** lane bills no customer had any driver for */
  unallocated: { invoices: number; amount: number };
}

/**
 * The service's stored freight per customer, lined up with the table's ids
 * (a customer the ledger never billed carries 0). Freight of customers the
 * table leaves out is counted, not dropped silently, so the planner can see
 * why the P&L's freight is below the ledger's.
 */
export async function readStoredFreight(client: ServiceClient, method: FreightDriver, ids: readonly string[], signal: AbortSignal): Promise<{ perCustomer: number[]; summary: FreightSummary }> {
  const answer = await client.call("readFreightAllocation", { query: { method } }, { signal });
  const byId = new Map(answer.customers.map((c) => [c.customerId, c.freight]));
  const inTable = new Set(ids);
  const outside = answer.customers.filter((c) => !inTable.has(c.customerId));
  const perCustomer = ids.map((id) => byId.get(id) ?? 0);
  return {
    perCustomer,
    summary: {
      driver: answer.driver,
      total: answer.total,
      inTable: perCustomer.reduce((a, x) => a + x, 0),
      outsideTable: { customers: outside.length, amount: outside.reduce((a, c) => a + c.freight, 0) },
      unallocated: { invoices: answer.unallocated.length, amount: answer.unallocated.reduce((a, u) => a + u.cost, 0) },
    },
  };
}
