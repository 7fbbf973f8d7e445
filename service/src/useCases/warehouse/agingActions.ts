import type { AgingQuery, AgingReport } from "../../../../shared/src/api/stockRisk";
import { agingRisk } from "../../../../shared/src/inventory";
import { latestStockByProduct } from "../../store/productActivity";
import type { Executor } from "../context";
import { count, money } from "./plannerNumbers";
import { productContext } from "./productContext";
import { pageOf, weeklyDemand } from "./weeklyDemand";

const WEEKS_PER_MONTH = 52 / 12;

/**
 * Aging and obsolescence actions (agingRisk, its default rules) per product
 * with stock on the latest snapshot: demand is the weekly units of the whole
 * stored order history, a unit's value the snapshot's value / quantity,
 * returnable the product's `returnable` flag.
 */
export async function agingActions(db: Executor, query: AgingQuery): Promise<AgingReport> {
  const [ctx, stock, demand] = await Promise.all([productContext(db), latestStockByProduct(db), weeklyDemand(db)]);
  const held = [...stock.products].filter(([, s]) => s.qty > 0).sort((a, b) => a[0].localeCompare(b[0]));
  const empty = { snapshotDate: stock.date, weeks: demand.weeks, total: 0, excessValue: 0, withActions: 0, items: [] };
  if (held.length === 0 || demand.weeks === 0) return empty;
  const product = new Map(ctx.products.map((p) => [p.id, p]));
  const results = agingRisk(
    held.map(([id, s]) => ({ id, onHand: s.qty, demand: Array.from(demand.series(id)), unitCost: s.value / s.qty, returnable: product.get(id)?.attributes.returnable === true })),
    { periodsPerMonth: WEEKS_PER_MONTH, monthsOfSupplyThreshold: query.monthsOfSupply, noDemandPeriods: query.noDemandWeeks },
  );
  const items = results
    .map((r, i) => {
      const [id, s] = held[i];
      const supply = r.monthsOfSupply === null ? "no orders in the history" : `${count(r.monthsOfSupply)} months of supply (${count(s.qty, 0)} on hand, ${count(r.monthlyDemand)} a month)`;
      const excess = r.excess ? `; ${count(r.excessUnits, r.excessUnits < 1 ? 2 : 1)} unit${r.excessUnits === 1 ? "" : "s"} (${money(r.excessValue)}) above ${count(query.monthsOfSupply)} months` : "";
      const idle = r.periodsWithoutDemand > 0 ? `; no order for ${r.periodsWithoutDemand} week${r.periodsWithoutDemand === 1 ? "" : "s"}` : "";
      return {
        rank: r.rank,
        productId: id,
        productName: product.get(id)?.name ?? id,
        segment: ctx.segmentOf.get(id) ?? "unsegmented",
        onHand: s.qty,
        value: s.value,
        monthlyDemand: r.monthlyDemand,
        monthsOfSupply: r.monthsOfSupply,
        weeksWithoutDemand: r.periodsWithoutDemand,
        excessUnits: r.excessUnits,
        excessValue: r.excessValue,
        actions: r.actions,
        reason: `${supply}${excess}${idle}`,
      };
    })
    .sort((a, b) => a.rank - b.rank);
  return {
    ...empty,
    total: items.length,
    excessValue: items.reduce((a, r) => a + r.excessValue, 0),
    withActions: items.filter((r) => r.actions.length > 0).length,
    items: pageOf(items, query),
  };
}
