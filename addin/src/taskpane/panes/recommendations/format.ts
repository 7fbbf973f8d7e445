/*
 * Numbers as people read them in the approver's queue: one set of
 * Intl.NumberFormat instances in the browser's locale (the workbook's), so a
 * figure reads the same in every row, summary and dialog.
 */

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const signedWhole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0, signDisplay: "exceptZero" });
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 });
const points = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, signDisplay: "exceptZero" });
const small = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });

/** A count: "1,234". */
export const formatCount = (n: number): string => whole.format(n);

/**
 * A money amount at unit cost. The service stores no currency, so no symbol is
 * invented; whole units with thousands separators, sign shown for a change.
 */
export const formatMoney = (x: number): string => whole.format(x);
export const formatMoneyChange = (x: number): string => signedWhole.format(Math.round(x));

/** A share 0…1 as a percentage with at most one decimal: 0.975 → "97.5%". */
export const formatPercent = (x: number): string => percent.format(x);

/** A change of a share 0…1 in percentage points: 0.03 → "+3 pp". */
export const formatPoints = (x: number): string => `${points.format(Math.round(x * 1000) / 10)} pp`;

/** A feature value: whole numbers from 100 up, three significant digits below. */
export function formatFigure(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 100 ? whole.format(x) : small.format(x);
}

const FEATURE_NAMES: Record<string, string> = {
  revenue: "revenue",
  margin_pct: "margin",
  order_frequency: "order frequency",
  lines_per_order: "lines per order",
  demand_cov: "demand variability (CoV)",
  returns_rate: "returns rate",
};
/** Features that are shares 0…1 on the wire and read as percentages. */
const SHARE_FEATURES = new Set(["margin_pct", "order_frequency", "returns_rate"]);

/** A feature id as words: `margin_pct` → "margin"; names the service already words ("revenue per period") pass through. */
export function featureName(feature: string): string {
  return FEATURE_NAMES[feature] ?? feature.replace(/_pct$/, " %").replace(/_/g, " ");
}

/** A feature's value in its own unit: shares as percentages, the rest as figures. */
export function formatFeatureValue(feature: string, value: number): string {
  return SHARE_FEATURES.has(feature) ? formatPercent(value) : formatFigure(value);
}
