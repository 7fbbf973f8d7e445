import { z } from "zod";
import { costToServe } from "../../../shared/src/cost";
import { DomainError } from "../../../shared/src/errors";
import { selectForecastModel } from "../../../shared/src/forecasting";
import {
  OTIF_CAUSES,
  findBreaches,
  lineFillRate,
  modelledTurns,
  otifByCause,
  pooledWape,
  rankDrivers,
  type Breach,
  type DeliveryRow,
  type EscalationTable,
  type KpiMeasurement,
  type KpiName,
  type RankedDriver,
  type TurnsInput,
} from "../../../shared/src/kpi";
import { PolicyTable, type ResolvedPolicy } from "../../../shared/src/segmentation/policyTable";
import type { Executor } from "./context";
import { assignmentsAt, currentVersion } from "./masterData";
import { currentPolicies } from "./policies";

export const KPI_DIMENSIONS = ["product", "customer"] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

/**
 * Activity rates (money per driver unit) used for cost-to-serve while no rate
 * table is stored: illustrative distribution-business figures, stated in every
 * report so no one mistakes them for measured costs. Drivers are the
 * activity_counts columns.
 */
export const DEFAULT_ACTIVITY_RATES: Record<string, number> = {
  orders: 12,
  order_lines: 1.5,
  deliveries: 35,
  units_picked: 0.08,
  returns: 18,
  sales_visits: 120,
  special_handling: 25,
  kg_km: 0.0004,
};

/** Targets the policy table does not carry: cost-to-serve and forecast error ceilings, overridable per request. */
export const DEFAULT_CEILINGS = { maxCostToServePct: 0.12, maxWape: 0.5 };

/** Escalation used for an owner function with no stored row. */
export const DEFAULT_ESCALATION: EscalationTable = {
  "supply chain": [
    { level: 1, contact: "supply chain planner", afterDays: 0 },
    { level: 2, contact: "supply chain manager", afterDays: 7 },
    { level: 3, contact: "head of supply chain", afterDays: 21 },
  ],
  sales: [
    { level: 1, contact: "account manager", afterDays: 0 },
    { level: 2, contact: "sales director", afterDays: 7 },
  ],
  finance: [
    { level: 1, contact: "financial controller", afterDays: 0 },
    { level: 2, contact: "finance director", afterDays: 14 },
  ],
};

/** "products"/"customers" are accepted as aliases, as elsewhere in the API. */
export const kpiDimensionSchema = z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase().replace(/s$/, "") : v), z.enum(KPI_DIMENSIONS, "must be product or customer"));

export const kpiQuerySchema = z.object({
  dimension: kpiDimensionSchema.default("product"),
  segment: z.string().trim().min(1, "may not be blank").max(100).optional(),
  maxCostToServePct: z.coerce.number("must be a number").gt(0, "must be > 0").max(10, "must be <= 10").default(DEFAULT_CEILINGS.maxCostToServePct),
  maxWape: z.coerce.number("must be a number").gt(0, "must be > 0").max(10, "must be <= 10").default(DEFAULT_CEILINGS.maxWape),
});
export type KpiQuery = z.output<typeof kpiQuerySchema>;

export interface KpiValue {
  kpi: KpiName;
  value: number | null;
  target: number | null;
  /** where the target comes from */
  targetSource: "policy.cycleServiceLevel" | "policy.targetFillRate" | "policy.inventoryTurnsTarget" | "maxCostToServePct" | "maxWape" | null;
  status: "met" | "breach" | "no_data" | "no_target";
  note?: string;
}

interface SegmentFacts {
  segment: string;
  entities: string[];
  policy: ResolvedPolicy | null;
  policyError: string | null;
  kpis: KpiValue[];
  drivers: Partial<Record<KpiName, Record<string, RankedDriver[] | Record<string, number | null>>>>;
}

const num = (v: unknown, fallback: number) => {
  const x = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(x) ? x : fallback;
};

/** Everything the KPIs read, loaded once per request. */
async function loadFacts(db: Executor) {
  const [lines, entities, activity, policies] = await Promise.all([
    db.selectFrom("order_lines").select(["customer_id", "product_id", "week", "qty", "price", "cost", "lines", "deliveries", "returns"]).execute(),
    db.selectFrom("entities").select(["dimension", "id", "attributes"]).where("dimension", "in", ["product", "supplier", "customer"]).execute(),
    db.selectFrom("activity_counts").select(["customer_id", "drivers"]).execute(),
    currentPolicies(db),
  ]);
  const attrs = new Map(entities.map((e) => [`${e.dimension}:${e.id}`, JSON.parse(e.attributes) as Record<string, unknown>]));
  const drivers = new Map(activity.map((a) => [a.customer_id, JSON.parse(a.drivers) as Record<string, unknown>]));
  let weeks = 0;
  for (const l of lines) weeks = Math.max(weeks, Number(l.week));
  return { lines, attrs, drivers, policies, weeks };
}

type Facts = Awaited<ReturnType<typeof loadFacts>>;

function status(value: number | null, target: number | null, direction: "min" | "max"): KpiValue["status"] {
  if (value === null) return "no_data";
  if (target === null) return "no_target";
  return (direction === "min" ? value < target : value > target) ? "breach" : "met";
}

/** The weekly units of each entity, weeks 1 … W. */
function weeklyUnits(facts: Facts, key: "customer_id" | "product_id"): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const l of facts.lines) {
    let s = out.get(l[key]);
    if (!s) out.set(l[key], (s = new Float64Array(facts.weeks)));
    s[Number(l.week) - 1] += Number(l.qty);
  }
  return out;
}

/**
 * Out-of-sample forecast error per entity: a model selected on all but the
 * last `holdout` weeks forecasts them (as forecastDemoCompany does per product).
 */
function holdoutForecasts(series: Map<string, Float64Array>, weeks: number) {
  const holdout = Math.min(13, Math.floor(weeks / 3));
  const out = new Map<string, { actual: number[]; forecast: number[] }>();
  if (holdout < 1 || weeks - holdout < 8) return { holdout: 0, byEntity: out };
  for (const [id, s] of series) {
    const selection = selectForecastModel(s.subarray(0, weeks - holdout), { horizon: holdout, holdout: Math.min(13, holdout) });
    out.set(id, { actual: Array.from(s.subarray(weeks - holdout)), forecast: selection.model.forecast.slice(0, holdout) });
  }
  return { holdout, byEntity: out };
}

export interface KpiReport {
  dimension: KpiDimension;
  assignmentsVersion: number;
  policyVersion: number;
  dataWindow: { fromWeek: number; toWeek: number; forecastHoldoutWeeks: number };
  assumptions: { activityRates: Record<string, number>; ceilings: { maxCostToServePct: number; maxWape: number }; escalationSource: "stored" | "default" | "stored+default" };
  segments: Array<Omit<SegmentFacts, "drivers" | "policy"> & { policy: { pattern: string; row: number; ownerFunction: string } | null }>;
  breaches: Array<Breach & { id: string; dimension: KpiDimension; drivers: Record<string, unknown> }>;
}

/** The escalation table: stored rows win, the defaults cover owner functions with none. */
export async function escalationTable(db: Executor): Promise<{ table: EscalationTable; source: KpiReport["assumptions"]["escalationSource"] }> {
  const rows = await db.selectFrom("kpi_escalations").select(["owner_function", "levels"]).execute();
  const table: EscalationTable = { ...DEFAULT_ESCALATION };
  for (const r of rows) table[r.owner_function] = JSON.parse(r.levels);
  return { table, source: rows.length === 0 ? "default" : Object.keys(DEFAULT_ESCALATION).every((k) => rows.some((r) => r.owner_function === k)) ? "stored" : "stored+default" };
}

/**
 * KPIs per segment of the current assignments vs the policy targets, and the
 * breaches with owner, escalation and drivers. Definitions and proxies are in
 * shared/src/kpi; the service only groups the stored rows by segment.
 */
export async function kpiReport(db: Executor, query: KpiQuery): Promise<KpiReport> {
  const dimension = query.dimension;
  const version = await currentVersion(db, dimension);
  const assignments = await assignmentsAt(db, dimension, version);
  const segmentOf = new Map(assignments.map((a) => [a.entityId, a.segment]));
  const facts = await loadFacts(db);
  const escalation = await escalationTable(db);
  let table: PolicyTable | null = null;
  let tableError: string | null = facts.policies.version === 0 ? "no policy table is stored" : null;
  if (facts.policies.version > 0) {
    try {
      table = new PolicyTable(facts.policies.rows);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      tableError = error.message;
    }
  }
  const entityKey = dimension === "product" ? "product_id" : "customer_id";

  // Per-row inputs of the delivery KPIs: the supplier's on-time rate and the customer's order-change rate.
  const supplierOnTime = (productId: string) => {
    const supplier = facts.attrs.get(`product:${productId}`)?.supplier_id;
    const rate = num(facts.attrs.get(`supplier:${String(supplier)}`)?.on_time_rate, 1);
    return Math.min(1, Math.max(0, rate));
  };
  const changeRate = (customerId: string) => {
    const d = facts.drivers.get(customerId);
    const orders = num(d?.orders, 0);
    return orders > 0 ? Math.min(1, Math.max(0, num(d?.special_handling, 0) / orders)) : 0;
  };

  // Cost-to-serve per customer (activity based), spread over its rows by their share of its lines for products.
  const customers = [...facts.drivers.keys()].sort();
  const activities = Object.keys(DEFAULT_ACTIVITY_RATES);
  const cts = costToServe(
    customers.map((c) => activities.map((a) => Math.max(0, num(facts.drivers.get(c)?.[a], 0)))),
    { rates: activities.map((a) => DEFAULT_ACTIVITY_RATES[a]) },
    { ids: customers, activities },
  );
  const ctsOf = new Map(customers.map((c, i) => [c, { total: cts.total[i], byActivity: cts.byActivity[i] }]));
  const customerLines = new Map<string, number>();
  for (const l of facts.lines) customerLines.set(l.customer_id, (customerLines.get(l.customer_id) ?? 0) + Number(l.lines));

  const series = weeklyUnits(facts, entityKey);
  const forecasts = holdoutForecasts(series, facts.weeks);

  const bySegment = new Map<string, { entities: Set<string>; rows: typeof facts.lines }>();
  for (const a of assignments) {
    if (!bySegment.has(a.segment)) bySegment.set(a.segment, { entities: new Set(), rows: [] });
    bySegment.get(a.segment)!.entities.add(a.entityId);
  }
  for (const l of facts.lines) {
    const s = segmentOf.get(l[entityKey]);
    if (s !== undefined) bySegment.get(s)!.rows.push(l);
  }

  const segments: SegmentFacts[] = [];
  for (const [segment, { entities, rows }] of [...bySegment].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (query.segment !== undefined && segment !== query.segment) continue;
    let policy: ResolvedPolicy | null = null;
    let policyError = tableError;
    if (table) {
      try {
        policy = table.resolve(segment);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        policyError = error.message;
      }
    }
    const drivers: SegmentFacts["drivers"] = {};
    const delivery: DeliveryRow[] = rows.map((l) => ({ lines: Number(l.lines), deliveries: Number(l.deliveries), supplierOnTimeRate: supplierOnTime(l.product_id), orderChangeRate: changeRate(l.customer_id) }));
    const otif = otifByCause(delivery);
    const missedBy = new Map<string, number>();
    const splitBy = new Map<string, number>();
    rows.forEach((l, r) => {
      const single = otifByCause([delivery[r]]);
      const missed = (single.misses.stock_out ?? 0) + (single.misses.supplier_late ?? 0) + (single.misses.order_changed ?? 0);
      missedBy.set(l[entityKey], (missedBy.get(l[entityKey]) ?? 0) + missed);
      splitBy.set(l[entityKey], (splitBy.get(l[entityKey]) ?? 0) + Math.min(delivery[r].lines, Math.max(0, delivery[r].deliveries - delivery[r].lines)));
    });
    drivers.otif = {
      causes: Object.fromEntries(OTIF_CAUSES.map((c) => [c, otif.misses[c]])),
      causeShares: Object.fromEntries(OTIF_CAUSES.map((c) => [c, otif.shares[c]])),
      entities: rankDrivers([...missedBy].map(([id, value]) => ({ id, value }))),
    };
    drivers.fill_rate = { entities: rankDrivers([...splitBy].map(([id, value]) => ({ id, value }))) };

    let turns: number | null = null;
    let turnsNote: string | undefined;
    if (dimension === "customer") {
      turnsNote = "inventory is held per product, not per customer";
    } else if (!policy) {
      turnsNote = "the policy (review period, service level) is needed to model the average inventory";
    } else {
      const items: TurnsInput[] = [...entities].sort().map((id) => {
        const s = series.get(id) ?? new Float64Array(facts.weeks);
        const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
        const sd = s.length > 1 ? Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / (s.length - 1)) : 0;
        const p = facts.attrs.get(`product:${id}`) ?? {};
        const supplier = facts.attrs.get(`supplier:${String(p.supplier_id)}`) ?? {};
        return {
          itemId: id,
          demandMean: mean,
          demandSd: sd,
          unitCost: Math.max(0, num(p.unit_cost, 0)),
          leadTime: Math.max(0, num(supplier.lead_time_mean_days, 7)) / 7,
          leadTimeSd: Math.max(0, num(supplier.lead_time_sd_days, 0)) / 7,
          reviewPeriod: policy!.policy.reviewPeriodDays / 7,
          cycleServiceLevel: policy!.policy.cycleServiceLevel,
          inventoryTurnsTarget: policy!.policy.inventoryTurnsTarget,
        };
      });
      const modelled = modelledTurns(items);
      turns = modelled.turns;
      turnsNote = "modelled: annual COGS / (cycle stock d·R/2 + safety stock) at the segment's policy; stock levels are not stored";
      drivers.inventory_turns = { excessItems: rankDrivers(modelled.items.map((i) => ({ id: i.itemId, value: Math.max(0, i.excessValue) }))) };
    }

    let revenue = 0;
    let cost = 0;
    const costBy = new Map<string, number>();
    const activityCost = new Float64Array(activities.length);
    for (const l of rows) revenue += Number(l.qty) * Number(l.price);
    if (dimension === "customer") {
      for (const id of entities) {
        const c = ctsOf.get(id);
        if (!c) continue;
        cost += c.total;
        costBy.set(id, c.total);
        c.byActivity.forEach((v, j) => (activityCost[j] += v));
      }
    } else {
      for (const l of rows) {
        const c = ctsOf.get(l.customer_id);
        const total = customerLines.get(l.customer_id) ?? 0;
        if (!c || total === 0) continue;
        const share = Number(l.lines) / total;
        cost += c.total * share;
        costBy.set(l.product_id, (costBy.get(l.product_id) ?? 0) + c.total * share);
        c.byActivity.forEach((v, j) => (activityCost[j] += v * share));
      }
    }
    drivers.cost_to_serve_pct = {
      activities: rankDrivers(activities.map((a, j) => ({ id: a, value: activityCost[j] })), activities.length),
      entities: rankDrivers([...costBy].map(([id, value]) => ({ id, value }))),
    };

    const wapeSeries = [...entities].sort().flatMap((id) => {
      const f = forecasts.byEntity.get(id);
      return f ? [f] : [];
    });
    const wape = wapeSeries.length ? pooledWape(wapeSeries) : null;
    drivers.forecast_wape = {
      entities: rankDrivers(
        [...entities].sort().flatMap((id) => {
          const f = forecasts.byEntity.get(id);
          return f ? [{ id, value: f.actual.reduce((s, a, t) => s + Math.abs(a - f.forecast[t]), 0) }] : [];
        }),
      ),
    };

    const p = policy?.policy;
    const kpi = (name: KpiName, value: number | null, target: number | null, targetSource: KpiValue["targetSource"], direction: "min" | "max", note?: string): KpiValue => ({
      kpi: name,
      value,
      target,
      targetSource: target === null ? null : targetSource,
      status: status(value, target, direction),
      ...(note ? { note } : {}),
    });
    segments.push({
      segment,
      entities: [...entities].sort(),
      policy,
      policyError: policy ? null : policyError,
      drivers,
      kpis: [
        kpi("otif", otif.otif, p?.cycleServiceLevel ?? null, "policy.cycleServiceLevel", "min", "line level; misses from back-order splits (stock-out / supplier late) and changed orders; carrier lateness is not measured"),
        kpi("fill_rate", lineFillRate(delivery), p?.targetFillRate ?? null, "policy.targetFillRate", "min", "line fill rate: lines shipped complete in the first delivery"),
        kpi("inventory_turns", turns, p?.inventoryTurnsTarget ?? null, "policy.inventoryTurnsTarget", "min", turnsNote),
        kpi("cost_to_serve_pct", revenue > 0 ? cost / revenue : null, query.maxCostToServePct, "maxCostToServePct", "max", "activity-based cost-to-serve at the stated activity rates / revenue"),
        kpi("forecast_wape", wape, query.maxWape, "maxWape", "max", `pooled WAPE over a ${forecasts.holdout}-week hold-out`),
      ],
    });
  }

  const measurements: KpiMeasurement[] = segments.flatMap((s) =>
    s.kpis.map((k) => ({ segment: s.segment, kpi: k.kpi, value: k.value, target: k.target, owner: s.policy?.policy.ownerFunction ?? "unassigned" })),
  );
  const breaches = findBreaches(measurements, escalation.table).map((b) => ({
    id: breachId(dimension, b.segment, b.kpi),
    dimension,
    ...b,
    drivers: segments.find((s) => s.segment === b.segment)!.drivers[b.kpi] ?? {},
  }));
  return {
    dimension,
    assignmentsVersion: version,
    policyVersion: facts.policies.version,
    dataWindow: { fromWeek: 1, toWeek: facts.weeks, forecastHoldoutWeeks: forecasts.holdout },
    assumptions: { activityRates: DEFAULT_ACTIVITY_RATES, ceilings: { maxCostToServePct: query.maxCostToServePct, maxWape: query.maxWape }, escalationSource: escalation.source },
    segments: segments.map(({ drivers: _drivers, policy, ...rest }) => ({
      ...rest,
      policy: policy ? { pattern: policy.pattern, row: policy.row, ownerFunction: policy.policy.ownerFunction } : null,
    })),
    breaches,
  };
}

/** A breach's stable id: what corrective actions link to. */
export function breachId(dimension: string, segment: string, kpi: string): string {
  return `${dimension}:${segment}:${kpi}`;
}
