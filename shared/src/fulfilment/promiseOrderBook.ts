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

export interface BookPromise {
  promised: number;
  fromReserve: number;
  shortfall: number;
  priority: number;
  /** promised delivery day counted from today; null when nothing is promised */
  promisedDay: number | null;
}

export interface BookResult {
  /** in input order */
  lines: BookPromise[];
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
  const out: BookPromise[] = new Array(lines.length);
  const products = new Map<string, { supply: number; requested: number }>();
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
      const lead = lines[i].leadTimeDays;
      out[i] = {
        promised: p.promised,
        fromReserve: p.fromReserve,
        shortfall: p.shortfall,
        priority: p.priority,
        promisedDay: p.promisedDay === null ? null : Math.max(p.promisedDay + lead, lines[i].requestedDay),
      };
    });
    products.set(productId, { supply: total, requested });
  }
  return { lines: out, products };
}
