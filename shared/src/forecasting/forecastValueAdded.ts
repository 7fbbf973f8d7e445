import { DomainError } from "../errors";

/*
 * Forecast value added (Gilliland, M. 2010, "The Business Forecasting Deal",
 * Wiley, ch. 6): the error of the forecast before a process step minus the
 * error after it. Here the step is the sales review: FVA = error(statistical)
 * − error(reviewed), so a positive FVA means the review made the forecast
 * better, a negative one that it made it worse. Errors are the mean absolute
 * error and WAPE = Σ|A − F| / ΣA (the MAD/mean ratio, Kolassa & Schütz 2007,
 * Foresight 6), both over the same reviewed lines whose actuals are known.
 */

export interface ReviewedLine {
  segment: string;
  /** the statistical forecast published for review */
  statistical: number;
  /** the review's outcome: the statistical figure where sales accepted it (or left it), their quantity where they adjusted it */
  reviewed: number;
  /** what was ordered in the period */
  actual: number;
  adjusted: boolean;
}

export interface ValueAdded {
  /** lines with an actual */
  lines: number;
  adjusted: number;
  actual: number;
  statisticalMae: number;
  reviewedMae: number;
  /** null when the actuals sum to 0 */
  statisticalWape: number | null;
  reviewedWape: number | null;
  /** statisticalMae − reviewedMae */
  fvaMae: number;
  /** statisticalWape − reviewedWape (fraction points); null without actuals */
  fvaWape: number | null;
}

function measure(lines: readonly ReviewedLine[]): ValueAdded {
  let actual = 0;
  let statError = 0;
  let reviewedError = 0;
  let adjusted = 0;
  for (const l of lines) {
    actual += l.actual;
    statError += Math.abs(l.actual - l.statistical);
    reviewedError += Math.abs(l.actual - l.reviewed);
    if (l.adjusted) adjusted++;
  }
  const n = lines.length;
  const statisticalMae = n ? statError / n : 0;
  const reviewedMae = n ? reviewedError / n : 0;
  const statisticalWape = actual > 0 ? statError / actual : null;
  const reviewedWape = actual > 0 ? reviewedError / actual : null;
  return {
    lines: n,
    adjusted,
    actual,
    statisticalMae,
    reviewedMae,
    statisticalWape,
    reviewedWape,
    fvaMae: statisticalMae - reviewedMae,
    fvaWape: statisticalWape === null || reviewedWape === null ? null : statisticalWape - reviewedWape,
  };
}

/** FVA of the review per segment (in segment order) and over all lines. */
export function forecastValueAdded(lines: readonly ReviewedLine[]): { segments: Array<ValueAdded & { segment: string }>; total: ValueAdded } {
  lines.forEach((l, i) => {
    for (const field of ["statistical", "reviewed", "actual"] as const) {
      if (!Number.isFinite(l[field]) || l[field] < 0) throw new DomainError(`lines[${i}].${field}`, `must be a number ≥ 0, got ${l[field]}`);
    }
  });
  const bySegment = new Map<string, ReviewedLine[]>();
  for (const l of lines) bySegment.set(l.segment, [...(bySegment.get(l.segment) ?? []), l]);
  const segments = [...bySegment.keys()].sort().map((segment) => ({ segment, ...measure(bySegment.get(segment)!) }));
  return { segments, total: measure(lines) };
}
