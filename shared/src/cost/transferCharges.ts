import { DomainError } from "../errors";
import type { TransferPrice } from "./transferPrice";

/** What the transfer prices put into one segment's P&L over the period of its units. */
export interface SegmentTransferCharge {
  segment: string;
  units: number;
  /** Σ units × carrying cost per unit: a cost of the company, deducted from the segment's contribution */
  inventoryCarrying: number;
  /** Σ units × (price − cost base): the supplying division's margin, internal to the company */
  transferMargin: number;
}

/**
 * Transfer prices summed per segment for the segment P&L. The carrying cost
 * per unit (unit cost × r × days held / days a year) is the cost of holding
 * each unit for its days, so units × per-unit carrying is the period's
 * carrying cost whatever the period's length (Silver, Pyke & Thomas 2017,
 * holding one unit a year costs r × v). The supplying division's margin is
 * price − cost base per unit (the markup, or less where the outside price
 * caps it): a charge between divisions that nets out for the company, kept
 * apart so the P&L can show both views (Horngren, Datar & Rajan, transfer
 * pricing). Logistics per unit is part of the cost base but not a new cost
 * here: the P&L already carries it as cost-to-serve and freight.
 *
 * @throws DomainError naming `prices[i].quantity` when a line has no units
 */
export function transferChargesBySegment(prices: ReadonlyArray<TransferPrice>): SegmentTransferCharge[] {
  return sumTransferCharges(
    prices.map((p, i) => {
      if (p.quantity === null) throw new DomainError(`prices[${i}].quantity`, `item ${p.item}, segment ${p.segment} has no units: the segment P&L needs the units each segment takes`, "missing");
      return { segment: p.segment, units: p.quantity, inventoryCarrying: p.quantity * p.carryingCostPerUnit, transferMargin: p.quantity * (p.price - p.costBase) };
    }),
  );
}

/** Line totals (as priced, or as read back from a sheet) summed per segment, in order of first appearance. */
export function sumTransferCharges(lines: ReadonlyArray<SegmentTransferCharge>): SegmentTransferCharge[] {
  const bySegment = new Map<string, SegmentTransferCharge>();
  for (const l of lines) {
    const s = bySegment.get(l.segment) ?? bySegment.set(l.segment, { segment: l.segment, units: 0, inventoryCarrying: 0, transferMargin: 0 }).get(l.segment)!;
    s.units += l.units;
    s.inventoryCarrying += l.inventoryCarrying;
    s.transferMargin += l.transferMargin;
  }
  return [...bySegment.values()];
}
