import type { KpiDimension, KpiQuery } from "../../../shared/src/api";
import {
  DEFAULT_ACTIVITY_RATES,
  costPerLine,
  customerCostToServe,
  escalationWithDefaults,
  kpiBreaches,
  segmentKpis,
  segmentPolicies,
  withMeasuredKpis,
  withStrategicFeedback,
  type DeliveryPeriodSums,
  type EntityOrderSums,
  type EscalationSource,
  type KpiBreach,
  type SegmentKpis,
  type SegmentStockSums,
} from "../../../shared/src/kpi";
import { activityByCustomer } from "../store/activityCounts";
import { ratesInForce, type ActivityRate } from "../store/activityRates";
import { deliveriesBySegmentPeriod, deliveryMissesByEntity, otifMissesByCause } from "../store/deliveries";
import { entityAttributes } from "../store/entities";
import { storedEscalations } from "../store/kpiEscalations";
import { storedEscalationPaths } from "../store/escalationPaths";
import { kpiDataVersion } from "../store/kpiDataVersion";
import { cogsBySegment, orderTotalsByPair, weeklyUnitsByEntity } from "../store/orderLines";
import { orderSumsByCustomer, orderSumsByProduct } from "../store/orderEntitySums";
import { currentPolicyVersion } from "../store/policyVersions";
import { stockAgingBySegment, stockBySegment } from "../store/stockSnapshots";
import type { Executor } from "./context";
import { assignmentsAt, currentVersion } from "./masterData";
import { currentPolicies } from "./policies";

export interface KpiReport {
  dimension: KpiDimension;
  assignmentsVersion: number;
  policyVersion: number;
  dataWindow: { fromWeek: number; toWeek: number; forecastHoldoutWeeks: number };
  assumptions: {
    activityRates: Readonly<Record<string, number>>;
    activityRatesSource: { source: "stored" | "default"; version: number | null };
    ceilings: { maxCostToServePct: number; maxWape: number };
    escalationSource: EscalationSource;
  };
  segments: Array<Omit<SegmentKpis, "drivers" | "policy"> & { policy: { pattern: string; row: number; ownerFunction: string } | null }>;
  breaches: Array<KpiBreach & { dimension: KpiDimension }>;
}

const mapValues = <V, W>(m: ReadonlyMap<string, V>, f: (v: V) => W): Map<string, W> => new Map([...m].map(([k, v]) => [k, f(v)]));

/** Turns are measured over the last year of the order history. */
const COGS_WEEKS = 52;
/** Stock is aged when older than a quarter. */
const AGING_DAYS = 90;

/**
 * The stored rate table as activity volumes and rates keyed by activity: each
 * customer's volume of an activity is its count of the activity's driver, so
 * cost-to-serve and its drivers name activities, not count columns.
 */
export function activitiesAtStoredRates(activity: ReadonlyMap<string, Readonly<Record<string, unknown>>>, rates: readonly ActivityRate[]) {
  const byActivity = Object.fromEntries(rates.map((r) => [r.activity, r.rate]));
  const volumes = new Map([...activity].map(([customer, counts]) => [customer, Object.fromEntries(rates.map((r) => [r.activity, counts[r.driver]]))]));
  return { rates: byActivity, volumes };
}

/** The customers' activity volumes and rates (the stored rate table in force, else the illustrative defaults) and their cost-to-serve. */
export function customerCostBasis(activity: ReadonlyMap<string, Readonly<Record<string, unknown>>>, rateTable: Awaited<ReturnType<typeof ratesInForce>>) {
  const stored = rateTable && rateTable.rates.length ? activitiesAtStoredRates(activity, rateTable.rates) : null;
  const activityVolumes = stored ? stored.volumes : activity;
  const activityRates = stored ? stored.rates : DEFAULT_ACTIVITY_RATES;
  return { stored, rateTable, activityVolumes, activityRates, customerCosts: customerCostToServe(activityVolumes, activityRates) };
}

/**
 * KPIs per segment of the current assignments vs the policy targets, and the
 * breaches with owner, escalation and drivers. What the store holds is
 * measured (deliveries → OTIF and fill rate, stock snapshots → turns and days
 * of supply, the rate table → cost-to-serve), each summed per segment in SQL;
 * where that data is absent shared/src/kpi models the value and says so.
 */
export async function kpiReport(db: Executor, query: KpiQuery, asOf: Date = new Date()): Promise<KpiReport> {
  const dimension = query.dimension;
  const version = await currentVersion(db, dimension);
  // Reads whose inputs are other reads start as soon as those are in, not after every read: on PostgreSQL they then run
  // beside the slower reads on other connections (SQLite answers one statement at a time either way).
  const assignmentsRead = assignmentsAt(db, dimension, version);
  const orderSumsRead = orderSumsByCustomer(db);
  const deliveriesRead = deliveriesBySegmentPeriod(db, dimension, version);
  const costsRead = Promise.all([activityByCustomer(db), ratesInForce(db, asOf.toISOString().slice(0, 10))]).then(([activity, rateTable]) => customerCostBasis(activity, rateTable));
  // Nothing pair-sized is read unless needed: revenue and cost-to-serve are summed per entity in SQL (a product's cost at its
  // customers' cost per line), and only the OTIF / fill-rate proxies of segments without stored deliveries read the pairs.
  const productSumsRead =
    dimension === "product"
      ? Promise.all([costsRead, orderSumsRead]).then(([basis, sums]) =>
          orderSumsByProduct(
            db,
            costPerLine(
              basis.customerCosts,
              mapValues(sums, (s) => s.lines),
            ),
            [...sums.keys()],
          ),
        )
      : null;
  const pairsRead = Promise.all([assignmentsRead, deliveriesRead]).then(([assignments, deliveries]) => {
    const measured = new Set(deliveries.map((d) => d.segment));
    const unmeasured = [...new Set(assignments.map((a) => a.segment))].filter((s) => !measured.has(s) && (query.segment === undefined || s === query.segment));
    return orderTotalsByPair(db, { dimension, version, segments: unmeasured });
  });
  const [assignments, weekly, orderSums, products, suppliers, basis, policies, escalations, paths, deliveries, misses, entityMisses, stock, cogs, aging, customers, productSums, pairs] = await Promise.all([
    assignmentsRead,
    weeklyUnitsByEntity(db, dimension),
    orderSumsRead,
    entityAttributes(db, "product"),
    entityAttributes(db, "supplier"),
    costsRead,
    currentPolicies(db),
    storedEscalations(db),
    storedEscalationPaths(db),
    deliveriesRead,
    otifMissesByCause(db, dimension, version),
    deliveryMissesByEntity(db, dimension, version),
    dimension === "product" ? stockBySegment(db, version) : null,
    dimension === "product" ? cogsBySegment(db, version, COGS_WEEKS) : null,
    dimension === "product" ? stockAgingBySegment(db, version, AGING_DAYS) : null,
    // Imported NPS / CSAT are customer attributes: the strategic accounts' scores are KPIs of customer segments.
    dimension === "customer" ? entityAttributes(db, "customer") : null,
    productSumsRead,
    pairsRead,
  ]);
  const ceilings = { maxCostToServePct: query.maxCostToServePct, maxWape: query.maxWape };
  const deliveriesBySegment = new Map<string, DeliveryPeriodSums[]>();
  for (const d of deliveries) {
    if (!deliveriesBySegment.has(d.segment)) deliveriesBySegment.set(d.segment, []);
    deliveriesBySegment.get(d.segment)!.push(d);
  }
  const { stored, rateTable, activityVolumes, activityRates, customerCosts } = basis;
  const orders: EntityOrderSums = productSums
    ? { revenue: mapValues(productSums, (s) => s.revenue), costs: mapValues(productSums, (s) => ({ total: s.weighted[0], byActivity: s.weighted.slice(1) })) }
    : { revenue: mapValues(orderSums, (s) => s.revenue), costs: customerCosts };
  const { segments: modelled, forecastHoldoutWeeks } = segmentKpis({
    dimension,
    assignments,
    segment: query.segment,
    weeks: weekly.weeks,
    weeklyUnits: weekly.units,
    pairs,
    orders,
    products,
    suppliers,
    activity: activityVolumes,
    activityRates,
    activityRatesSource: stored ? "stored" : "default",
    deliveriesMeasured: new Set(deliveriesBySegment.keys()),
    ceilings,
    policyOf: segmentPolicies(policies),
  });

  const missesByEntity = new Map<string, Array<{ entityId: string; missedLines: number; shortUnits: number }>>();
  for (const m of entityMisses) {
    if (!missesByEntity.has(m.segment)) missesByEntity.set(m.segment, []);
    missesByEntity.get(m.segment)!.push(m);
  }
  const missCauses = new Map<string, Record<string, number>>();
  for (const m of misses) missCauses.set(m.segment, { ...missCauses.get(m.segment), [m.cause]: m.lines });
  const stockBy = new Map<string, SegmentStockSums>();
  if (stock && cogs) {
    for (const s of stock.segments) stockBy.set(s.segment, { valueSum: s.valueSum, dates: stock.dates, latestValue: s.latestValue, cogs: cogs.segments.get(s.segment) ?? 0, cogsWeeks: cogs.windowWeeks });
  }
  const agingData = aging === null ? null : aging.measured ? { days: AGING_DAYS, from: aging.from, to: aging.to, segments: aging.segments } : { days: AGING_DAYS, reason: aging.reason };
  const measured = modelled.map((s) => withMeasuredKpis(s, { deliveries: deliveriesBySegment, missCauses, missesByEntity, stock: stockBy, aging: agingData }));
  const segments = customers ? withStrategicFeedback(measured, customers) : measured;

  const escalation = escalationWithDefaults(escalations);
  return {
    dimension,
    assignmentsVersion: version,
    policyVersion: policies.version,
    dataWindow: { fromWeek: 1, toWeek: weekly.weeks, forecastHoldoutWeeks },
    assumptions: {
      activityRates: stored ? stored.rates : DEFAULT_ACTIVITY_RATES,
      activityRatesSource: stored ? { source: "stored", version: rateTable!.version } : { source: "default", version: null },
      ceilings,
      escalationSource: escalation.source,
    },
    segments: segments.map(({ drivers: _drivers, policy, ...rest }) => ({
      ...rest,
      policy: policy ? { pattern: policy.pattern, row: policy.row, ownerFunction: policy.policy.ownerFunction } : null,
    })),
    breaches: kpiBreaches(dimension, segments, escalation.table, { paths, asOf }),
  };
}

/* A report per data version: every input has a version (assignments, policies) or bumps the KPI data version when written. */
const CACHE_SIZE = 32;
const cached = new WeakMap<object, Map<string, Promise<KpiReport>>>();

/**
 * kpiReport, served from a snapshot while nothing it reads has changed: the
 * key holds the assignments version, the policy version, the KPI data
 * version (bumped by every import, in its transaction) and the day (rates
 * have valid-from dates). A failed computation is not kept.
 */
export async function cachedKpiReport(db: Executor, query: KpiQuery, asOf: Date = new Date()): Promise<KpiReport> {
  const [version, policyVersion, data] = await Promise.all([currentVersion(db, query.dimension), currentPolicyVersion(db), kpiDataVersion(db)]);
  const key = JSON.stringify([query.dimension, query.segment ?? null, query.maxCostToServePct, query.maxWape, version, policyVersion, data, asOf.toISOString().slice(0, 10)]);
  let reports = cached.get(db);
  if (!reports) cached.set(db, (reports = new Map()));
  const hit = reports.get(key);
  if (hit) return hit;
  const report = kpiReport(db, query, asOf);
  if (reports.size >= CACHE_SIZE) reports.delete(reports.keys().next().value!);
  reports.set(key, report);
  report.catch(() => reports.delete(key));
  return report;
}
