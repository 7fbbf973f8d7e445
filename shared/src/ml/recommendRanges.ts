import { DomainError } from "../errors";

export interface TypicalRange {
  members: number;
  /** percentiles of the members' values (Hyndman & Fan type 7) */
  p10: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
}

/**
 * The typical range of a feature in each segment, from the segment's current
 * members: the 10th–90th percentile band, the quartiles and the median, with the linear
 * interpolation of Hyndman & Fan (1996, "Sample quantiles in statistical
 * packages", definition 7, R's default). Missing values (null, NaN) are left
 * out; a segment with no known value has no range.
 *
 * @throws DomainError (`segments`) when the two arrays differ in length
 * @example typicalRanges([1, 2, 3, 4, 5], ["A", "A", "A", "A", "A"]).get("A"); // { members: 5, p10: 1.4, p25: 2, median: 3, p75: 4, p90: 4.6 }
 */
export function typicalRanges(values: ReadonlyArray<number | null>, segments: readonly string[]): Map<string, TypicalRange> {
  if (values.length !== segments.length) throw new DomainError("segments", `expected ${values.length} segments (one per value), got ${segments.length}`);
  const groups = new Map<string, number[]>();
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    const g = groups.get(segments[i]);
    if (g) g.push(v);
    else groups.set(segments[i], [v]);
  });
  const out = new Map<string, TypicalRange>();
  for (const [segment, g] of groups) {
    g.sort((a, b) => a - b);
    out.set(segment, { members: g.length, p10: quantile(g, 0.1), p25: quantile(g, 0.25), median: quantile(g, 0.5), p75: quantile(g, 0.75), p90: quantile(g, 0.9) });
  }
  return out;
}

/** Type-7 quantile of sorted values: x[h] interpolated at h = (n − 1)q. */
function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
