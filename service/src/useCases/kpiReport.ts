import type { KpiDimension, KpiQuery } from "../../../shared/src/api";
import { DEFAULT_ACTIVITY_RATES, escalationWithDefaults, kpiBreaches, segmentKpis, segmentPolicies, type EscalationSource, type KpiBreach, type SegmentKpis } from "../../../shared/src/kpi";
import { activityByCustomer } from "../store/activityCounts";
import { entityAttributes } from "../store/entities";
import { storedEscalations } from "../store/kpiEscalations";
import { orderTotalsByPair, weeklyUnitsByEntity } from "../store/orderLines";
import type { Executor } from "./context";
import { assignmentsAt, currentVersion } from "./masterData";
import { currentPolicies } from "./policies";

export interface KpiReport {
  dimension: KpiDimension;
  assignmentsVersion: number;
  policyVersion: number;
  dataWindow: { fromWeek: number; toWeek: number; forecastHoldoutWeeks: number };
  assumptions: { activityRates: Readonly<Record<string, number>>; ceilings: { maxCostToServePct: number; maxWape: number }; escalationSource: EscalationSource };
  segments: Array<Omit<SegmentKpis, "drivers" | "policy"> & { policy: { pattern: string; row: number; ownerFunction: string } | null }>;
  breaches: Array<KpiBreach & { dimension: KpiDimension }>;
}

/**
 * KPIs per segment of the current assignments vs the policy targets, and the
 * breaches with owner, escalation and drivers: the store's sums of the order
 * history through shared/src/kpi, where the definitions and proxies are.
 */
export async function kpiReport(db: Executor, query: KpiQuery): Promise<KpiReport> {
  const dimension = query.dimension;
  const version = await currentVersion(db, dimension);
  const [assignments, weekly, pairs, products, suppliers, activity, policies, escalations] = await Promise.all([
    assignmentsAt(db, dimension, version),
    weeklyUnitsByEntity(db, dimension),
    orderTotalsByPair(db),
    entityAttributes(db, "product"),
    entityAttributes(db, "supplier"),
    activityByCustomer(db),
    currentPolicies(db),
    storedEscalations(db),
  ]);
  const ceilings = { maxCostToServePct: query.maxCostToServePct, maxWape: query.maxWape };
  const { segments, forecastHoldoutWeeks } = segmentKpis({
    dimension,
    assignments,
    segment: query.segment,
    weeks: weekly.weeks,
    weeklyUnits: weekly.units,
    pairs,
    products,
    suppliers,
    activity,
    activityRates: DEFAULT_ACTIVITY_RATES,
    ceilings,
    policyOf: segmentPolicies(policies),
  });
  const escalation = escalationWithDefaults(escalations);
  return {
    dimension,
    assignmentsVersion: version,
    policyVersion: policies.version,
    dataWindow: { fromWeek: 1, toWeek: weekly.weeks, forecastHoldoutWeeks },
    assumptions: { activityRates: DEFAULT_ACTIVITY_RATES, ceilings, escalationSource: escalation.source },
    segments: segments.map(({ drivers: _drivers, policy, ...rest }) => ({
      ...rest,
      policy: policy ? { pattern: policy.pattern, row: policy.row, ownerFunction: policy.policy.ownerFunction } : null,
    })),
    breaches: kpiBreaches(dimension, segments, escalation.table),
  };
}
