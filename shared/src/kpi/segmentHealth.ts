import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { checkPointMatrix } from "../ml/checkPointMatrix";
import { silhouette } from "../ml/silhouette";
import { mustBe } from "../validation";

export const segmentHealthOptionsSchema = z.object({
  /** a segment with fewer members is flagged too small */
  minSize: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).default(3),
  /**
   * Two segments are suggested for a merge when, on every feature that
   * defines the segmentation, their means differ by less than this many
   * pooled standard deviations (Cohen's d; 0.2 is Cohen's "small" difference).
   */
  maxEffectSize: z.number(mustBe.number).finite(mustBe.number).gt(0, mustBe.above(0)).default(0.2),
  /**
   * A feature defines the segmentation when the segments explain at least
   * this share of its variance (η² = between-segment sum of squares / total;
   * 0.14 is Cohen's "large" effect). Segments cut on revenue and demand CoV
   * are judged on those, not on features they were never meant to separate.
   */
  definingShare: z.number(mustBe.number).finite(mustBe.number).gt(0, mustBe.above(0)).max(1, mustBe.atMost(1)).default(0.14),
  /** rows scored exactly by the silhouette; above it a seeded sample */
  sampleSize: z.number(mustBe.number).int(mustBe.wholeNumber).min(2).default(2000),
  seed: z.number(mustBe.number).int(mustBe.wholeNumber).min(0).default(0),
  /** the columns' names, for the words of the suggestions (default "feature 1" …) */
  featureNames: z.array(z.string()).optional(),
});
export type SegmentHealthOptions = z.input<typeof segmentHealthOptionsSchema>;

export interface SegmentHealthRow {
  segment: string;
  size: number;
  /** mean silhouette s(i) of the members on the defining features; null for a segment alone or with no scored member */
  silhouette: number | null;
  /** Sᵢ: root mean squared distance of the members to their centroid on the defining features (standardised units) */
  spread: number;
  tooSmall: boolean;
  /** the segment whose centroid is nearest on the defining features, and the distance */
  nearest: { segment: string; distance: number } | null;
}

export interface SimilarPair {
  segments: [string, string];
  centroidDistance: number;
  /** Davies–Bouldin (Sᵢ + Sⱼ) / Mᵢⱼ on the defining features: above 1 the spreads overlap the gap between the centroids */
  ratio: number;
  /** the largest Cohen's d over the defining features: how far apart the pair is where it differs most */
  effectSize: number;
  /** the feature of that largest difference */
  feature: string;
}

export interface DefiningFeature {
  feature: string;
  /** η²: the share of the feature's variance the segments explain */
  share: number;
}

export interface SegmentHealth {
  /** mean silhouette over every scored row on the defining features; null with fewer than 2 segments */
  silhouette: number | null;
  sampled: boolean;
  /** the features the segments differ on (η² ≥ definingShare); every feature when none does */
  definingFeatures: DefiningFeature[];
  segments: SegmentHealthRow[];
  /** pairs no defining feature tells apart (every Cohen's d below maxEffectSize), the least different first */
  similarPairs: SimilarPair[];
  suggestions: string[];
}

const fmt = (x: number) => x.toFixed(2);

/**
 * Whether current segments are distinct in behaviour, judged on the features
 * that define them. A feature defines the segmentation when the segments
 * explain a large share of its variance (η², Cohen (1988), Statistical Power
 * Analysis for the Behavioral Sciences, 2nd ed., §8.2: 0.14 "large"), so an
 * ABC-XYZ split is judged on revenue and demand variability rather than on
 * returns it never meant to separate (judged on all six features, all 36 pairs
 * of the demo's nine segments looked alike). Per segment: size, the mean
 * silhouette of its members (Rousseeuw 1987, via ml/silhouette) and its spread
 * Sᵢ = √(mean ‖x − cᵢ‖²) (Davies & Bouldin (1979), IEEE TPAMI 1(2), 224–227).
 * A pair is suggested for a merge only when no defining feature tells it
 * apart: on each, the difference of means is under `maxEffectSize` pooled
 * standard deviations (Cohen's d = |x̄ᵢ − x̄ⱼ| / s_pooled, §2.2: 0.2 "small").
 * Also: segments under `minSize`, and segments whose mean silhouette is
 * negative (members closer to another segment than to their own).
 * Points are expected standardised (ml/preprocessFeatures) so no unit dominates.
 *
 * @param points n × d row-major, finite
 * @param labels one segment name per row
 * @throws DomainError naming `points[i]`, `labels` (length) or an option
 * @example
 * segmentHealth(new Float64Array([0, 1, 10, 11]), 4, 1, ["A", "A", "B", "B"]).similarPairs; // []: d = 10 / 0.71
 */
export function segmentHealth(points: Float64Array, n: number, d: number, labels: readonly string[], options: SegmentHealthOptions = {}): SegmentHealth {
  const o = parseWith(segmentHealthOptionsSchema, options, "options");
  checkPointMatrix(points, n, d, 1);
  if (labels.length !== n) throw new DomainError("labels", `expected ${n} labels (one per row), got ${labels.length}`);
  if (o.featureNames && o.featureNames.length !== d) throw new DomainError("options.featureNames", `expected ${d} names (one per column), got ${o.featureNames.length}`);
  labels.forEach((l, i) => {
    if (typeof l !== "string" || l.trim() === "") throw new DomainError(`labels[${i}]`, "expected a segment name", "missing");
  });
  const featureName = (t: number) => o.featureNames?.[t] ?? `feature ${t + 1}`;
  const names = [...new Set(labels)].sort();
  const k = names.length;
  const index = new Map(names.map((s, c) => [s, c]));
  const codes = Int32Array.from(labels, (l) => index.get(l)!);
  const size = new Float64Array(k);
  for (let i = 0; i < n; i++) size[codes[i]]++;

  // Per segment and feature: mean and sum of squared deviations (two passes, for accuracy).
  const mean = new Float64Array(k * d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[codes[i] * d + t] += points[i * d + t];
  for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) mean[c * d + t] /= size[c];
  const within = new Float64Array(k * d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) within[codes[i] * d + t] += (points[i * d + t] - mean[codes[i] * d + t]) ** 2;

  const definingFeatures = definingOf(points, n, d, size, mean, within, k, o.definingShare, featureName);
  const cols = definingFeatures.map((f) => f.column);

  const spread = names.map((_, c) => Math.sqrt(cols.reduce((s, t) => s + within[c * d + t], 0) / size[c]));
  const distance = (a: number, b: number) => Math.sqrt(cols.reduce((s, t) => s + (mean[a * d + t] - mean[b * d + t]) ** 2, 0));
  const effect = (a: number, b: number, t: number) => {
    const dof = size[a] + size[b] - 2;
    const pooled = dof > 0 ? Math.sqrt((within[a * d + t] + within[b * d + t]) / dof) : 0;
    const gap = Math.abs(mean[a * d + t] - mean[b * d + t]);
    return pooled > 0 ? gap / pooled : gap === 0 ? 0 : Infinity;
  };

  const projected = project(points, n, d, cols);
  const sil = k >= 2 ? silhouette(projected, n, cols.length, codes, k, { sampleSize: o.sampleSize, seed: o.seed }) : null;

  const similarPairs: SimilarPair[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      // A pair of singletons has no spread to judge a difference by.
      if (size[a] + size[b] < 3) continue;
      let widest = { effectSize: -1, column: cols[0] };
      for (const t of cols) {
        const e = effect(a, b, t);
        if (e > widest.effectSize) widest = { effectSize: e, column: t };
      }
      if (widest.effectSize >= o.maxEffectSize) continue;
      const m = distance(a, b);
      similarPairs.push({ segments: [names[a], names[b]], centroidDistance: m, ratio: m > 0 ? (spread[a] + spread[b]) / m : Infinity, effectSize: widest.effectSize, feature: featureName(widest.column) });
    }
  }
  similarPairs.sort((x, y) => x.effectSize - y.effectSize || x.segments[0].localeCompare(y.segments[0]) || x.segments[1].localeCompare(y.segments[1]));

  const segments: SegmentHealthRow[] = names.map((segment, c) => {
    let nearest: SegmentHealthRow["nearest"] = null;
    for (let other = 0; other < k; other++) {
      if (other === c) continue;
      const m = distance(c, other);
      if (!nearest || m < nearest.distance) nearest = { segment: names[other], distance: m };
    }
    return { segment, size: size[c], silhouette: sil && size[c] > 1 ? sil.perCluster[c] : null, spread: spread[c], tooSmall: size[c] < o.minSize, nearest };
  });

  const on = definingFeatures.map((f) => f.feature).join(", ");
  const suggestions: string[] = [];
  for (const p of similarPairs) {
    suggestions.push(
      `merge ${p.segments[0]} and ${p.segments[1]}: on ${on} they differ by at most ${fmt(p.effectSize)} standard deviations (${p.feature}; under ${o.maxEffectSize} is a small difference), so separate policies treat alike entities differently`,
    );
  }
  for (const s of segments) {
    if (s.tooSmall)
      suggestions.push(`${s.segment} has ${s.size} member${s.size === 1 ? "" : "s"} (< ${o.minSize}): fold it into ${s.nearest ? `the nearest segment, ${s.nearest.segment}` : "another segment"} or widen its definition`);
    if (s.silhouette !== null && s.silhouette < 0)
      suggestions.push(`${s.segment} has a negative mean silhouette on ${on} (${fmt(s.silhouette)}): its members are closer to another segment than to each other, so review its boundaries`);
  }
  return { silhouette: sil ? sil.mean : null, sampled: sil?.sampled ?? false, definingFeatures: definingFeatures.map(({ feature, share }) => ({ feature, share })), segments, similarPairs, suggestions };
}

/** η² per feature: between-segment over total sum of squares; the features at or above `threshold`, strongest first (all of them when none is). */
function definingOf(
  points: Float64Array,
  n: number,
  d: number,
  size: Float64Array,
  mean: Float64Array,
  within: Float64Array,
  k: number,
  threshold: number,
  featureName: (t: number) => string,
): Array<DefiningFeature & { column: number }> {
  const all: Array<DefiningFeature & { column: number }> = [];
  for (let t = 0; t < d; t++) {
    let grand = 0;
    for (let i = 0; i < n; i++) grand += points[i * d + t];
    grand /= n;
    let between = 0;
    let inside = 0;
    for (let c = 0; c < k; c++) {
      between += size[c] * (mean[c * d + t] - grand) ** 2;
      inside += within[c * d + t];
    }
    const total = between + inside;
    all.push({ feature: featureName(t), share: total > 0 ? between / total : 0, column: t });
  }
  const strong = all.filter((f) => f.share >= threshold).sort((a, b) => b.share - a.share);
  return strong.length ? strong : all;
}

/** The rows restricted to some columns, row-major. */
function project(points: Float64Array, n: number, d: number, cols: readonly number[]): Float64Array {
  if (cols.length === d) return points;
  const out = new Float64Array(n * cols.length);
  for (let i = 0; i < n; i++) cols.forEach((t, j) => (out[i * cols.length + j] = points[i * d + t]));
  return out;
}
