import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { checkIds, mustBe } from "../validation";
import { allocateFreight, FREIGHT_METHODS, type FreightMethod } from "./allocateFreight";
import { groupKeys } from "./groupKeys";

const money = z.number(mustBe.number).finite().min(0, mustBe.atLeast(0));

export const pnlCustomerSchema = z.object({
  id: z.union([z.string().trim().min(1, "an id may not be blank"), z.number(mustBe.number)]),
  segment: z.string().trim().min(1, "a segment may not be blank"),
  revenue: money,
  cogs: money,
  costToServe: money.default(0),
  /** freight billed to this customer directly; added to any allocated share */
  freight: money.default(0),
  weightKg: money.optional(),
  volumeM3: money.optional(),
  distanceKm: money.optional(),
  shipments: money.optional(),
  lines: money.optional(),
});
export type PnlCustomer = z.input<typeof pnlCustomerSchema>;

export const segmentPnlOptionsSchema = z.object({
  /** a freight bill to spread over the customers by the named driver */
  freightPool: z.object({ total: money, method: z.enum(FREIGHT_METHODS) }).optional(),
  /** per segment, what the divisions' transfer prices carry ({@link transferChargesBySegment}) */
  transferCharges: z
    .array(
      z.object({
        segment: z.string().trim().min(1, "a segment may not be blank"),
        inventoryCarrying: money,
        /** negative where an outside price caps the transfer below its cost base */
        transferMargin: z.number(mustBe.number).finite(),
      }),
    )
    .optional(),
});
export type SegmentPnlOptions = z.input<typeof segmentPnlOptionsSchema>;

const DRIVER_FIELD: Record<FreightMethod, "weightKg" | "volumeM3" | "distanceKm" | "shipments" | "lines"> = {
  weight: "weightKg",
  volume: "volumeM3",
  distance: "distanceKm",
  shipments: "shipments",
  lines: "lines",
};

export interface PnlLine {
  revenue: number;
  cogs: number;
  /** revenue − COGS */
  grossMargin: number;
  costToServe: number;
  freight: number;
  /** the carrying cost of the inventory held for the segment, from the transfer prices (0 without them) */
  inventoryCarrying: number;
  /** gross margin − cost-to-serve − freight − inventory carrying: the company's view */
  contribution: number;
  /** contribution / revenue; null when revenue is 0 */
  marginPct: number | null;
  /** the supplying division's margin on the segment's transfers (0 without them); nets out for the company */
  transferMargin: number;
  /** contribution − transfer margin: the selling division's view, having paid the transfer prices */
  divisionContribution: number;
}

export interface SegmentPnl {
  customers: Array<PnlLine & { id: string; segment: string }>;
  segments: Array<PnlLine & { segment: string; customers: number }>;
  total: PnlLine & { customers: number };
}

function line(revenue: number, cogs: number, costToServe: number, freight: number, inventoryCarrying = 0, transferMargin = 0): PnlLine {
  const grossMargin = revenue - cogs;
  const contribution = grossMargin - costToServe - freight - inventoryCarrying;
  return { revenue, cogs, grossMargin, costToServe, freight, inventoryCarrying, contribution, marginPct: revenue > 0 ? contribution / revenue : null, transferMargin, divisionContribution: contribution - transferMargin };
}

/**
 * Customer and segment profit and loss after cost-to-serve:
 *
 *   contribution = revenue − COGS − cost-to-serve − freight,  margin % = contribution / revenue,
 *
 * per customer, per segment (sums over its customers) and in total: the
 * customer-profitability statement of Horngren, Datar & Rajan, *Cost
 * Accounting*, ch. "Customer-profitability analysis" (customer-level operating
 * income), and Kaplan & Cooper, *Cost & Effect*, ch. 10. Freight is what a
 * customer is billed directly plus, when a freight pool is given, its share by
 * weight, volume, distance or shipments ({@link allocateFreight}).
 * With transfer charges, each segment also bears the carrying cost of the
 * inventory held for it, and shows the supplying division's margin beside
 * the selling division's contribution; customers carry neither (the charges
 * are per item × segment, not per customer).
 *
 * @throws DomainError naming `customers[i].field` (negative money, blank segment, a missing driver of the freight method) or a duplicate id, or `transferCharges[i].segment` naming no segment of the customers
 * @example segmentPnl([{ id: "C1", segment: "A", revenue: 100, cogs: 60, costToServe: 15 }]).total.contribution // 25
 */
export function segmentPnl(customers: ReadonlyArray<PnlCustomer>, options: SegmentPnlOptions = {}): SegmentPnl {
  const rows = parseWith(z.array(pnlCustomerSchema).min(1, "expected at least one customer"), customers, "customers");
  const { freightPool, transferCharges = [] } = parseWith(segmentPnlOptionsSchema, options, "");
  const ids = checkIds(
    rows.map((r) => r.id),
    rows.length,
    "customers.id",
  );
  let shares = new Array<number>(rows.length).fill(0);
  if (freightPool) {
    const key = DRIVER_FIELD[freightPool.method];
    const drivers = rows.map((r, i) => {
      const v = r[key];
      if (v === undefined) throw new DomainError(`customers[${i}].${key}`, `is needed to spread freight by ${freightPool.method}`, "missing");
      return v;
    });
    shares = allocateFreight(freightPool.total, drivers, freightPool.method, `customers.${key}`);
  }
  const perCustomer = rows.map((r, i) => ({ id: ids[i], segment: r.segment, ...line(r.revenue, r.cogs, r.costToServe, r.freight + shares[i]) }));
  const { keys, index } = groupKeys(
    rows.map((r) => r.segment),
    rows.length,
    "customers.segment",
  );
  const sums = keys.map(() => ({ revenue: 0, cogs: 0, costToServe: 0, freight: 0, customers: 0 }));
  perCustomer.forEach((c, i) => {
    const s = sums[index[i]];
    s.revenue += c.revenue;
    s.cogs += c.cogs;
    s.costToServe += c.costToServe;
    s.freight += c.freight;
    s.customers++;
  });
  const charges = keys.map(() => ({ inventoryCarrying: 0, transferMargin: 0 }));
  const segmentIndex = new Map(keys.map((k, i) => [k, i]));
  transferCharges.forEach((c, i) => {
    const k = segmentIndex.get(c.segment);
    if (k === undefined) throw new DomainError(`transferCharges[${i}].segment`, `"${c.segment}" is no segment of the customers (${keys.join(", ")}): price the transfers by the same segments as the P&L`, "invalid");
    charges[k].inventoryCarrying += c.inventoryCarrying;
    charges[k].transferMargin += c.transferMargin;
  });
  type Sums = (typeof sums)[number] & (typeof charges)[number];
  const all = sums.reduce<Sums>(
    (a, s, k) => ({
      revenue: a.revenue + s.revenue,
      cogs: a.cogs + s.cogs,
      costToServe: a.costToServe + s.costToServe,
      freight: a.freight + s.freight,
      customers: a.customers + s.customers,
      inventoryCarrying: a.inventoryCarrying + charges[k].inventoryCarrying,
      transferMargin: a.transferMargin + charges[k].transferMargin,
    }),
    { revenue: 0, cogs: 0, costToServe: 0, freight: 0, customers: 0, inventoryCarrying: 0, transferMargin: 0 },
  );
  return {
    customers: perCustomer,
    segments: keys.map((segment, k) => ({ segment, customers: sums[k].customers, ...line(sums[k].revenue, sums[k].cogs, sums[k].costToServe, sums[k].freight, charges[k].inventoryCarrying, charges[k].transferMargin) })),
    total: { customers: all.customers, ...line(all.revenue, all.cogs, all.costToServe, all.freight, all.inventoryCarrying, all.transferMargin) },
  };
}
