import { OTIF_CAUSES, otifByCause, type OtifResult } from "./otifByCause";
import { lineFillRate } from "./lineFillRate";
import type { OrderPairTotals } from "./orderPairTotals";
import { rankDrivers, type RankedDriver } from "./rankDrivers";
import type { DeliveryRow } from "./schemas";

export interface SegmentDelivery {
  otif: OtifResult;
  fillRate: number | null;
  drivers: {
    otif: { causes: Record<string, number | null>; causeShares: Record<string, number | null>; entities: RankedDriver[] };
    fill_rate: { entities: RankedDriver[] };
  };
}

/**
 * OTIF with its misses by cause and the line fill rate of a segment's order
 * pairs, and their drivers: the entities (products or customers, `entityKey`)
 * ranked by missed lines and by back-order splits. A pair enters the delivery
 * KPIs as one row with deliveries = lines + splits: every weekly row has
 * splits ≤ lines, so the row's split min(lines, max(0, deliveries − lines))
 * is exactly the pair's Σ splits and the KPIs equal those of the weekly rows.
 *
 * @param rates the on-time rate of a product's supplier and the order-change rate of a customer, each in [0, 1]
 * @throws DomainError naming `rows[i].<field>` for a negative count or a rate outside [0, 1]
 * @example
 * segmentDelivery([{ customerId: "C1", productId: "P1", lines: 10, splits: 2, revenue: 0 }], "productId", { supplierOnTime: () => 0.9, orderChange: () => 0.1 }).otif.otif;
 * // 0.72: 0.2 supplier late + 1.8 stock-out + 0.8 changed of 10 lines
 */
export function segmentDelivery(
  pairs: readonly OrderPairTotals[],
  entityKey: "productId" | "customerId",
  rates: { supplierOnTime: (productId: string) => number; orderChange: (customerId: string) => number },
): SegmentDelivery {
  const rows: DeliveryRow[] = pairs.map((p) => ({ lines: p.lines, deliveries: p.lines + p.splits, supplierOnTimeRate: rates.supplierOnTime(p.productId), orderChangeRate: rates.orderChange(p.customerId) }));
  const otif = otifByCause(rows);
  const missedBy = new Map<string, number>();
  const splitBy = new Map<string, number>();
  pairs.forEach((p, r) => {
    const single = otifByCause([rows[r]]);
    const missed = (single.misses.stock_out ?? 0) + (single.misses.supplier_late ?? 0) + (single.misses.order_changed ?? 0);
    const id = p[entityKey];
    missedBy.set(id, (missedBy.get(id) ?? 0) + missed);
    splitBy.set(id, (splitBy.get(id) ?? 0) + p.splits);
  });
  return {
    otif,
    fillRate: lineFillRate(rows),
    drivers: {
      otif: {
        causes: Object.fromEntries(OTIF_CAUSES.map((c) => [c, otif.misses[c]])),
        causeShares: Object.fromEntries(OTIF_CAUSES.map((c) => [c, otif.shares[c]])),
        entities: rankDrivers([...missedBy].map(([id, value]) => ({ id, value }))),
      },
      fill_rate: { entities: rankDrivers([...splitBy].map(([id, value]) => ({ id, value }))) },
    },
  };
}
