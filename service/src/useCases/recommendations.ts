import type { GenerateRecommendations, RecommendationImpact } from "../../../shared/src/api";
import { DomainError } from "../../../shared/src/errors";
import { safetyStock } from "../../../shared/src/inventory";
import {
  ENTITY_FEATURES,
  entityWeekFeatures,
  periodWeekMetrics,
  realImpact,
  recommendAgainstBaseline,
  typicalRanges,
  type EntityFeature,
  type EntityWeek,
  type BaselineRuleRecommendation,
  type PeriodMetrics,
} from "../../../shared/src/ml";
import { PolicyTable } from "../../../shared/src/segmentation";
import { DEFAULT_ACTIVITY_RATES, customerCostToServe } from "../../../shared/src/kpi";
import { activityByCustomer } from "../store/activityCounts";
import { ratesInForce } from "../store/activityRates";
import { activitiesAtStoredRates } from "./kpiReport";
import { unprocessable } from "../appError";
import { entityAttributes } from "../store/entities";
import { entityWeekSums } from "../store/orderLines";
import { segmentationBaseline } from "./segmentationBaseline";
import type { Executor } from "./context";
import { assignmentsAt, currentVersion, type Assignment } from "./masterData";
import { currentPolicies } from "./policies";

/** A class ladder of the current segmentation and the statistic the segmentation ranked it by. */
interface Part {
  part: "abc" | "xyz" | "tier";
  metricName: string;
  classes: string[];
  direction: "higherIsBetter" | "lowerIsBetter";
  scale: "log" | "linear";
  statistic: "rate" | "cov";
  /** the weekly series the statistic reads */
  series: "revenue" | "units";
}

const PARTS: Record<Part["part"], Part> = {
  abc: { part: "abc", metricName: "weekly revenue", classes: ["A", "B", "C"], direction: "higherIsBetter", scale: "log", statistic: "rate", series: "revenue" },
  xyz: { part: "xyz", metricName: "CoV of weekly units", classes: ["X", "Y", "Z"], direction: "lowerIsBetter", scale: "linear", statistic: "cov", series: "units" },
  // Strategic accounts are placed by a flag, not by behaviour: they are never judged.
  tier: { part: "tier", metricName: "weekly revenue", classes: ["Key", "Core", "Transactional"], direction: "higherIsBetter", scale: "log", statistic: "rate", series: "revenue" },
};

/** Weekly revenue and units per entity, row-major (entity × week, week 1 first). */
function weeklySeries(history: StoredHistory) {
  const n = history.ids.length;
  const index = new Map(history.ids.map((id, i) => [id, i]));
  const revenue = new Float64Array(n * history.weeks);
  const units = new Float64Array(n * history.weeks);
  for (const l of history.entityWeeks) {
    const i = index.get(l.entityId);
    if (i === undefined) continue;
    revenue[i * history.weeks + l.week - 1] += l.revenue;
    units[i * history.weeks + l.week - 1] += l.units;
  }
  return { revenue, units };
}

export interface StoredHistory {
  ids: string[];
  weeks: number;
  /** the order history summed per entity × week */
  entityWeeks: EntityWeek[];
  current: Assignment[];
  attributes: Map<string, Record<string, unknown>>;
}

/** What a recommendation needs from the store: entities, order history, current assignments. */
export async function loadHistory(db: Executor, dimension: "product" | "customer"): Promise<StoredHistory> {
  const attributes = await entityAttributes(db, dimension);
  const { weeks, entityWeeks } = await entityWeekSums(db, dimension);
  if (entityWeeks.length === 0) throw unprocessable("no order history is stored: import order_lines first", [{ field: "order_lines", message: "empty" }]);
  const current = await assignmentsAt(db, dimension, await currentVersion(db, dimension));
  if (current.length === 0) throw unprocessable(`no ${dimension} segmentation has been applied yet: approve one first`, [{ field: "dimension", message: "no assignments" }]);
  return { ids: [...attributes.keys()], weeks, entityWeeks, current, attributes };
}

export interface Proposal {
  entityId: string;
  from: string;
  to: string;
  detail: Record<string, string | number | boolean | null>;
  confidence: number;
  justification: string;
  rationale: unknown[];
  impact: unknown;
}

/**
 * Rule recommendations over the stored history: each part of the current
 * segment (ABC revenue and XYZ CoV for products, the revenue tier for
 * customers) through `recommendAgainstBaseline`, read against the baseline
 * the segmentation that set the classes read (its stored definition and
 * window), then one proposal per entity with every part that moves, its
 * confidence (the lowest of its parts': all must hold), rationale and
 * expected impact.
 */
export async function ruleProposals(db: Executor, dimension: "product" | "customer", request: Pick<GenerateRecommendations, "periodWeeks" | "consecutivePeriods" | "margin" | "parts">) {
  const history = await loadHistory(db, dimension);
  if (request.periodWeeks > history.weeks) {
    throw unprocessable(`periodWeeks ${request.periodWeeks} is longer than the ${history.weeks} weeks of history`, [{ field: "periodWeeks", message: "longer than the history" }]);
  }
  const metrics = periodWeekMetrics(history.ids, history.entityWeeks, history.weeks, request.periodWeeks);
  const byId = new Map(history.current.map((a) => [a.entityId, a]));
  const partNames = (dimension === "product" ? (["abc", "xyz"] as const) : (["tier"] as const)).filter(
    (name) => (request.parts === undefined || request.parts.includes(name)) && history.current.some((a) => typeof a.detail[name] === "string"),
  );
  if (partNames.length === 0) throw unprocessable(`the current ${dimension} segmentation has no ${dimension === "product" ? "abc or xyz" : "tier"} part to judge`, [{ field: "dimension", message: "no rule-based part" }]);
  const examined = request.periodWeeks * (2 * request.consecutivePeriods - 1);
  const baseline = await segmentationBaseline(db, dimension, history.weeks, examined);
  // A history too short to hold a reading window before the weeks examined is read against the run's own weeks,
  // on boundary and margin alone (said in each rationale).
  const w = request.periodWeeks * request.consecutivePeriods;
  const useOwnBand = baseline.window.toWeek - baseline.window.fromWeek + 1 >= w + request.periodWeeks;
  const window0 = useOwnBand ? baseline.window : baseline.runWindow;
  const series = weeklySeries(history);
  const t = history.weeks;
  const moves = new Map<string, Array<{ part: Part; rec: BaselineRuleRecommendation; targetRange: ReturnType<typeof roundRange> | null }>>();
  for (const name of partNames) {
    const part = PARTS[name];
    const weekly = series[part.series];
    const entities = history.ids.map((id, i) => ({
      entityId: id,
      current: String(byId.get(id)?.detail[name] ?? ""),
      weekly: weekly.subarray(i * t, (i + 1) * t),
      // No flag stored (customers have no seasonal column): the rule tests the entity's own baseline for a yearly cycle.
      seasonal: typeof history.attributes.get(id)?.seasonal === "boolean" ? (history.attributes.get(id)!.seasonal as boolean) : undefined,
    }));
    const { recommendations } = recommendAgainstBaseline(entities, {
      metricName: part.metricName,
      statistic: part.statistic,
      classes: part.classes,
      direction: part.direction,
      scale: part.scale,
      cutoffs: name === "xyz" ? baseline.xyzCutoffs : undefined,
      baseline: window0,
      useOwnBand,
      periodWeeks: request.periodWeeks,
      consecutivePeriods: request.consecutivePeriods,
      margin: request.margin,
    });
    if (recommendations.length === 0) continue;
    const stat = (i: number) => {
      const s = weekly.subarray(i * t + window0.fromWeek - 1, i * t + window0.toWeek);
      const mean = s.reduce((a, b) => a + b, 0) / s.length;
      if (part.statistic === "rate") return mean;
      if (!(mean > 0) || s.length < 2) return null;
      return Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / (s.length - 1)) / mean;
    };
    const ranges = typicalRanges(
      history.ids.map((_, i) => stat(i)),
      entities.map((e) => e.current),
    );
    for (const rec of recommendations) {
      const range = ranges.get(rec.to);
      moves.set(rec.entityId, [...(moves.get(rec.entityId) ?? []), { part, rec, targetRange: range ? roundRange(range) : null }]);
    }
  }
  const window = {
    fromWeek: metrics.window.fromWeek,
    toWeek: metrics.window.toWeek,
    periodWeeks: request.periodWeeks,
    periods: metrics.periods,
    baseline: window0,
    baselineFrom: useOwnBand ? baseline.source : "the run's weeks (too short a history for a baseline before the weeks examined)",
  };
  const context = await impactContext(db, dimension, history, metrics, request.periodWeeks * request.consecutivePeriods);
  const proposals: Proposal[] = [];
  for (const [entityId, parts] of moves) {
    const assignment = byId.get(entityId)!;
    const detail: Record<string, string | number | boolean | null> = {};
    // Only the parts survive: the old detail's figures (revenue, shares) describe the old class.
    for (const name of ["abc", "xyz", "tier"]) if (typeof assignment.detail[name] === "string") detail[name] = String(assignment.detail[name]);
    for (const { part, rec } of parts) detail[part.part] = rec.to;
    const to = segmentOf(dimension, detail, assignment.segment);
    const rationale = [
      ...parts.map(({ part, rec, targetRange }) => ({
        feature: part.metricName,
        part: part.part,
        value: round(rec.value),
        targetSegment: rec.to,
        targetRange,
        boundary: round(rec.boundary),
        bound: round(rec.bound),
        periodsPast: rec.periodsPast,
        periodsRead: rec.periodsRead,
        sinceWeek: rec.sinceWeek,
        currentClass: rec.from,
        evidence: rec.evidence.map((e) => ({ period: e.period, value: round(e.value) })),
        pattern: rec.pattern,
        seasonal: rec.seasonal,
        basis: rec.basis,
        ...(Number.isFinite(rec.ownBand.low) && Number.isFinite(rec.ownBand.high) ? { ownBand: { low: round(rec.ownBand.low), high: round(rec.ownBand.high) } } : {}),
      })),
      ...context.supporting(entityId, assignment.segment, to),
    ];
    proposals.push({
      entityId,
      from: assignment.segment,
      to,
      detail,
      confidence: Math.min(...parts.map((x) => x.rec.confidence)),
      justification: parts.map((x) => x.rec.rule).join("; "),
      rationale,
      impact: context.impact(entityId, assignment.segment, to),
    });
  }
  proposals.sort((a, b) => (a.entityId < b.entityId ? -1 : 1));
  return { proposals, window };
}

export function segmentOf(dimension: "product" | "customer", detail: Record<string, unknown>, current: string): string {
  if (dimension === "customer") return String(detail.tier ?? current);
  const abc = typeof detail.abc === "string" ? detail.abc : "";
  const xyz = typeof detail.xyz === "string" ? detail.xyz : "";
  return `${abc}${xyz}` || current;
}

/**
 * The other behaviour features over the window, and the expected impact:
 * safety stock z·σ_d·√L at the two segments' cycle service levels (Chopra &
 * Meindl's σL-free form of `safetyStock`, weekly demand over the latest
 * `recentWeeks` (the weeks the recommendation read: a grower's stock is set
 * by what it sells now, not by its history's mean), the supplier's mean lead
 * time in weeks, one week when none is stored), valued at unit cost; for a
 * customer, its activity-based cost-to-serve (stored counts at the rates in
 * force, else the default rates) as a share of its revenue, against the
 * typical share in its current tier and in the proposed one.
 */
export async function impactContext(db: Executor, dimension: "product" | "customer", history: StoredHistory, metrics: PeriodMetrics, recentWeeks = metrics.windowWeeks) {
  const inWindow = history.entityWeeks.filter((l) => l.week >= metrics.window.fromWeek).map((l) => ({ ...l, week: l.week - metrics.window.fromWeek + 1 }));
  const features = entityWeekFeatures(history.ids, inWindow, metrics.windowWeeks);
  const index = new Map(history.ids.map((id, i) => [id, i]));
  const currentSegment = new Map(history.current.map((a) => [a.entityId, a.segment]));
  const segments = history.ids.map((id) => currentSegment.get(id) ?? "");
  const supportFeatures: EntityFeature[] = ENTITY_FEATURES.filter((f) => f !== "revenue");
  const ranges = new Map(
    supportFeatures.map((f) => [
      f,
      typicalRanges(
        features.map((x) => x[f]),
        segments,
      ),
    ]),
  );
  const costs = dimension === "customer" ? await customerCosts(db, history) : null;
  const policies = await currentPolicies(db);
  const table = policies.rows.length ? new PolicyTable(policies.rows) : undefined;
  const suppliers = await entityAttributes(db, "supplier");
  const policyNotes: string[] = [];
  const policyOf = (segment: string) => {
    try {
      if (!table || !table.match(segment)) {
        policyNotes.push(`no policy row covers ${segment}`);
        return undefined;
      }
      return table.resolve(segment).policy;
    } catch (error) {
      // An ambiguous policy table is the policy owner's to fix; the recommendation still stands without its impact.
      if (error instanceof DomainError) {
        policyNotes.push(`${segment}: ${error.message}`);
        return undefined;
      }
      throw error;
    }
  };
  return {
    supporting(entityId: string, from: string, to: string) {
      const i = index.get(entityId)!;
      const out = [];
      for (const f of supportFeatures) {
        const value = features[i][f];
        const target = ranges.get(f)!.get(to);
        const own = ranges.get(f)!.get(from);
        if (value === null || !target || !own) continue;
        const inTarget = value >= target.p10 && value <= target.p90;
        const outsideOwn = value < own.p10 || value > own.p90;
        if (inTarget && outsideOwn) out.push({ feature: f, value: round(value), targetSegment: to, targetRange: roundRange(target), currentRange: roundRange(own) });
      }
      return out;
    },
    impact(entityId: string, from: string, to: string) {
      policyNotes.length = 0;
      const before = policyOf(from);
      const after = policyOf(to);
      const serviceLevel = { from: before?.cycleServiceLevel ?? null, to: after?.cycleServiceLevel ?? null };
      const fillRate = { from: before?.targetFillRate ?? null, to: after?.targetFillRate ?? null };
      let safetyStockValue: unknown = null;
      if (dimension === "product" && before && after) {
        const i = index.get(entityId)!;
        const w = metrics.windowWeeks;
        const r = Math.max(1, Math.min(recentWeeks, w));
        let sum = 0;
        for (let k = w - r; k < w; k++) sum += metrics.weeklyUnits[i * w + k];
        const mean = sum / r;
        let ss = 0;
        for (let k = w - r; k < w; k++) ss += (metrics.weeklyUnits[i * w + k] - mean) ** 2;
        const sd = r > 1 ? Math.sqrt(ss / (r - 1)) : 0;
        const attributes = history.attributes.get(entityId) ?? {};
        const supplier = suppliers.get(String(attributes.supplier_id ?? ""));
        const leadTimeDays = Number(supplier?.lead_time_mean_days);
        const leadTime = Number.isFinite(leadTimeDays) && leadTimeDays >= 0 ? leadTimeDays / 7 : 1;
        const unitCost = Number(attributes.unit_cost);
        const units = (csl: number) => safetyStock({ demandMean: mean, demandSd: sd, leadTime, serviceLevel: csl });
        const fromUnits = units(before.cycleServiceLevel);
        const toUnits = units(after.cycleServiceLevel);
        const cost = Number.isFinite(unitCost) ? unitCost : null;
        safetyStockValue = {
          units: { from: round(fromUnits), to: round(toUnits) },
          value: cost === null ? null : { from: round(fromUnits * cost), to: round(toUnits * cost), change: round((toUnits - fromUnits) * cost) },
          basis: { weeks: r, weeklyDemandMean: round(mean), weeklyDemandSd: round(sd), leadTimeWeeks: round(leadTime), unitCost: cost, leadTimeFrom: supplier ? "supplier" : "default one week" },
        };
      }
      // Only what would change: "90% → 90%" tells an approver nothing.
      return realImpact({
        safetyStock: safetyStockValue as RecommendationImpact["safetyStock"],
        serviceLevel,
        fillRate,
        ...(costs ? costs.impact(entityId, from, to) : { costToServe: null, costToServeNote: "products: cost-to-serve is a customer's" }),
        ...(policyNotes.length ? { policyNotes: [...policyNotes] } : {}),
      });
    },
  };
}

/** Each customer's cost-to-serve and its share of revenue, and the typical share per current segment. */
async function customerCosts(db: Executor, history: StoredHistory) {
  const activity = await activityByCustomer(db);
  const table = await ratesInForce(db, new Date().toISOString().slice(0, 10));
  const stored = table && table.rates.length ? activitiesAtStoredRates(activity, table.rates) : null;
  // Without activity counts there is nothing to price: each customer's impact says so.
  const costs = activity.size ? customerCostToServe(stored ? stored.volumes : activity, stored ? stored.rates : DEFAULT_ACTIVITY_RATES) : new Map<string, { total: number }>();
  const revenue = new Map<string, number>();
  for (const l of history.entityWeeks) revenue.set(l.entityId, (revenue.get(l.entityId) ?? 0) + l.revenue);
  const share = (id: string) => {
    const cost = costs.get(id)?.total;
    const r = revenue.get(id) ?? 0;
    return cost === undefined || !(r > 0) ? null : cost / r;
  };
  const shares = typicalRanges(
    history.current.map((a) => share(a.entityId)),
    history.current.map((a) => a.segment),
  );
  const rates = stored ? `stored rate table v${table!.version}` : "default rates (no rate table stored)";
  return {
    impact(entityId: string, from: string, to: string) {
      const cost = costs.get(entityId)?.total;
      if (cost === undefined) return { costToServe: null, costToServeNote: "no activity counts are stored for this customer" };
      const own = share(entityId);
      return {
        costToServe: {
          cost: round(cost),
          shareOfRevenue: own === null ? null : round(own),
          typicalShare: { from: shares.get(from) ? round(shares.get(from)!.median) : null, to: shares.get(to) ? round(shares.get(to)!.median) : null },
          rates,
        },
        costToServeNote: "the customer's activity at the rates, as a share of its revenue, against the median share of its current tier and of the proposed one",
      };
    },
  };
}

export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function roundRange(r: { members: number; p10: number; p25: number; median: number; p75: number; p90: number }) {
  return { members: r.members, p10: round(r.p10), p25: round(r.p25), median: round(r.median), p75: round(r.p75), p90: round(r.p90) };
}
