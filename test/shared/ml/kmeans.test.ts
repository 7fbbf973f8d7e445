import { execFileSync } from "node:child_process";
import path from "node:path";
import fc from "fast-check";
import { DomainError } from "../../../shared/src/errors";
import { adjustedRandIndex, kmeans, kmeansPlusPlus } from "../../../shared/src/ml";
import { blobs } from "./blobs";

const ORACLE = path.join(__dirname, "children", "mlKmeansOracle.mjs");

function mlKmeans(points: Float64Array, n: number, d: number, k: number, initial: Float64Array) {
  const rows = (a: Float64Array, m: number) => Array.from({ length: m }, (_, i) => Array.from(a.subarray(i * d, (i + 1) * d)));
  const out = execFileSync(process.execPath, [ORACLE], { input: JSON.stringify({ data: rows(points, n), k, initialization: rows(initial, k) }), maxBuffer: 1 << 28 });
  return JSON.parse(out.toString()) as { clusters: number[]; centroids: number[][]; iterations: number; converged: boolean };
}

function inertiaOf(points: Float64Array, d: number, labels: ArrayLike<number>, centroids: number[][]): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) for (let t = 0; t < d; t++) total += (points[i * d + t] - centroids[labels[i]][t]) ** 2;
  return total;
}

describe("kmeans (Hamerly)", () => {
  // Han, Kamber & Pei, Data Mining: Concepts and Techniques, cluster-analysis
  // exercise: A1(2,10) A2(2,5) A3(8,4) B1(5,8) B2(7,5) B3(6,4) C1(1,2) C2(4,9),
  // initial centres A1, B1, C1. Published solution: after the first round the
  // centres are (2,10), (6,6), (1.5,3.5); the final clusters {A1,B1,C2},
  // {A3,B2,B3}, {A2,C1}. Final centres and inertia computed by hand from those clusters.
  const points = new Float64Array([2, 10, 2, 5, 8, 4, 5, 8, 7, 5, 6, 4, 1, 2, 4, 9]);
  const initialCentres = new Float64Array([2, 10, 5, 8, 1, 2]);

  it("reproduces the textbook's first round", () => {
    const r = kmeans(points, 8, 2, 3, { initialCentres, maxIterations: 1 });
    expect(Array.from(r.centres)).toEqual([2, 10, 6, 6, 1.5, 3.5]);
    expect(r.converged).toBe(false);
  });

  it("reproduces the textbook's final clusters", () => {
    const r = kmeans(points, 8, 2, 3, { initialCentres });
    expect(r.converged).toBe(true);
    // A1 A2 A3 B1 B2 B3 C1 C2
    expect(Array.from(r.labels)).toEqual([0, 2, 1, 0, 1, 1, 2, 0]);
    const c = Array.from(r.centres);
    [11 / 3, 9, 7, 13 / 3, 1.5, 3.5].forEach((v, i) => expect(c[i]).toBeCloseTo(v, 12));
    // (A1,B1,C2 about (11/3, 9)): 25/9+1 + 16/9+1 + 1/9+0 = 6 + 2/3; (A3,B2,B3 about (7, 13/3)): 1+1/9 + 0+4/9 + 1+1/9 = 2 + 2/3; (A2,C1 about (1.5,3.5)): 0.25+2.25 twice = 5
    expect(r.inertia).toBeCloseTo(6 + 2 / 3 + 2 + 2 / 3 + 5, 10);
    expect(r.sizes).toEqual([3, 3, 2]);
  });

  it("matches the ml-kmeans oracle from the same initial centres: same assignments, inertia within 0.1%", () => {
    // Overlapping blobs (sd 3 around centres in ±10) so Lloyd's iteration takes many passes and the bounds matter.
    for (const [n, d, k, seed] of [
      [3000, 4, 6, 3],
      [2000, 8, 8, 4],
      [1500, 2, 5, 5],
    ]) {
      const { points: x } = blobs(n, d, k, { seed, sd: 3 });
      const initial = kmeansPlusPlus(x, n, d, k, seed);
      const ours = kmeans(x, n, d, k, { initialCentres: initial, maxIterations: 10_000 });
      const oracle = mlKmeans(x, n, d, k, initial);
      expect(oracle.converged).toBe(true);
      expect(Array.from(ours.labels)).toEqual(oracle.clusters);
      const theirs = inertiaOf(x, d, oracle.clusters, oracle.centroids);
      expect(Math.abs(ours.inertia - theirs) / theirs).toBeLessThan(1e-3);
      expect(ours.iterations).toBeGreaterThan(3);
    }
  });

  it("recovers well-separated seeded blobs: adjusted Rand index ≥ 0.95", () => {
    const { points: x, truth } = blobs(5000, 8, 8, { seed: 21, spread: 10, sd: 1 });
    // Best of a few k-means++ starts by inertia, as scikit-learn's n_init does: one start can merge two blobs.
    const runs = [1, 2, 3, 4, 5].map((seed) => kmeans(x, 5000, 8, 8, { seed }));
    const best = runs.reduce((a, b) => (b.inertia < a.inertia ? b : a));
    const ari = adjustedRandIndex(truth, best.labels);
    console.log(`k-means on 5,000 × 8 seeded blobs (k = 8): adjusted Rand index ${ari.toFixed(4)}`);
    expect(ari).toBeGreaterThanOrEqual(0.95);
  });

  it("gives identical results for the same seed, and does not mutate its input", () => {
    const { points: x } = blobs(2000, 3, 4, { seed: 8, sd: 2 });
    const frozen = Float64Array.from(x);
    const a = kmeans(x, 2000, 3, 4, { seed: 99 });
    const b = kmeans(x, 2000, 3, 4, { seed: 99 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.centres)).toEqual(Array.from(b.centres));
    expect(a.inertia).toBe(b.inertia);
    expect(Array.from(x)).toEqual(Array.from(frozen));
  });

  it("property: every row sits at its nearest centre at convergence, and the centres are the means", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 10, max: 120 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), (seed, n, d, k) => {
        const { points: x } = blobs(n, d, Math.min(k, 3), { seed, sd: 4 });
        const r = kmeans(x, n, d, k, { seed });
        expect(r.converged).toBe(true);
        expect(r.sizes.reduce((a, b) => a + b, 0)).toBe(n);
        for (let i = 0; i < n; i++) {
          const dist = (j: number) => {
            let s = 0;
            for (let t = 0; t < d; t++) s += (x[i * d + t] - r.centres[j * d + t]) ** 2;
            return s;
          };
          const own = dist(r.labels[i]);
          for (let j = 0; j < k; j++) expect(own).toBeLessThanOrEqual(dist(j) + 1e-9);
        }
        for (let j = 0; j < k; j++) {
          if (r.sizes[j] === 0) continue;
          for (let t = 0; t < d; t++) {
            let s = 0;
            for (let i = 0; i < n; i++) if (r.labels[i] === j) s += x[i * d + t];
            expect(r.centres[j * d + t]).toBeCloseTo(s / r.sizes[j], 8);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("k = n puts every distinct row alone (inertia 0); identical rows give inertia 0 at any k", () => {
    const x = new Float64Array([1, 2, 3, 4, 5]);
    expect(kmeans(x, 5, 1, 5, { seed: 1 }).inertia).toBe(0);
    const same = new Float64Array(12).fill(7);
    const r = kmeans(same, 6, 2, 3, { seed: 1 });
    expect(r.inertia).toBe(0);
    expect(r.sizes.reduce((a, b) => a + b, 0)).toBe(6);
  });

  it("names the bad input: row and column, k, centres", () => {
    const bad = new Float64Array([1, 2, NaN, 4]);
    expect(() => kmeans(bad, 2, 2, 1)).toThrow(new DomainError("points[1][0]", "must be a number, got NaN"));
    expect(() => kmeans(new Float64Array([1, 2]), 2, 1, 3)).toThrow(new DomainError("k", "must be between 1 and 2 (the number of rows), got 3", "out_of_range"));
    expect(() => kmeans(new Float64Array([1, 2]), 2, 1, 0)).toThrow(/^k: /);
    expect(() => kmeans(new Float64Array([1, 2, 3]), 2, 2, 1)).toThrow(new DomainError("points", "expected 2 rows × 2 features = 4 values, got 3"));
    expect(() => kmeans(new Float64Array([1, 2]), 2, 1, 2, { initialCentres: new Float64Array([1]) })).toThrow(/^initialCentres: expected 2 centres × 1 features = 2 values, got 1/);
    expect(() => kmeans(new Float64Array([1, 2]), 2, 1, 1, { maxIterations: 0 })).toThrow(/^maxIterations: /);
  });
});

describe("kmeansPlusPlus", () => {
  it("draws k distinct data rows when the data has k distinct rows, the same for the same seed", () => {
    const x = new Float64Array([0, 0, 0, 100, 100, 100, 50]);
    const c = kmeansPlusPlus(x, 7, 1, 3, 4);
    expect([...c].sort((a, b) => a - b)).toEqual([0, 50, 100]);
    expect(Array.from(kmeansPlusPlus(x, 7, 1, 3, 4))).toEqual(Array.from(c));
  });
});
