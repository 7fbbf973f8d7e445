import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { checkPointMatrix } from "../ml/checkPointMatrix";
import { silhouette } from "../ml/silhouette";
import { mustBe } from "../validation";

export const segmentHealthOptionsSchema = z.object({
  /** a segment with fewer members is flagged too small */
  minSize: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).default(3),
  /** a pair whose Davies–Bouldin ratio (Sᵢ + Sⱼ)/Mᵢⱼ reaches this is too similar to keep apart */
  similarityRatio: z.number(mustBe.number).finite(mustBe.number).gt(0, mustBe.above(0)).default(1),
  /** rows scored exactly by the silhouette; above it a seeded sample */
  sampleSize: z.number(mustBe.number).int(mustBe.wholeNumber).min(2).default(2000),
  seed: z.number(mustBe.number).int(mustBe.wholeNumber).min(0).default(0),
});
export type SegmentHealthOptions = z.input<typeof segmentHealthOptionsSchema>;

export interface SegmentHealthRow {
  segment: string;
  size: number;
  /** mean silhouette s(i) of the members; null for a segment alone or with no scored member */
  silhouette: number | null;
  /** Sᵢ: root mean squared distance of the members to their centroid (standardised units) */
  spread: number;
  tooSmall: boolean;
  /** the segment whose centroid is nearest, and the distance */
  nearest: { segment: string; distance: number } | null;
}

export interface SimilarPair {
  segments: [string, string];
  centroidDistance: number;
  /** (Sᵢ + Sⱼ) / Mᵢⱼ: above 1 the spreads overlap the gap between the centroids */
  ratio: number;
}

export interface SegmentHealth {
  /** mean silhouette over every scored row; null with fewer than 2 segments */
  silhouette: number | null;
  sampled: boolean;
  segments: SegmentHealthRow[];
  similarPairs: SimilarPair[];
  suggestions: string[];
}

/**
 * Whether current segments are distinct in behaviour. Per segment: size, the
 * mean silhouette of its members (Rousseeuw 1987, via ml/silhouette) and its
 * spread Sᵢ = √(mean ‖x − cᵢ‖²) (Davies & Bouldin (1979), "A Cluster
 * Separation Measure", IEEE TPAMI 1(2), 224–227, Sᵢ with q = 2). A pair is too
 * similar to keep apart when Rᵢⱼ = (Sᵢ + Sⱼ) / Mᵢⱼ ≥ `similarityRatio`, Mᵢⱼ
 * the distance between centroids (their Rᵢⱼ, Definition 5): at 1 the typical
 * member lies as far from its own centroid as the centroids lie apart; a
 * segment under `minSize` is too small. Suggestions: merge similar pairs,
 * fold small segments into the nearest one, and review segments whose mean
 * silhouette is negative (their members sit closer to another segment).
 * Points are expected standardised (ml/preprocessFeatures) so no unit dominates.
 *
 * @param points n × d row-major, finite
 * @param labels one segment name per row
 * @throws DomainError naming `points[i]`, `labels` (length) or an option
 * @example
 * segmentHealth(new Float64Array([0, 1, 10, 11]), 4, 1, ["A", "A", "B", "B"]).similarPairs; // []: S = 0.5 each, M = 10, R = 0.1
 */
export function segmentHealth(points: Float64Array, n: number, d: number, labels: readonly string[], options: SegmentHealthOptions = {}): SegmentHealth {
  const o = parseWith(segmentHealthOptionsSchema, options, "options");
  checkPointMatrix(points, n, d, 1);
  if (labels.length !== n) throw new DomainError("labels", `expected ${n} labels (one per row), got ${labels.length}`);
  labels.forEach((l, i) => {
    if (typeof l !== "string" || l.trim() === "") throw new DomainError(`labels[${i}]`, "expected a segment name", "missing");
  });
  const names = [...new Set(labels)].sort();
  const k = names.length;
  const index = new Map(names.map((s, c) => [s, c]));
  const codes = Int32Array.from(labels, (l) => index.get(l)!);
  const size = new Float64Array(k);
  const centroid = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    size[codes[i]]++;
    for (let t = 0; t < d; t++) centroid[codes[i] * d + t] += points[i * d + t];
  }
  for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) centroid[c * d + t] /= size[c];
  const squared = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) squared[codes[i]] += (points[i * d + t] - centroid[codes[i] * d + t]) ** 2;
  }
  const spread = Array.from(squared, (s, c) => Math.sqrt(s / size[c]));
  const distance = (a: number, b: number) => {
    let s = 0;
    for (let t = 0; t < d; t++) s += (centroid[a * d + t] - centroid[b * d + t]) ** 2;
    return Math.sqrt(s);
  };
  const sil = k >= 2 ? silhouette(points, n, d, codes, k, { sampleSize: o.sampleSize, seed: o.seed }) : null;

  const similarPairs: SimilarPair[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const m = distance(a, b);
      const ratio = m > 0 ? (spread[a] + spread[b]) / m : Infinity;
      if (ratio >= o.similarityRatio) similarPairs.push({ segments: [names[a], names[b]], centroidDistance: m, ratio });
    }
  }
  similarPairs.sort((x, y) => y.ratio - x.ratio || x.segments[0].localeCompare(y.segments[0]) || x.segments[1].localeCompare(y.segments[1]));

  const segments: SegmentHealthRow[] = names.map((segment, c) => {
    let nearest: SegmentHealthRow["nearest"] = null;
    for (let other = 0; other < k; other++) {
      if (other === c) continue;
      const m = distance(c, other);
      if (!nearest || m < nearest.distance) nearest = { segment: names[other], distance: m };
    }
    return { segment, size: size[c], silhouette: sil && size[c] > 1 ? sil.perCluster[c] : null, spread: spread[c], tooSmall: size[c] < o.minSize, nearest };
  });

  const suggestions: string[] = [];
  for (const p of similarPairs) {
    suggestions.push(
      `merge ${p.segments[0]} and ${p.segments[1]}: their spreads overlap the distance between them (ratio ${p.ratio.toFixed(2)} ≥ ${o.similarityRatio}), so their policies treat alike entities differently`,
    );
  }
  for (const s of segments) {
    if (s.tooSmall)
      suggestions.push(`${s.segment} has ${s.size} member${s.size === 1 ? "" : "s"} (< ${o.minSize}): fold it into ${s.nearest ? `the nearest segment, ${s.nearest.segment}` : "another segment"} or widen its definition`);
    if (s.silhouette !== null && s.silhouette < 0)
      suggestions.push(`${s.segment} has a negative mean silhouette (${s.silhouette.toFixed(2)}): its members are closer to another segment than to each other, so review its boundaries`);
  }
  return { silhouette: sil ? sil.mean : null, sampled: sil?.sampled ?? false, segments, similarPairs, suggestions };
}
