import { PolicyTable } from "../../../shared/src/segmentation";
import type { Receipt } from "../../../shared/src/fulfilment";
import { unprocessable } from "../appError";
import { segmentsOf } from "../store/assignments";
import { listOpenOrders } from "../store/openOrders";
import { listScheduledReceipts } from "../store/scheduledReceipts";
import type { OpenOrderTable } from "../store/schema";
import { latestOnHand } from "../store/stockSnapshots";
import { currentVersion } from "../store/versions";
import type { Executor } from "./context";
import { currentPolicies } from "./policies";

/** Customers without a segment in the current customer version are promised under this name (a "*" row serves them). */
export const UNSEGMENTED = "(no segment)";
const DAY_MS = 86_400_000;

/** Whole days from `today` to an ISO date (negative when before it). */
export const daysFrom = (today: string, date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
export const dateAfter = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export interface OpenBook {
  orders: OpenOrderTable[];
  /** customer segment of each order, in order */
  segments: string[];
}

/** The stored open lines with their customers' segments in the current customer version. */
export async function openBook(db: Executor): Promise<OpenBook> {
  const orders = await listOpenOrders(db);
  if (orders.length === 0) throw unprocessable("open_orders: no open orders are stored; import open_orders first", [{ field: "open_orders", message: "no open orders stored" }]);
  const version = await currentVersion(db, "customer");
  const segmentOf = await segmentsOf(
    db,
    "customer",
    version,
    orders.map((o) => o.customer_id),
  );
  return { orders, segments: orders.map((o) => segmentOf.get(o.customer_id) ?? UNSEGMENTED) };
}

/** Each segment's promised lead time from the current policy table; a 422 listing every segment no row covers. */
export async function promisedLeadTimes(db: Executor, segments: Iterable<string>): Promise<Map<string, number>> {
  const policies = await currentPolicies(db);
  if (policies.rows.length === 0) throw unprocessable("policies: no policy table is approved yet, so no segment has a promised lead time", [{ field: "policies", message: "no policy table" }]);
  const table = new PolicyTable(policies.rows);
  const out = new Map<string, number>();
  const uncovered: string[] = [];
  for (const segment of new Set(segments)) {
    if (!table.match(segment)) uncovered.push(segment);
    else out.set(segment, table.resolve(segment).policy.promisedLeadTimeDays);
  }
  if (uncovered.length) {
    uncovered.sort();
    throw unprocessable(
      `policies: no policy row covers customer segment${uncovered.length === 1 ? "" : "s"} ${uncovered.join(", ")}, so no promised lead time`,
      uncovered.map((s) => ({ field: "policies", message: `no row covers "${s}"` })),
    );
  }
  return out;
}

/**
 * Supply per product as receipts counted from today: on hand in the latest
 * stock snapshot on day 0 (whole units, rounded down), then the scheduled
 * receipts (an overdue one counts as due today).
 */
export async function storedSupply(db: Executor, today: string): Promise<{ onHandDate: string | null; supply: Map<string, Receipt[]> }> {
  const [onHand, receipts] = await Promise.all([latestOnHand(db), listScheduledReceipts(db)]);
  const supply = new Map<string, Receipt[]>();
  const add = (productId: string, r: Receipt) => {
    let list = supply.get(productId);
    if (!list) supply.set(productId, (list = []));
    list.push(r);
  };
  for (const [productId, qty] of onHand.units) if (qty >= 1) add(productId, { day: 0, quantity: Math.floor(qty) });
  for (const r of receipts) if (r.quantity > 0) add(r.product_id, { day: Math.max(0, daysFrom(today, r.date)), quantity: r.quantity });
  return { onHandDate: onHand.date, supply };
}
