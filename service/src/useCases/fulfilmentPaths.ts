import type { FulfilmentPathLine, FulfilmentPathReport } from "../../../shared/src/api";
import { chooseFulfilment } from "../../../shared/src/fulfilment";
import { DomainError } from "../../../shared/src/errors";
import { unprocessable } from "../appError";
import type { ServiceContext } from "./context";
import { storedRules } from "./fulfilmentRules";
import { openBook } from "./openOrderBook";

/**
 * The fulfilment path of every stored open line from the stored path table
 * (first matching row decides); a line no row covers is a 422 naming it and
 * the segment, quantity and weight to add a row for.
 */
export async function fulfilmentPaths(ctx: ServiceContext, query: { limit: number; offset: number }): Promise<FulfilmentPathReport> {
  const { allocation, paths } = await storedRules(ctx.db);
  const { orders, segments } = await openBook(ctx.db);
  const premium = allocation.filter((r) => r.premium).map((r) => r.segment);
  let decisions;
  try {
    decisions = chooseFulfilment(
      orders.map((o, i) => ({ id: i, segment: segments[i], quantity: o.quantity, weightKg: o.weight_kg ?? 0 })),
      paths,
      premium,
    );
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const at = /^lines\[(\d+)\]/.exec(e.field);
    const o = at ? orders[Number(at[1])] : undefined;
    const where = o ? `order ${o.order_id} line ${o.line}` : e.field.replace(/^rules/, "paths");
    throw unprocessable(`paths: ${where}: ${e.detail}`, [{ field: o ? "paths" : e.field.replace(/^rules/, "paths"), message: `${where}: ${e.detail}` }]);
  }
  const counts = new Map<string, FulfilmentPathReport["byPath"][number]>();
  decisions.forEach((d, i) => {
    const key = `${d.path}|${d.mode}`;
    const c = counts.get(key) ?? { path: d.path, mode: d.mode, lines: 0, units: 0 };
    c.lines++;
    c.units += orders[i].quantity;
    counts.set(key, c);
  });
  const page: FulfilmentPathLine[] = decisions.slice(query.offset, query.offset + query.limit).map((d, k) => {
    const i = query.offset + k;
    const o = orders[i];
    return {
      orderId: o.order_id,
      line: o.line,
      customerId: o.customer_id,
      productId: o.product_id,
      segment: segments[i],
      quantity: o.quantity,
      weightKg: o.weight_kg ?? 0,
      path: d.path,
      mode: d.mode,
      lastMile: d.lastMile,
      deliveriesPerWeek: d.deliveriesPerWeek ?? null,
      windowFromHour: d.windowFromHour ?? null,
      windowToHour: d.windowToHour ?? null,
      rule: d.rule + 1,
    };
  });
  return { byPath: [...counts.values()].sort((a, b) => b.lines - a.lines), lines: page, total: orders.length, limit: query.limit, offset: query.offset };
}
