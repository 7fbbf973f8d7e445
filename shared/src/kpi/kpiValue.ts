import { KPI_DIRECTION, type KpiName } from "./schemas";

export type KpiStatus = "met" | "breach" | "no_data" | "no_target";
/** measured from stored data, modelled (a proxy or a model) where the data is absent, or not measured at all */
export type KpiBasis = "measured" | "modelled" | "not_measured";
export type KpiTargetSource =
  | "policy.cycleServiceLevel"
  | "policy.targetFillRate"
  | "policy.inventoryTurnsTarget"
  | "maxCostToServePct"
  | "maxWape"
  | "policy.maxWape"
  | "policy.maxTrackingSignal"
  | "default.maxTrackingSignal"
  | "policy.minNps"
  | "policy.minCsat"
  | "default.minNps"
  | "default.minCsat";

export interface KpiValue {
  kpi: KpiName;
  value: number | null;
  target: number | null;
  /** where the target comes from; null without a target */
  targetSource: KpiTargetSource | null;
  status: KpiStatus;
  basis: KpiBasis;
  note?: string;
  /** measured values per period (YYYY-MM), oldest first: the trend */
  periods?: Array<{ period: string; value: number | null }>;
}

/**
 * Whether a value meets its target in the KPI's direction: a "min" KPI breaches
 * strictly below the target, a "max" KPI strictly above (the rule findBreaches
 * applies); no value or no target cannot be judged.
 *
 * @example kpiStatus("otif", 0.9, 0.95); // "breach"
 */
export function kpiStatus(kpi: KpiName, value: number | null, target: number | null): KpiStatus {
  if (value === null) return "no_data";
  if (target === null) return "no_target";
  return (KPI_DIRECTION[kpi] === "min" ? value < target : value > target) ? "breach" : "met";
}

/** A KPI's value against its target, with its status and a note on how it is measured. */
export function kpiValue(kpi: KpiName, value: number | null, target: number | null, targetSource: KpiTargetSource | null, basis: KpiBasis, note?: string): KpiValue {
  return { kpi, value, target, targetSource: target === null ? null : targetSource, status: kpiStatus(kpi, value, target), basis, ...(note ? { note } : {}) };
}
