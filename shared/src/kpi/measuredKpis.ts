import { OTIF_CAUSES } from "./otifByCause";
import { kpiValue, type KpiValue } from "./kpiValue";
import { rankDrivers } from "./rankDrivers";
import type { KpiName } from "./schemas";
import type { KpiDrivers, SegmentKpis } from "./segmentKpis";

/** One segment × month of deliveries, summed in the store. */
export interface DeliveryPeriodSums {
  period: string;
  lines: number;
  /** lines delivered on or before the promised date and in full */
  otifLines: number;
  qtyOrdered: number;
  /** Σ min(delivered, ordered): an over-delivery does not make up for a short line */
  qtyFilled: number;
}

/** A product segment's stock and cost of goods sold, summed in the store. */
export interface SegmentStockSums {
  /** Σ stock value over every snapshot date, and the number of snapshot dates */
  valueSum: number;
  dates: number;
  /** stock value on the latest snapshot date */
  latestValue: number;
  /** Σ qty × cost of the order history over `cogsWeeks` weeks */
  cogs: number;
  cogsWeeks: number;
}

export interface MeasuredData {
  /** per segment, its months with deliveries */
  deliveries: ReadonlyMap<string, readonly DeliveryPeriodSums[]>;
  /** per segment, lines that missed OTIF per stated cause */
  missCauses: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** per segment, its entities' missed lines and short units */
  missesByEntity?: ReadonlyMap<string, ReadonlyArray<{ entityId: string; missedLines: number; shortUnits: number }>>;
  /** per product segment with stock snapshots */
  stock: ReadonlyMap<string, SegmentStockSums>;
  /** stock older than `days` per product segment, or why it cannot be measured (null: customer segments) */
  aging?: { days: number; from: string; to: string; segments: ReadonlyMap<string, { value: number; agedValue: number }> } | { days: number; reason: string } | null;
}

const DAYS_PER_YEAR = 365;
const WEEKS_PER_YEAR = 52;
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * Replace a segment's modelled KPIs by measured ones wherever its data is
 * stored; the rest stay modelled and say so.
 *
 * - OTIF: lines delivered on or before the promised date AND in full / lines.
 * - Fill rate: Σ min(delivered, ordered) / Σ ordered (units).
 * - Inventory turns: annual COGS (Σ qty × cost of the last `cogsWeeks` weeks
 *   × 52 / cogsWeeks) / average stock value (Σ value / snapshot dates).
 * - Days of supply: stock value on the latest snapshot / (annual COGS / 365).
 *
 * - Stock aging: share of the latest stock value older than `days`, first in
 *   first out (the store derives it from snapshots and deliveries).
 *
 * OTIF and fill rate carry their value per month. Their drivers become the
 * stated miss causes (the four standard causes first, others after) and the
 * entities ranked by missed lines and by units short.
 */
export function withMeasuredKpis(segment: SegmentKpis, data: MeasuredData): SegmentKpis {
  const kpis = new Map<KpiName, KpiValue>(segment.kpis.map((k) => [k.kpi, k]));
  const drivers: KpiDrivers = { ...segment.drivers };
  const replace = (k: KpiValue) => kpis.set(k.kpi, k);
  const p = segment.policy?.policy;

  const months = data.deliveries.get(segment.segment);
  if (months && months.length) {
    const sum = (f: (m: DeliveryPeriodSums) => number) => months.reduce((s, m) => s + f(m), 0);
    replace({
      ...kpiValue(
        "otif",
        ratio(
          sum((m) => m.otifLines),
          sum((m) => m.lines),
        ),
        p?.cycleServiceLevel ?? null,
        "policy.cycleServiceLevel",
        "measured",
        "measured: lines delivered by the promised date and in full / lines",
      ),
      periods: months.map((m) => ({ period: m.period, value: ratio(m.otifLines, m.lines) })),
    });
    replace({
      ...kpiValue(
        "fill_rate",
        ratio(
          sum((m) => m.qtyFilled),
          sum((m) => m.qtyOrdered),
        ),
        p?.targetFillRate ?? null,
        "policy.targetFillRate",
        "measured",
        "measured: units delivered (at most the ordered) / units ordered",
      ),
      periods: months.map((m) => ({ period: m.period, value: ratio(m.qtyFilled, m.qtyOrdered) })),
    });
    const causes = data.missCauses.get(segment.segment) ?? {};
    const missed = Object.values(causes).reduce((s, v) => s + v, 0);
    const names = [...OTIF_CAUSES, ...Object.keys(causes).filter((c) => !(OTIF_CAUSES as readonly string[]).includes(c))];
    const byEntity = data.missesByEntity?.get(segment.segment) ?? [];
    drivers.otif = {
      causes: Object.fromEntries(names.map((c) => [c, causes[c] ?? 0])),
      causeShares: Object.fromEntries(names.map((c) => [c, ratio(causes[c] ?? 0, missed)])),
      entities: rankDrivers(byEntity.map((e) => ({ id: e.entityId, value: e.missedLines }))),
    };
    drivers.fill_rate = { entities: rankDrivers(byEntity.map((e) => ({ id: e.entityId, value: e.shortUnits }))) };
  }

  const stock = data.stock.get(segment.segment);
  if (stock && stock.dates > 0 && stock.cogsWeeks > 0) {
    const annualCogs = (stock.cogs * WEEKS_PER_YEAR) / stock.cogsWeeks;
    const averageStock = stock.valueSum / stock.dates;
    replace(
      kpiValue(
        "inventory_turns",
        ratio(annualCogs, averageStock),
        p?.inventoryTurnsTarget ?? null,
        "policy.inventoryTurnsTarget",
        "measured",
        `measured: annual COGS (last ${stock.cogsWeeks} weeks) / average stock value over ${stock.dates} snapshot dates`,
      ),
    );
    replace(kpiValue("days_of_supply", ratio(stock.latestValue, annualCogs / DAYS_PER_YEAR), null, null, "measured", "measured: stock value on the latest snapshot / daily COGS"));
    // The excess-item drivers belong to the model; measured turns have none yet.
    delete drivers.inventory_turns;
  }

  const aging = data.aging;
  if (aging && "segments" in aging) {
    const a = aging.segments.get(segment.segment);
    replace(
      kpiValue(
        "stock_aging",
        a ? ratio(a.agedValue, a.value) : null,
        null,
        null,
        "measured",
        `measured: share of stock value on ${aging.to} older than ${aging.days} days (held on ${aging.from}, not delivered since; first in, first out)`,
      ),
    );
  } else if (aging) {
    replace({ ...kpis.get("stock_aging")!, note: `not measured: ${aging.reason}` });
  }

  return { ...segment, kpis: segment.kpis.map((k) => kpis.get(k.kpi)!), drivers };
}
