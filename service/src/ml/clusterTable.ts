import { DomainError } from "../../../shared/src/errors";
import { describeClusters, preprocessFeatures, silhouette, type ClusterProfile, type FeatureSpec, type NamingRoles, type PreprocessOptions } from "../../../shared/src/ml";
import { kmeansPool, PARALLEL_MIN_ROWS } from "./parallelKmeans";
import { kmeans, type KmeansResult } from "../../../shared/src/ml";

export interface ClusterTableOptions extends PreprocessOptions {
  /** a fixed k, or the range searched by silhouette */
  k?: number;
  kRange?: [number, number];
  seed: number;
  roles?: NamingRoles;
  /** rows the silhouette is computed on at most (a seeded sample above it) */
  silhouetteSample?: number;
  /** fan large tables out over the k-means threads (default true); false inside a pool worker, which is one thread of many already */
  threads?: boolean;
}

/**
 * Preprocess, run k-means for each k (threaded for large tables), keep the k
 * with the highest mean silhouette (ties: the smaller k, the simpler model),
 * and describe the clusters. The silhouette is exact up to
 * `silhouetteSample` rows (default 2,000) and computed on a seeded sample
 * above that, as the result states.
 */
export async function clusterTable(rows: ReadonlyArray<Record<string, number | null>>, features: FeatureSpec[], options: ClusterTableOptions) {
  const prepared = preprocessFeatures(rows, features, options);
  const n = prepared.rows;
  const [lo, hi] = options.k !== undefined ? [options.k, options.k] : (options.kRange ?? [2, 8]);
  if (hi > n) throw new DomainError(options.k !== undefined ? "k" : "kRange", `expected at most ${n} clusters (one per row with data), got ${hi}`, "out_of_range");
  const sample = options.silhouetteSample ?? 2000;
  const run = async (k: number): Promise<KmeansResult> =>
    n >= PARALLEL_MIN_ROWS && options.threads !== false
      ? (await kmeansPool()).run(prepared.matrix, n, prepared.dimensions, k, { seed: options.seed })
      : kmeans(prepared.matrix, n, prepared.dimensions, k, { seed: options.seed });
  const tried: Array<{ k: number; inertia: number; silhouette: number | null; result: KmeansResult; detail: ReturnType<typeof silhouette> | null }> = [];
  for (let k = lo; k <= hi; k++) {
    const result = await run(k);
    const detail = k >= 2 ? silhouette(prepared.matrix, n, prepared.dimensions, result.labels, k, { sampleSize: sample, seed: options.seed }) : null;
    tried.push({ k, inertia: result.inertia, silhouette: detail?.mean ?? null, result, detail });
  }
  const best = tried.reduce((a, b) => ((b.silhouette ?? -Infinity) > (a.silhouette ?? -Infinity) ? b : a));
  const kept = prepared.kept.map((i) => rows[i]);
  const profiles: ClusterProfile[] = describeClusters(kept, best.result.labels, best.result.centres, best.k, prepared.transforms, options.roles);
  return {
    k: best.k,
    chosenBy: options.k !== undefined ? ("given" as const) : ("silhouette" as const),
    candidates: tried.map((t) => ({ k: t.k, inertia: t.inertia, silhouette: t.silhouette })),
    inertia: best.result.inertia,
    iterations: best.result.iterations,
    converged: best.result.converged,
    silhouette: best.detail
      ? {
          mean: best.detail.mean,
          perCluster: best.detail.perCluster,
          scoredRows: best.detail.scored,
          sampled: best.detail.sampled,
          method: best.detail.sampled ? `mean silhouette of a seeded sample of ${best.detail.scored} of ${n} rows` : `exact mean silhouette over all ${n} rows`,
        }
      : null,
    profiles,
    labels: best.result.labels,
    kept: prepared.kept,
    dropped: prepared.dropped,
    transforms: prepared.transforms,
  };
}
