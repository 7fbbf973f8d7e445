import type { ResolvedPolicy } from "../segmentation/policyTable";
import { orderChangeRate, supplierOnTimeRate } from "./deliveryRates";
import { holdoutForecastsByLevel, holdoutWeeks } from "./holdoutForecasts";
import { pooledWape } from "./pooledWape";
import type { KpiCeilings } from "./kpiDefaults";
import { kpiValue, type KpiValue } from "./kpiValue";
import type { OrderPairTotals } from "./orderPairTotals";
import type { RankedDriver } from "./rankDrivers";
import type { KpiName } from "./schemas";
import { customerCostToServe, segmentCostToServe } from "./segmentCostToServe";
import { segmentDelivery, type SegmentDelivery } from "./segmentDelivery";
import { entitySumsFromPairs, type EntityOrderSums } from "./entityOrderSums";
import type { SegmentPolicy } from "./segmentPolicies";
import { segmentTurns } from "./segmentTurns";
import { segmentWape } from "./segmentWape";
import { DEFAULT_MAX_TRACKING_SIGNAL, segmentTrackingSignal, trackingSignalNote } from "./segmentTrackingSignal";

type Attributes = Readonly<Record<string, unknown>>;

const DAYS_PER_YEAR = 365;

/** What a segment with stored deliveries carries until withMeasuredKpis fills in its measured OTIF and fill rate. */
const NOT_MODELLED: SegmentDelivery = {
  otif: {
    lines: 0,
    otif: null,
    misses: { stock_out: null, supplier_late: null, order_changed: null, carrier_late: null },
    shares: { stock_out: null, supplier_late: null, order_changed: null, carrier_late: null },
  },
  fillRate: null,
  drivers: { otif: { causes: {}, causeShares: {}, entities: [] }, fill_rate: { entities: [] } },
};

export type KpiDrivers = Partial<Record<KpiName, Record<string, RankedDriver[] | Record<string, number | null>>>>;

export interface SegmentKpis {
  segment: string;
  /** the segment's entities, sorted */
  entities: string[];
  policy: ResolvedPolicy | null;
  policyError: string | null;
  /** otif, fill_rate, inventory_turns, cost_to_serve_pct, forecast_wape, days_of_supply, stock_aging, tracking_signal, in that order (customer segments add nps and csat) */
  kpis: KpiValue[];
  /** per KPI, what drives it: causes, entities, activities, items */
  drivers: KpiDrivers;
}

export interface SegmentKpiInputs {
  dimension: "product" | "customer";
  /** the dimension's current assignments */
  assignments: ReadonlyArray<{ entityId: string; segment: string }>;
  /** report this segment only */
  segment?: string;
  /** the last week of the history (weeks run 1 … weeks) */
  weeks: number;
  /** units per week of each entity of the dimension with sales */
  weeklyUnits: ReadonlyMap<string, Float64Array>;
  /**
   * the order history per customer × product pair: what the OTIF and fill-rate
   * proxies read, so only the pairs of segments without stored deliveries are
   * needed when `orders` is given
   */
  pairs: readonly OrderPairTotals[];
  /** revenue and cost-to-serve per entity of the dimension (the store's SQL sums); else summed here from `pairs` */
  orders?: EntityOrderSums;
  products: ReadonlyMap<string, Attributes>;
  suppliers: ReadonlyMap<string, Attributes>;
  /** activity volumes per customer (the activity_counts drivers) */
  activity: ReadonlyMap<string, Attributes>;
  /** money per activity unit, per activity */
  activityRates: Readonly<Record<string, number>>;
  /** segments whose deliveries are stored: their OTIF and fill rate are measured, so the proxy is not computed */
  deliveriesMeasured?: ReadonlySet<string>;
  /** whether the rates are a stored rate table (cost-to-serve measured) or the illustrative defaults (modelled) */
  activityRatesSource?: "stored" | "default";
  ceilings: KpiCeilings;
  policyOf: (segment: string) => SegmentPolicy;
}

/**
 * The KPIs of every segment of the current assignments (sorted by name)
 * against their targets, as far as the order history alone gives them: OTIF
 * (proxy) vs the policy's cycle service level, line fill rate (proxy) vs its
 * target fill rate, modelled inventory turns vs its turns target and days of
 * supply from them, cost-to-serve / revenue vs `maxCostToServePct` and pooled
 * forecast WAPE vs the policy's `maxWape` (else the request's), each with its
 * drivers and its basis; stock aging is not measured here. withMeasuredKpis
 * replaces what stored deliveries and stock measure. Definitions and proxies
 * are stated by the functions each KPI comes from; this groups the history by
 * segment.
 *
 * @returns the segments, and the forecast hold-out the WAPE was measured on (0: too little history)
 */
export function segmentKpis(input: SegmentKpiInputs): { segments: SegmentKpis[]; forecastHoldoutWeeks: number } {
  const { dimension } = input;
  const entityKey = dimension === "product" ? "productId" : "customerId";
  const bySegment = new Map<string, { entities: string[]; pairs: OrderPairTotals[] }>();
  const segmentOf = new Map<string, string>();
  for (const a of input.assignments) {
    if (input.segment !== undefined && a.segment !== input.segment) continue;
    if (!bySegment.has(a.segment)) bySegment.set(a.segment, { entities: [], pairs: [] });
    bySegment.get(a.segment)!.entities.push(a.entityId);
    segmentOf.set(a.entityId, a.segment);
  }
  for (const p of input.pairs) {
    const s = segmentOf.get(p[entityKey]);
    if (s !== undefined) bySegment.get(s)!.pairs.push(p);
  }

  const rates = {
    supplierOnTime: (productId: string) => supplierOnTimeRate(input.suppliers.get(String(input.products.get(productId)?.supplier_id))),
    orderChange: (customerId: string) => orderChangeRate(input.activity.get(customerId)),
  };
  const costs = customerCostToServe(input.activity, input.activityRates);
  const activities = Object.keys(input.activityRates);
  const orders = input.orders ?? entitySumsFromPairs(input.pairs, dimension, costs);
  // A segment whose policy sets forecastLevel "family" is measured as it is forecast: top-down within the product's
  // category, the family built from the category's products in every family-level segment (not only a filtered one).
  const familyLevel = (segment: string | undefined) => segment !== undefined && input.policyOf(segment).policy?.policy.forecastLevel === "family";
  const allSegments = new Map(input.assignments.map((a) => [a.entityId, a.segment]));
  const familyOf = (id: string): string | null => {
    if (dimension !== "product" || !familyLevel(allSegments.get(id))) return null;
    const category = input.products.get(id)?.category;
    return typeof category === "string" && category.trim() !== "" ? category : null;
  };
  const measuredIds = [...segmentOf.keys(), ...[...allSegments.keys()].filter((id) => !segmentOf.has(id) && familyOf(id) !== null)];
  const { items: forecasts, families } = holdoutForecastsByLevel(input.weeklyUnits, measuredIds, input.weeks, familyOf);
  const holdout = holdoutWeeks(input.weeks);
  const ratesStored = input.activityRatesSource === "stored";
  // Stock is held per product: for customer segments turns and days of supply are not measured, nor modelled.
  const perProduct = dimension === "product";

  const segments = [...bySegment]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([segment, group]): SegmentKpis => {
      const entities = [...new Set(group.entities)].sort();
      const { policy, error } = input.policyOf(segment);
      const p = policy?.policy;
      const delivery = input.deliveriesMeasured?.has(segment) ? NOT_MODELLED : segmentDelivery(group.pairs, entityKey, rates);
      const turns = segmentTurns({ dimension, entities, weeklyUnits: input.weeklyUnits, weeks: input.weeks, products: input.products, suppliers: input.suppliers, policy: p ?? null });
      const revenue = entities.reduce((sum, id) => sum + (orders.revenue.get(id) ?? 0), 0);
      const cts = segmentCostToServe({ entities, costs: orders.costs, activities });
      const wape = segmentWape(entities, forecasts);
      const tracking = segmentTrackingSignal(entities, forecasts);
      const drivers: KpiDrivers = {
        ...delivery.drivers,
        ...(turns.drivers ? { inventory_turns: turns.drivers } : {}),
        cost_to_serve_pct: cts.drivers,
        forecast_wape: wape.drivers,
        tracking_signal: tracking.drivers,
      };
      return {
        segment,
        entities,
        policy,
        policyError: error,
        drivers,
        kpis: [
          kpiValue(
            "otif",
            delivery.otif.otif,
            p?.cycleServiceLevel ?? null,
            "policy.cycleServiceLevel",
            "modelled",
            "proxy, no deliveries stored: line level; misses from back-order splits (stock-out / supplier late) and changed orders; carrier lateness is not measured",
          ),
          kpiValue("fill_rate", delivery.fillRate, p?.targetFillRate ?? null, "policy.targetFillRate", "modelled", "proxy, no deliveries stored: line fill rate, lines shipped complete in the first delivery"),
          kpiValue("inventory_turns", turns.turns, p?.inventoryTurnsTarget ?? null, "policy.inventoryTurnsTarget", perProduct ? "modelled" : "not_measured", turns.note),
          kpiValue(
            "cost_to_serve_pct",
            revenue > 0 ? cts.cost / revenue : null,
            input.ceilings.maxCostToServePct,
            "maxCostToServePct",
            ratesStored ? "measured" : "modelled",
            ratesStored ? "activity-based cost-to-serve at the stored rate table / revenue" : "activity-based cost-to-serve at illustrative default rates (no rate table stored) / revenue",
          ),
          kpiValue("forecast_wape", wape.wape, p?.maxWape ?? input.ceilings.maxWape, p?.maxWape !== undefined ? "policy.maxWape" : "maxWape", "measured", forecastWapeNote(holdout, entities, familyOf, families)),
          kpiValue(
            "days_of_supply",
            turns.turns !== null && turns.turns > 0 ? DAYS_PER_YEAR / turns.turns : null,
            null,
            null,
            perProduct ? "modelled" : "not_measured",
            dimension === "customer" ? "inventory is held per product, not per customer" : "365 / modelled turns; no stock snapshots stored",
          ),
          kpiValue("stock_aging", null, null, null, "not_measured", "share of stock value older than 90 days: needs stock snapshots and deliveries"),
          kpiValue(
            "tracking_signal",
            tracking.signal === null ? null : Math.abs(tracking.signal),
            p?.maxTrackingSignal ?? DEFAULT_MAX_TRACKING_SIGNAL,
            p?.maxTrackingSignal !== undefined ? "policy.maxTrackingSignal" : "default.maxTrackingSignal",
            "measured",
            trackingSignalNote(tracking),
          ),
        ],
      };
    });
  return { segments, forecastHoldoutWeeks: holdout };
}

/**
 * How the segment's WAPE was measured; for a family-level segment also the
 * family-level error: the pooled WAPE of the hold-out forecasts of the
 * families its products belong to (their sums, which the family forecasts).
 */
function forecastWapeNote(holdout: number, entities: readonly string[], familyOf: (id: string) => string | null, families: ReadonlyMap<string, { actual: number[]; forecast: number[] }>): string {
  const base = `pooled WAPE over a ${holdout}-week hold-out`;
  const mine = [...new Set(entities.map(familyOf).filter((f): f is string => f !== null))].sort();
  const measured = mine.flatMap((f) => (families.has(f) ? [families.get(f)!] : []));
  if (mine.length === 0 || measured.length === 0) return base;
  const family = pooledWape(measured);
  const pct = (x: number | null) => (x === null ? "n/a (no demand)" : `${(x * 100).toFixed(1)} %`);
  return `${base}, item level of a forecast by family (top-down within the category, shares by Gross & Sohl's average of historical proportions); family level: ${pct(family)} over ${mine.length} ${mine.length === 1 ? "family" : "families"} (${mine.join(", ")})`;
}
