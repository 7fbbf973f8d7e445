import type { PolicyField, PolicyFields, PolicyRow } from "../../../../../shared/src/segmentation/policyTable";

/**
 * How a policy row reads to a planner: each field's name in words and its
 * value formatted as the committee writes it (95 %, 2 days, "Syntetos–Boylan
 * (intermittent)"). The sheet's headers are the fields' own names, so a
 * table written out reads back without a mapping.
 */

const pct = (x: number) => `${(x * 100).toLocaleString("en-US", { maximumFractionDigits: 1 })} %`;
const days = (x: number) => `${x.toLocaleString("en-US", { maximumFractionDigits: 1 })} day${x === 1 ? "" : "s"}`;

export const FORECAST_METHOD_WORDS: Record<PolicyFields["forecastMethod"], string> = {
  auto: "Automatic (best fit)",
  ses: "Simple exponential smoothing",
  holt: "Holt (trend)",
  damped: "Damped trend",
  hw: "Holt–Winters (seasonal)",
  croston: "Croston (intermittent)",
  sba: "Syntetos–Boylan (intermittent)",
  sbj: "Shale–Boylan–Johnston (intermittent)",
  tsb: "Teunter–Syntetos–Babai (intermittent, obsolescence)",
  ma: "Moving average",
  snaive: "Seasonal naive",
};

interface FieldWords {
  label: string;
  show: (value: unknown) => string;
  /** the sheet writes it as a share (Excel's % format) */
  share?: boolean;
}

const text = (v: unknown) => String(v);

export const POLICY_FIELD_WORDS: Record<PolicyField, FieldWords> = {
  cycleServiceLevel: { label: "Cycle service level", show: (v) => pct(Number(v)), share: true },
  targetFillRate: { label: "Fill-rate target", show: (v) => pct(Number(v)), share: true },
  promisedLeadTimeDays: { label: "Promised lead time", show: (v) => days(Number(v)) },
  reviewPeriodDays: { label: "Review period", show: (v) => days(Number(v)) },
  forecastMethod: { label: "Forecast method", show: (v) => FORECAST_METHOD_WORDS[v as PolicyFields["forecastMethod"]] ?? text(v) },
  inventoryTurnsTarget: { label: "Inventory turns target", show: (v) => `${Number(v).toLocaleString("en-US", { maximumFractionDigits: 1 })} a year` },
  supplyMode: {
    label: "Supply",
    show: (v) => (v === "push" ? "Push (build stock to forecast)" : v === "pull" ? "Pull (replenish on demand)" : v === "derive" ? "Derive per item (push/pull rule: lead time vs promise, demand spread)" : text(v)),
  },
  ownerFunction: { label: "Owner", show: text },
  overrideAllowedBy: { label: "May override the forecast", show: (v) => (Array.isArray(v) ? v.join(", ") : text(v)) },
  maxOverridePct: { label: "Override limit", show: (v) => `± ${pct(Number(v))}`, share: true },
  consensusCadence: { label: "Consensus review", show: text },
  maxWape: { label: "WAPE ceiling", show: (v) => pct(Number(v)), share: true },
  maxTrackingSignal: { label: "Tracking-signal limit", show: (v) => `± ${Number(v).toLocaleString("en-US")}` },
  minNps: { label: "Least NPS of strategic accounts", show: (v) => Number(v).toLocaleString("en-US") },
  minCsat: { label: "Least CSAT of strategic accounts", show: (v) => `${Number(v).toLocaleString("en-US")} of 100` },
  forecastReview: { label: "Sales review the forecast", show: (v) => (v === true ? "yes: published to sales to accept or adjust" : "no") },
  forecastLevel: { label: "Forecast level", show: (v) => (v === "family" ? "Family (the category forecast, split by each item's historical share)" : v === "item" ? "Item by item" : text(v)) },
  demandSignal: { label: "Demand signal (customer segments)", show: (v) => (v === "sell-through" ? "Sell-through where the account reports it, shipments elsewhere" : v === "shipments" ? "Shipments" : text(v)) },
};

/** One line for the list: the figures a planner compares between rows. */
export function policySummary(row: PolicyRow): string {
  return [
    `${pct(row.cycleServiceLevel)} cycle service`,
    `${pct(row.targetFillRate)} fill`,
    `promise ${days(row.promisedLeadTimeDays)}`,
    FORECAST_METHOD_WORDS[row.forecastMethod] ?? row.forecastMethod,
    ...(row.forecastLevel === "family" ? ["forecast by family"] : []),
    row.supplyMode,
  ].join(" · ");
}

/** The row's fields that are set, in the table's order, in words. */
export function policyDetails(row: PolicyRow): Array<{ field: PolicyField; label: string; value: string }> {
  return (Object.keys(POLICY_FIELD_WORDS) as PolicyField[]).filter((f) => row[f] !== undefined).map((field) => ({ field, label: POLICY_FIELD_WORDS[field].label, value: POLICY_FIELD_WORDS[field].show(row[field]) }));
}
