import { DomainError } from "../errors";
import { createRng } from "../random";

export interface SilhouetteOptions {
  /** rows scored at most; above it a seeded uniform sample without replacement is scored against itself (as scikit-learn's `silhouette_score(sample_size=…)`) */
  sampleSize?: number;
  seed?: number;
}

export interface SilhouetteResult {
  /** mean s(i) over the scored rows, in [−1, 1] */
  mean: number;
  /** mean s(i) of each cluster's scored rows; null for a cluster with no scored row */
  perCluster: Array<number | null>;
  /** rows scored: n, or the sample size */
  scored: number;
  sampled: boolean;
}

const DEFAULTS = { sampleSize: 2000, seed: 0 };

/**
 * Silhouette width: for row i with mean distance a(i) to the other rows of its
 * cluster and b(i) the smallest mean distance to the rows of another cluster,
 * s(i) = (b(i) − a(i)) / max(a(i), b(i)), and s(i) = 0 when i is alone in its
 * cluster. Rousseeuw, P. J. (1987), "Silhouettes: a graphical aid to the
 * interpretation and validation of cluster analysis", J. Computational and
 * Applied Mathematics 20, 53–65, eq. (1) and the singleton convention on p. 56.
 * Euclidean distances. Exact (O(n²)) up to `sampleSize` rows; above it a
 * seeded sample, stated in the result.
 *
 * @throws DomainError (`labels`) of the wrong length or (`labels[i]`) out of 0 … k−1; (`k`) below 2
 * @example
 * silhouette(new Float64Array([0, 1, 10, 11]), 4, 1, Int32Array.from([0, 0, 1, 1]), 2).mean; // 0.8997… (by hand: a = 1 everywhere, b = 10.5, 9.5, 9.5, 10.5, s = 1 − 1/b)
 */
export function silhouette(points: Float64Array, n: number, d: number, labels: Int32Array, k: number, options: SilhouetteOptions = {}): SilhouetteResult {
  const o = { ...DEFAULTS, ...options };
  if (!Number.isInteger(k) || k < 2) throw new DomainError("k", `the silhouette needs at least 2 clusters, got ${k}`, "out_of_range");
  if (labels.length !== n) throw new DomainError("labels", `expected ${n} labels (one per row), got ${labels.length}`, "invalid");
  for (let i = 0; i < n; i++) if (labels[i] < 0 || labels[i] >= k || !Number.isInteger(labels[i])) throw new DomainError(`labels[${i}]`, `expected a cluster from 0 to ${k - 1}, got ${labels[i]}`, "out_of_range");
  let rows: number[] = Array.from({ length: n }, (_, i) => i);
  const sampled = n > o.sampleSize;
  if (sampled)
    rows = createRng(o.seed)
      .shuffle(rows)
      .slice(0, o.sampleSize)
      .sort((a, b) => a - b);
  const m = rows.length;
  const size = new Float64Array(k);
  for (const i of rows) size[labels[i]]++;
  const totals = new Float64Array(k);
  const sum = new Float64Array(k);
  const count = new Float64Array(k);
  let all = 0;
  for (let x = 0; x < m; x++) {
    const i = rows[x];
    const own = labels[i];
    totals.fill(0);
    for (let y = 0; y < m; y++) {
      if (y === x) continue;
      const j = rows[y];
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = points[i * d + t] - points[j * d + t];
        s += diff * diff;
      }
      totals[labels[j]] += Math.sqrt(s);
    }
    let value = 0;
    if (size[own] > 1) {
      const a = totals[own] / (size[own] - 1);
      let b = Infinity;
      for (let c = 0; c < k; c++) if (c !== own && size[c] > 0) b = Math.min(b, totals[c] / size[c]);
      const denominator = Math.max(a, b);
      value = b === Infinity || denominator === 0 ? 0 : (b - a) / denominator;
    }
    all += value;
    sum[own] += value;
    count[own]++;
  }
  return { mean: all / m, perCluster: Array.from({ length: k }, (_, c) => (count[c] ? sum[c] / count[c] : null)), scored: m, sampled };
}
