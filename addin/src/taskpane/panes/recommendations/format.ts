/*
 * Numbers as people read them in the approver's queue: one set of
 * Intl.NumberFormat instances in the browser's locale (the workbook's), so a
 * figure reads the same in every row, summary and dialog.
 */

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const signedWhole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0, signDisplay: "exceptZero" });
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 });
const points = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, signDisplay: "exceptZero" });

/** A count: "1,234". */
export const formatCount = (n: number): string => whole.format(n);

/**
 * A money amount at unit cost. The service stores no currency, so no symbol is
 * invented; whole units with thousands separators, sign shown for a change.
 */
export const formatMoney = (x: number): string => whole.format(x);
export const formatMoneyChange = (x: number): string => withMinus(signedWhole.format(Math.round(x)));

/** A typographic minus (U+2212) for a signed change: "−207" reads as a sign, "-207" as a hyphen. */
const withMinus = (s: string): string => s.replace("-", "\u2212");

/** A share 0…1 as a percentage with at most one decimal: 0.975 → "97.5%". */
export const formatPercent = (x: number): string => percent.format(x);

/** A change of a share 0…1 in percentage points: 0.03 → "+3 pp". */
export const formatPoints = (x: number): string => `${withMinus(points.format(Math.round(x * 1000) / 10))} pp`;

const formats = new Map<string, Intl.NumberFormat>();

/**
 * The formatter shared/src/ml's wording takes (describeRecommendation): the
 * pane's locale, one Intl.NumberFormat per set of options, made once.
 */
export function numberFormat(value: number, options: Intl.NumberFormatOptions = {}): string {
  const key = JSON.stringify(options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(undefined, options)));
  return f.format(value);
}
