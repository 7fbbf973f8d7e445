import { DomainError } from "../errors";
import { allocateAtp, type AllocationRule, type Receipt } from "./allocateAtp";

export interface BookLine {
  productId: string;
  /** the allocation row serving the line's customer segment */
  rule: string;
  quantity: number;
  /** requested delivery day, counted from today (day 0); may be negative when overdue */
  requestedDay: number;
  /** the segment policy's promised lead time: days from availability to delivery */
  leadTimeDays: number;
}

export interface BookAllocationRow {
  segment: string;
  priority: number;
  /** share of each product's supply held back for the segment */
  reservePct: number;
  reserveHorizonDays?: number;
}

/** Per line, in input order: columns rather than objects, since a book may hold 100,000 lines. */
export interface BookResult {
  promised: Float64Array;
  fromReserve: Float64Array;
  shortfall: Float64Array;
  priority: Float64Array;
  /** promised delivery day counted from today; NaN when nothing is promised */
  promisedDay: Float64Array;
  /** per product with open lines: units available over the horizon and units requested */
  products: Map<string, { supply: number; requested: number }>;
}

/**
 * Allocated ATP over a whole order book: each product's supply (on hand as
 * a receipt on day 0, then its scheduled receipts) is shared among its open
 * lines by {@link allocateAtp}. A segment's reserve is its share of the
 * product's supply, in whole units (rounded down). Lead time enters as in
 * capable-to-promise: a line must ship by requested day − lead time, so it
 * is allocated against that ship day, and its delivery is the day its units
 * are available plus the lead time, never before requested:
 * delivery = max(available + L, requested, L) (Ball, Chen & Zhao, "Available
 * to promise", in Simchi-Levi, Wu & Shen (eds.), *Handbook of Quantitative
 * Supply Chain Analysis*, Springer 2004, ch. 11).
 *
 * @throws DomainError naming `lines[i].rule` when a line's rule is not in the allocation table
 */
export function promiseOrderBook(lines: ReadonlyArray<BookLine>, allocation: ReadonlyArray<BookAllocationRow>, supply: ReadonlyMap<string, Receipt[]>): BookResult {
  const known = new Set(allocation.map((r) => r.segment));
  const byProduct = new Map<string, number[]>();
  lines.forEach((l, i) => {
    if (!known.has(l.rule)) throw new DomainError(`lines[${i}].rule`, `"${l.rule}" is not in the allocation table`, "missing");
    let list = byProduct.get(l.productId);
    if (!list) byProduct.set(l.productId, (list = []));
    list.push(i);
  });
  const n = lines.length;
  const out: BookResult = {
    promised: new Float64Array(n),
    fromReserve: new Float64Array(n),
    shortfall: new Float64Array(n),
    priority: new Float64Array(n),
    promisedDay: new Float64Array(n),
    products: new Map(),
  };
  for (const [productId, members] of byProduct) {
    const receipts = supply.get(productId) ?? [];
    let total = 0;
    for (const r of receipts) total += r.quantity;
    const rules: AllocationRule[] = allocation.map((r) => ({
      segment: r.segment,
      priority: r.priority,
      reserve: Math.floor(r.reservePct * total + 1e-9),
      // Absent horizon: allocateAtp's default, a reserve that never expires.
      ...(r.reserveHorizonDays === undefined ? {} : { reserveHorizonDays: r.reserveHorizonDays }),
    }));
    const orders = members.map((i, k) => ({ id: k, segment: lines[i].rule, quantity: lines[i].quantity, requestedDay: Math.max(0, lines[i].requestedDay - lines[i].leadTimeDays) }));
    const result = allocateAtp(orders, rules, receipts);
    let requested = 0;
    members.forEach((i, k) => {
      const p = result.orders[k];
      requested += p.requested;
      out.promised[i] = p.promised;
      out.fromReserve[i] = p.fromReserve;
      out.shortfall[i] = p.shortfall;
      out.priority[i] = p.priority;
      out.promisedDay[i] = p.promisedDay === null ? NaN : Math.max(p.promisedDay + lines[i].leadTimeDays, lines[i].requestedDay);
    });
    out.products.set(productId, { supply: total, requested });
  }
  return out;
}
