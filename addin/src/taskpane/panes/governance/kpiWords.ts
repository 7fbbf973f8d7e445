import type { KpiValue } from "../../../../../shared/src/api";
import { DEFAULT_MAX_TRACKING_SIGNAL } from "../../../../../shared/src/kpi/segmentTrackingSignal";
import { DEFAULT_MIN_CSAT, DEFAULT_MIN_NPS } from "../../../../../shared/src/kpi/strategicFeedback";
import { formatCount, numberFormat } from "../recommendations/format";

/*
 * KPI names, values and targets as a steering committee reads them. The wire
 * names are identifiers (`cost_to_serve_pct`); the unit follows the KPI: a
 * share as a percentage, turns as "× a year", days as days. A KPI the
 * service adds later is named from its identifier and shown by its unit
 * guessed from the name, rather than dropped.
 */

type KpiUnit = "share" | "turns" | "days" | "money" | "signal" | "score";

const KNOWN: Record<string, { label: string; unit: KpiUnit }> = {
  otif: { label: "OTIF", unit: "share" },
  fill_rate: { label: "Fill rate", unit: "share" },
  inventory_turns: { label: "Inventory turns", unit: "turns" },
  cost_to_serve_pct: { label: "Cost-to-serve", unit: "share" },
  forecast_wape: { label: "Forecast error (WAPE)", unit: "share" },
  days_of_supply: { label: "Days of supply", unit: "days" },
  // A share of stock value older than the aging threshold, not a number of days.
  stock_aging: { label: "Aged stock (share of value)", unit: "share" },
  // |CFE / MAD|: how many mean absolute deviations the errors have run one way.
  tracking_signal: { label: "Forecast bias (tracking signal)", unit: "signal" },
  nps: { label: "NPS (strategic accounts)", unit: "score" },
  csat: { label: "CSAT (strategic accounts)", unit: "score" },
};

/** "days_of_supply" → "Days of supply". */
export function words(id: string): string {
  const text = id.replace(/_/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unitOf(kpi: string): KpiUnit {
  const known = KNOWN[kpi];
  if (known) return known.unit;
  if (/days|aging|age/.test(kpi)) return "days";
  if (/turns/.test(kpi)) return "turns";
  if (/value|cost(?!.*pct)/.test(kpi)) return "money";
  return "share";
}

export const kpiLabel = (kpi: string): string => KNOWN[kpi]?.label ?? words(kpi);

/** A share with one decimal everywhere, so a column lines up: "9.0%" beside "34.4%". */
export const formatShare = (x: number): string => numberFormat(x, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A KPI's value in its unit: "88.1%", "20.0× a year", "12 days", "1,234". */
export function formatKpi(kpi: string, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "no data";
  switch (unitOf(kpi)) {
    case "share":
      return formatShare(value);
    case "turns":
      return `${numberFormat(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}× a year`;
    case "days":
      return `${numberFormat(value, { maximumFractionDigits: 1 })} days`;
    case "money":
      return formatCount(value);
    case "signal":
      return `${numberFormat(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MAD`;
    case "score":
      return numberFormat(value, { maximumFractionDigits: 1 });
  }
}

/** Service KPIs (OTIF, fill rate, turns) must reach their target; cost and error must stay under it. */
export const goodHigh = (kpi: string): boolean => !["cost_to_serve_pct", "forecast_wape", "tracking_signal"].includes(kpi) && !/cost|wape|error|aging|days|signal/.test(kpi);

/** "target ≥ 98.0%" or "target ≤ 12.0%", or why there is none. */
export function formatTarget(kpi: string, target: number | null): string {
  if (target === null) return "no target";
  return `target ${goodHigh(kpi) ? "≥" : "≤"} ${formatKpi(kpi, target)}`;
}

export const STATUS_WORDS: Record<KpiValue["status"], string> = { met: "met", breach: "breach", no_data: "no data", no_target: "no target" };

/** Where a target comes from, in words. */
export function targetSourceWords(source: KpiValue["targetSource"]): string | undefined {
  switch (source) {
    case "policy.cycleServiceLevel":
      return "the policy's cycle service level";
    case "policy.targetFillRate":
      return "the policy's target fill rate";
    case "policy.inventoryTurnsTarget":
      return "the policy's turns target";
    case "maxCostToServePct":
      return "the cost-to-serve ceiling";
    case "maxWape":
      return "the forecast-error ceiling";
    case "policy.maxWape":
      return "the policy's forecast-error ceiling";
    case "policy.maxTrackingSignal":
      return "the policy's tracking-signal limit";
    case "default.maxTrackingSignal":
      return `a default limit of ${DEFAULT_MAX_TRACKING_SIGNAL} MAD (the policy sets none)`;
    case "policy.minNps":
      return "the policy's minimum NPS";
    case "policy.minCsat":
      return "the policy's minimum CSAT";
    case "default.minNps":
      return `a default of NPS ${DEFAULT_MIN_NPS} (the policy sets none)`;
    case "default.minCsat":
      return `a default of CSAT ${DEFAULT_MIN_CSAT} (the policy sets none)`;
    default:
      return undefined;
  }
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** An ISO time in the reader's words: "4 Dec 2026, 07:02". */
export const formatWhen = (iso: string): string => (Number.isNaN(Date.parse(iso)) ? iso : dateTime.format(new Date(iso)));
/** A YYYY-MM-DD date, read as a calendar day (not shifted by the time zone). */
export const formatDay = (day: string): string => (Number.isNaN(Date.parse(day)) ? day : dateOnly.format(new Date(`${day.slice(0, 10)}T00:00:00Z`)));
