import { FREIGHT_DRIVER_WORDS, type FreightAllocation, type FreightDriver, type FreightQuery } from "../../../shared/src/api";
import { allocateFreight } from "../../../shared/src/cost";
import { unprocessable } from "../appError";
import { segmentsOf } from "../store/assignments";
import { entityAttributes } from "../store/entities";
import { freightDriverWeeks, listFreightCosts, type DriverWeek } from "../store/freightCosts";
import { currentVersion } from "../store/versions";
import type { Executor } from "./context";

/** Customers without a customer segment are summed under this name. */
export const NO_SEGMENT = "(no segment)";

const ORDER_COLUMN: Record<FreightDriver, "units" | "lines" | "deliveries"> = { weight: "units", lines: "lines", shipments: "deliveries" };

/**
 * Per customer, the driver summed week by week from `first`, as running
 * totals: a bill over weeks a…b then reads its driver as cum[b] − cum[a − 1]
 * without another pass over the history.
 */
function runningTotals(rows: DriverWeek[], first: number, last: number, weightOf: (productId: string) => number): Map<string, Float64Array> {
  const span = last - first + 1;
  const cum = new Map<string, Float64Array>();
  for (const r of rows) {
    let c = cum.get(r.customerId);
    if (!c) cum.set(r.customerId, (c = new Float64Array(span + 1)));
    c[r.week - first + 1] += r.productId === null ? r.qty : r.qty * weightOf(r.productId);
  }
  for (const c of cum.values()) for (let k = 1; k <= span; k++) c[k] += c[k - 1];
  return cum;
}

/**
 * Stored freight spread over customers and their segments. A shipment bill
 * is the customer's as it stands; a lane bill into a region is spread over
 * the region's customers in proportion to the driver over the bill's weeks
 * ({@link allocateFreight}: one cost pool, one resource driver — Kaplan &
 * Cooper, *Cost & Effect*, ch. 6). A lane bill with no driver to spread over
 * is listed, not guessed at.
 */
export async function freightAllocation(db: Executor, query: FreightQuery): Promise<FreightAllocation> {
  const invoices = await listFreightCosts(db);
  if (invoices.length === 0) throw unprocessable("freight_costs: no freight is stored; import freight_costs first", [{ field: "freight_costs", message: "no freight stored" }]);
  const { method } = query;
  const customers = await entityAttributes(db, "customer");
  const lanes = invoices.filter((i) => i.region !== null);
  const first = Math.min(...lanes.map((i) => i.fromWeek));
  const last = Math.max(...lanes.map((i) => i.toWeek));
  const productsWithoutWeight = new Set<string>();
  let cum = new Map<string, Float64Array>();
  if (lanes.length) {
    const weights = method === "weight" ? await entityAttributes(db, "product") : new Map<string, Record<string, unknown>>();
    const weightOf = (productId: string) => {
      const w = weights.get(productId)?.weight_kg;
      if (typeof w === "number") return w;
      productsWithoutWeight.add(productId);
      return 0;
    };
    cum = runningTotals(await freightDriverWeeks(db, ORDER_COLUMN[method], first, last), first, last, weightOf);
  }
  const byRegion = new Map<string, string[]>();
  for (const [id, a] of customers) {
    const region = String(a.region ?? "");
    if (!byRegion.has(region)) byRegion.set(region, []);
    byRegion.get(region)!.push(id);
  }
  const lines = new Map<string, { direct: number; allocated: number; driverQty: number }>();
  const lineOf = (id: string) => lines.get(id) ?? lines.set(id, { direct: 0, allocated: 0, driverQty: 0 }).get(id)!;
  const unallocated: FreightAllocation["unallocated"] = [];
  invoices.forEach((inv, i) => {
    if (inv.customerId !== null) {
      lineOf(inv.customerId).direct += inv.cost;
      return;
    }
    const members = byRegion.get(inv.region!) ?? [];
    const drivers = members.map((id) => {
      const c = cum.get(id);
      return c ? c[inv.toWeek - first + 1] - c[inv.fromWeek - first] : 0;
    });
    if (inv.cost > 0 && drivers.every((d) => d <= 0)) {
      unallocated.push({ ...inv, region: inv.region!, reason: `no customer in ${inv.region} has ${FREIGHT_DRIVER_WORDS[method]} in weeks ${inv.fromWeek}–${inv.toWeek}` });
      return;
    }
    const shares = allocateFreight(inv.cost, drivers, method, `freight_costs[${i}]`);
    members.forEach((id, k) => {
      if (drivers[k] <= 0) return;
      const l = lineOf(id);
      l.allocated += shares[k];
      l.driverQty += drivers[k];
    });
  });
  const ids = [...lines.keys()].sort();
  const segmentOf = await segmentsOf(db, "customer", await currentVersion(db, "customer"), ids);
  const rows = ids.map((customerId) => {
    const l = lines.get(customerId)!;
    return { customerId, segment: segmentOf.get(customerId) ?? null, driverQty: l.driverQty, direct: l.direct, allocated: l.allocated, freight: l.direct + l.allocated };
  });
  const sums = new Map<string, { segment: string; customers: number; direct: number; allocated: number; freight: number }>();
  for (const r of rows) {
    const key = r.segment ?? NO_SEGMENT;
    const s = sums.get(key) ?? sums.set(key, { segment: key, customers: 0, direct: 0, allocated: 0, freight: 0 }).get(key)!;
    s.customers++;
    s.direct += r.direct;
    s.allocated += r.allocated;
    s.freight += r.freight;
  }
  const total = invoices.reduce((a, i) => a + i.cost, 0);
  return {
    method,
    driver: FREIGHT_DRIVER_WORDS[method],
    invoices: invoices.length,
    total,
    allocated: total - unallocated.reduce((a, u) => a + u.cost, 0),
    unallocated,
    productsWithoutWeight: [...productsWithoutWeight].sort(),
    customers: rows,
    segments: [...sums.values()].sort((a, b) => a.segment.localeCompare(b.segment)),
  };
}
