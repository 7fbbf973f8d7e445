import { createRng } from "../../../shared/src/random";

/** Seeded Gaussian blobs: `k` centres drawn in [−spread, spread]^d, rows around them with unit sd. */
export function blobs(n: number, d: number, k: number, options: { seed?: number; spread?: number; sd?: number } = {}) {
  const rng = createRng(options.seed ?? 1);
  const spread = options.spread ?? 10;
  const sd = options.sd ?? 1;
  const centres = Array.from({ length: k * d }, () => (rng.next() * 2 - 1) * spread);
  const points = new Float64Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    truth[i] = c;
    for (let t = 0; t < d; t++) points[i * d + t] = rng.normal(centres[c * d + t], sd);
  }
  return { points, truth, centres };
}
