import { createRng, type Rng } from "../random";
import { toCsv } from "./toCsv";
import type { DemoCompany } from "./types";

/** A row of `sell_through.csv`: units one account sold on of one product in one week. */
export interface SellThroughWeek {
  customerId: string;
  productId: string;
  week: number;
  units: number;
}

export interface SellThroughAccountTraits {
  customerId: string;
  /** weeks from the account selling a unit to the replacement shipped to it */
  lagWeeks: number;
  /** the weeks its feed covers (the data-sharing agreement began at firstWeek) */
  firstWeek: number;
  lastWeek: number;
}

export interface DemoSellThrough {
  accounts: SellThroughAccountTraits[];
  /** sorted by customer, product, week; weeks with no sale are absent */
  rows: SellThroughWeek[];
}

/** How many strategic accounts share their POS data. */
const FEED_ACCOUNTS = 4;

/**
 * Sell-through (POS) for a few strategic accounts: what each sold on to its
 * own customers, its real consumption, of which the order history's
 * shipments to it are the replenishment. The account reorders in batches
 * what it sold, and the shipment arrives `lagWeeks` (1–2) after the sales it
 * replaces: a shipment in week w_k replenishes the sales of weeks
 * w_{k−1} − L + 1 … w_k − L, spread over them with the account's
 * week-to-week noise (order batching: Lee, Padmanabhan & Whang 1997, the
 * bullwhip effect's first cause). The first shipment of a product launched
 * within the history is a pipeline fill (shelf stock built at listing), not
 * sales; a shipment more than twice the pair's median is a forward buy
 * (promotion stock), whose excess sells in the weeks after it arrives
 * rather than before. Sales after the last shipment (not yet replenished)
 * go on at the pair's rate. Each feed covers the weeks since its account's
 * data-sharing agreement began, so forecasting falls back on shipments
 * before it.
 *
 * The shipments are the order history as generated; the feed is derived
 * from them on its own stream, so every other table of the demo is as
 * before. Same company, same feed, to the unit.
 */
export function generateSellThrough(company: Pick<DemoCompany, "settings" | "customers" | "products" | "orderLines">): DemoSellThrough {
  const rng = createRng((company.settings.seed ^ 0x53454c4c) >>> 0);
  const weeks = company.settings.weeks;
  const unitsOf = new Map<string, number>();
  const strategic = new Set(company.customers.filter((c) => c.strategic).map((c) => c.customerId));
  for (const line of company.orderLines) if (strategic.has(line.customerId)) unitsOf.set(line.customerId, (unitsOf.get(line.customerId) ?? 0) + line.quantity);
  // The largest strategic accounts, ties by id: the ones a supplier has a data-sharing agreement with.
  const chosen = [...unitsOf.keys()].sort((a, b) => unitsOf.get(b)! - unitsOf.get(a)! || a.localeCompare(b)).slice(0, FEED_ACCOUNTS);
  const accounts: SellThroughAccountTraits[] = chosen.sort().map((customerId, i) => ({
    customerId,
    lagWeeks: rng.int(1, 2),
    // Agreements began a year before the history ends; one account joined a quarter later.
    firstWeek: Math.max(1, weeks - 51 + (i === chosen.length - 1 && chosen.length > 1 ? 13 : 0)),
    lastWeek: weeks,
  }));
  const launched = new Set(company.products.filter((p) => p.lifecycle === "new").map((p) => p.productId));
  const rows: SellThroughWeek[] = [];
  for (const account of accounts) {
    const shipments = new Map<string, Array<{ week: number; units: number }>>();
    for (const line of company.orderLines) {
      if (line.customerId !== account.customerId) continue;
      let list = shipments.get(line.productId);
      if (!list) shipments.set(line.productId, (list = []));
      list.push({ week: line.week, units: line.quantity });
    }
    for (const productId of [...shipments.keys()].sort()) {
      const sales = pairSales(rng, shipments.get(productId)!, account.lagWeeks, weeks, launched.has(productId));
      for (let w = account.firstWeek; w <= account.lastWeek; w++) if (sales[w - 1] > 0) rows.push({ customerId: account.customerId, productId, week: w, units: sales[w - 1] });
    }
  }
  return { accounts, rows };
}

/** One account's weekly sales of one product (index 0 = week 1) from the shipments that replenished them. */
function pairSales(rng: Rng, shipped: ReadonlyArray<{ week: number; units: number }>, lag: number, weeks: number, launched: boolean): Int32Array {
  const sales = new Int32Array(weeks);
  const list = [...shipped].sort((a, b) => a.week - b.week);
  const sizes = list.map((s) => s.units).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)];
  const gaps = list.slice(1).map((s, k) => s.week - list[k].week);
  const typicalGap = gaps.length ? [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] : 4;
  let carried = 0;
  let sold = 0;
  let firstFrom = Number.POSITIVE_INFINITY;
  for (let k = 0; k < list.length; k++) {
    const { week, units } = list[k];
    // Pipeline fill: the listing's shelf stock; it sells only as later shipments replace it.
    if (k === 0 && launched) continue;
    const excess = units > 2 * median ? units - 2 * median : 0;
    const from = (k === 0 ? week - typicalGap : list[k - 1].week) - lag + 1;
    firstFrom = Math.min(firstFrom, from);
    spread(rng, units - excess + carried, Math.max(1, from), Math.min(weeks, week - lag), sales);
    sold += units - excess + carried;
    // Promotion stock sells after it arrives: it goes with the next window (or the tail).
    carried = excess;
  }
  // Sales the history has not replenished yet: up to a typical reorder gap after the last shipment, at the pair's rate.
  const last = list[list.length - 1].week;
  const rate = Number.isFinite(firstFrom) ? sold / Math.max(1, last - lag - firstFrom + 1) : 0;
  const tailEnd = Math.min(weeks, last - lag + typicalGap);
  for (let w = Math.max(1, last - lag + 1); w <= tailEnd; w++) sales[w - 1] += rng.poisson(rate);
  if (carried > 0) spread(rng, carried, Math.max(1, last - lag + 1), Math.max(Math.max(1, last - lag + 1), tailEnd), sales);
  return sales;
}

/** Units over weeks from..to (1-based, inclusive) with lognormal week weights, whole units summing exactly (largest remainder). */
function spread(rng: Rng, units: number, from: number, to: number, out: Int32Array): void {
  // Sales before week 1 (a shipment early in the history replenishing them) are outside it.
  if (units <= 0 || to < from) return;
  const n = to - from + 1;
  const weights = Array.from({ length: n }, () => rng.lognormal(-0.045, 0.3));
  const total = weights.reduce((s, x) => s + x, 0);
  const exact = weights.map((x) => (units * x) / total);
  const whole = exact.map(Math.floor);
  let left = units - whole.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => i).sort((a, b) => exact[b] - whole[b] - (exact[a] - whole[a]) || a - b);
  for (let i = 0; left > 0; i++, left--) whole[order[i]] += 1;
  for (let i = 0; i < n; i++) out[from - 1 + i] += whole[i];
}

/** The feed as the sell_through import reads it (`customer_id,product_id,week,units`). */
export function sellThroughCsv(feed: DemoSellThrough): string {
  return toCsv(feed.rows, [
    { header: "customer_id", format: (r) => r.customerId },
    { header: "product_id", format: (r) => r.productId },
    { header: "week", format: (r) => String(r.week) },
    { header: "units", format: (r) => String(r.units) },
  ]);
}
