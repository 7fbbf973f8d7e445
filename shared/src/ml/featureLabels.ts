/**
 * What a planner reads for each behaviour feature the rules and the model
 * use, and how its values are shown: the one table every view and text
 * takes its words from, so no internal id (margin_pct) reaches a person.
 */
export type FeatureUnit = "money" | "percent" | "ratio" | "count";

export interface FeatureLabel {
  label: string;
  unit: FeatureUnit;
}

export const FEATURE_LABELS: Readonly<Record<string, FeatureLabel>> = {
  revenue: { label: "revenue over the window", unit: "money" },
  margin_pct: { label: "margin", unit: "percent" },
  order_frequency: { label: "share of weeks with an order", unit: "percent" },
  lines_per_order: { label: "lines per order", unit: "count" },
  demand_cov: { label: "demand variability (CoV)", unit: "ratio" },
  returns_rate: { label: "returns rate", unit: "percent" },
  // The rule engine's metrics, under the names the rationale stores them by.
  "revenue per period": { label: "revenue per period", unit: "money" },
  "weekly revenue": { label: "weekly revenue", unit: "money" },
  "CoV of weekly units": { label: "weekly demand variability (CoV of units)", unit: "ratio" },
};

/** The label and unit of a feature; an unknown id is shown with its underscores as spaces. */
export function featureLabel(feature: string): FeatureLabel {
  return Object.hasOwn(FEATURE_LABELS, feature) ? FEATURE_LABELS[feature] : { label: feature.replace(/_/g, " "), unit: "ratio" };
}

/** A number formatter the caller injects (the workbook's locale): `(v, o) => new Intl.NumberFormat(locale, o).format(v)`. */
export type NumberFormat = (value: number, options?: Intl.NumberFormatOptions) => string;

/** Sensible rounding per unit: whole money above 100, percentages to a whole percent (a tenth below 10%), ratios to two decimals. */
export function formatFeatureValue(value: number, unit: FeatureUnit, format: NumberFormat): string {
  switch (unit) {
    case "money":
      return format(value, { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 });
    case "percent":
      return format(value, { style: "percent", maximumFractionDigits: Math.abs(value) < 0.1 && value !== 0 ? 1 : 0 });
    case "count":
      return format(value, { maximumFractionDigits: 1 });
    case "ratio":
      return format(value, { maximumFractionDigits: 2 });
  }
}
