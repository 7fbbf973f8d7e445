import type { AtpLine, AtpQuery, AtpReport } from "../../../shared/src/api";
import { promiseOrderBook } from "../../../shared/src/fulfilment";
import { unprocessable } from "../appError";
import type { ServiceContext } from "./context";
import { allocationRowFor, storedRules } from "./fulfilmentRules";
import { dateAfter, daysFrom, openBook, promisedLeadTimes, storedSupply } from "./openOrderBook";

const SHORT_PRODUCTS = 50;

/**
 * The stored order book promised: every open line from its product's supply
 * by its customer segment's allocation row, with the segment policy's
 * promised lead time.
 */
export async function promiseStoredBook(ctx: ServiceContext) {
  const today = ctx.now().toISOString().slice(0, 10);
  const { allocation } = await storedRules(ctx.db);
  const { orders, segments } = await openBook(ctx.db);
  const [leadTimes, { onHandDate, supply }] = await Promise.all([promisedLeadTimes(ctx.db, segments), storedSupply(ctx.db, today)]);
  const ruleFor = allocationRowFor(allocation);
  const uncovered = [...new Set(segments.filter((s) => !ruleFor(s)))].sort();
  if (uncovered.length) {
    throw unprocessable(
      `allocation: no row serves customer segment${uncovered.length === 1 ? "" : "s"} ${uncovered.join(", ")}; add ${uncovered.length === 1 ? "a row" : "rows"} or a "*" row`,
      uncovered.map((s) => ({ field: "allocation", message: `no row serves "${s}"` })),
    );
  }
  const lines = orders.map((o, i) => ({
    productId: o.product_id,
    rule: ruleFor(segments[i])!.segment,
    quantity: o.quantity,
    requestedDay: daysFrom(today, o.requested_date),
    leadTimeDays: leadTimes.get(segments[i])!,
  }));
  return { today, onHandDate, allocation, orders, segments, lines, result: promiseOrderBook(lines, allocation, supply) };
}

/** Allocated ATP over the stored order book: totals and segments over every line, a page of the lines. */
export async function promiseOpenOrders(ctx: ServiceContext, query: AtpQuery): Promise<AtpReport> {
  const { today, onHandDate, orders, segments, lines, result } = await promiseStoredBook(ctx);

  const bySegment = new Map<string, AtpReport["segments"][number]>();
  const totals = { lines: orders.length, requested: 0, supply: 0, promised: 0, shortfall: 0, linesShort: 0, products: result.products.size, productsShort: 0 };
  const matching: number[] = [];
  orders.forEach((o, i) => {
    const promised = result.promised[i];
    const shortfall = result.shortfall[i];
    const late = result.promisedDay[i] > lines[i].requestedDay;
    const segment = segments[i];
    let s = bySegment.get(segment);
    if (!s) {
      s = { segment, rule: lines[i].rule, priority: result.priority[i], promisedLeadTimeDays: lines[i].leadTimeDays, lines: 0, requested: 0, promised: 0, fromReserve: 0, shortfall: 0, linesShort: 0, linesLate: 0 };
      bySegment.set(segment, s);
    }
    s.lines++;
    s.requested += o.quantity;
    s.promised += promised;
    s.fromReserve += result.fromReserve[i];
    s.shortfall += shortfall;
    if (shortfall > 0) s.linesShort++;
    if (late) s.linesLate++;
    totals.requested += o.quantity;
    totals.promised += promised;
    totals.shortfall += shortfall;
    if (shortfall > 0) totals.linesShort++;
    // Short: less than ordered, or later than requested (NaN, nothing promised, is short by its shortfall).
    if (query.lines === "all" || shortfall > 0 || late) matching.push(i);
  });
  const shortProducts: AtpReport["shortProducts"] = [];
  for (const [productId, p] of result.products) {
    totals.supply += p.supply;
    if (p.requested > p.supply) {
      totals.productsShort++;
      shortProducts.push({ productId, requested: p.requested, supply: p.supply, shortfall: p.requested - p.supply });
    }
  }
  shortProducts.sort((a, b) => b.shortfall - a.shortfall || (a.productId < b.productId ? -1 : 1));
  const page: AtpLine[] = matching.slice(query.offset, query.offset + query.limit).map((i) => {
    const o = orders[i];
    const day = result.promisedDay[i];
    const promised = !Number.isNaN(day);
    return {
      orderId: o.order_id,
      line: o.line,
      customerId: o.customer_id,
      productId: o.product_id,
      segment: segments[i],
      priority: result.priority[i],
      requested: o.quantity,
      promised: result.promised[i],
      fromReserve: result.fromReserve[i],
      shortfall: result.shortfall[i],
      requestedDate: o.requested_date,
      promisedDate: promised ? dateAfter(today, day) : null,
      daysLate: promised ? Math.max(0, day - lines[i].requestedDay) : null,
    };
  });
  return {
    today,
    onHandDate,
    totals,
    segments: [...bySegment.values()].sort((a, b) => a.priority - b.priority || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0)),
    shortProducts: shortProducts.slice(0, SHORT_PRODUCTS),
    lines: page,
    total: matching.length,
    limit: query.limit,
    offset: query.offset,
  };
}
