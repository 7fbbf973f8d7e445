import { createRng } from "../random";
import type { DemoCompany } from "./types";

type CsvRow = Record<string, string>;

export interface DemoOpenBook {
  openOrders: CsvRow[];
  scheduledReceipts: CsvRow[];
}

const DAY_MS = 86_400_000;
/** Weeks of recent history the open book repeats. */
const RECENT_WEEKS = 4;
/** Share of recent customer × product pairs with an open line. */
const OPEN_SHARE = 0.35;
/** Share of products under a demand surge (a promotion, a competitor's stock-out): their orders run 3–6× the usual, more than the stock covers. */
const SURGE_SHARE = 0.12;

const dateAfter = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The demo company's open order book and scheduled receipts as of `today`:
 * about a third of the customer × product pairs bought in the last four
 * weeks have an open line of roughly a week's quantity, requested 1–14 days
 * out, one order per customer and requested day; a few products are under
 * a demand surge, so order promising has shortages to share. Half the
 * products with open lines have a receipt due in 3–21 days. Drawn from its
 * own stream of the company's seed: the company's tables are unchanged.
 */
export function generateOpenOrders(company: DemoCompany, today: string): DemoOpenBook {
  const rng = createRng((company.settings.seed ^ 0x41545031) >>> 0);
  const weeks = company.settings.weeks;
  const weight = new Map(company.products.map((p) => [p.productId, p.weightKg]));
  const surge = new Map(company.products.map((p) => [p.productId, rng.next() < SURGE_SHARE ? 3 + 3 * rng.next() : 1]));
  const recent = new Map<string, { customerId: string; productId: string; units: number }>();
  for (const line of company.orderLines) {
    if (line.week <= weeks - RECENT_WEEKS) continue;
    const key = `${line.customerId}\u0000${line.productId}`;
    const pair = recent.get(key) ?? { customerId: line.customerId, productId: line.productId, units: 0 };
    pair.units += line.quantity;
    recent.set(key, pair);
  }
  const orders = new Map<string, { orderId: string; lines: number }>();
  const openOrders: CsvRow[] = [];
  const demanded = new Map<string, number>();
  for (const pair of recent.values()) {
    if (rng.next() >= OPEN_SHARE) continue;
    const weekly = pair.units / RECENT_WEEKS;
    const quantity = Math.max(1, Math.round(weekly * (0.8 + 0.8 * rng.next()) * surge.get(pair.productId)!));
    const day = rng.int(1, 14);
    const orderKey = `${pair.customerId} ${day}`;
    let order = orders.get(orderKey);
    if (!order) orders.set(orderKey, (order = { orderId: `SO${String(orders.size + 1).padStart(5, "0")}`, lines: 0 }));
    order.lines++;
    demanded.set(pair.productId, (demanded.get(pair.productId) ?? 0) + quantity);
    openOrders.push({
      order_id: order.orderId,
      line: String(order.lines),
      customer_id: pair.customerId,
      product_id: pair.productId,
      quantity: String(quantity),
      requested_date: dateAfter(today, day),
      weight_kg: (quantity * (weight.get(pair.productId) ?? 0)).toFixed(1),
    });
  }
  const scheduledReceipts: CsvRow[] = [];
  for (const [productId, units] of [...demanded].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (rng.next() < 0.5) continue;
    // About half a surge-free fortnight's open demand arrives: enough to help, not to cover a surge.
    const quantity = Math.max(1, Math.round((units / surge.get(productId)!) * (0.3 + 0.5 * rng.next())));
    scheduledReceipts.push({ product_id: productId, date: dateAfter(today, rng.int(3, 21)), quantity: String(quantity) });
  }
  return { openOrders, scheduledReceipts };
}
