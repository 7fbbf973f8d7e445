/**
 * ABC + XYZ of 1,000,000 items × 52 periods, in-process, data generated in
 * memory from a seed and excluded from the timing. Target: < 300 ms
 * on the project's 2-core machines. The classes must equal a straightforward
 * reference implementation exactly.
 */
import { classifyAbcArrays, classifyXyzMatrix, NO_DEMAND, SHARE_TOLERANCE } from "../shared/src/segmentation";
import { createRng } from "../shared/src/random";
import { median, timeRuns, type BenchResult } from "./writeResult";

export function generate(items: number, periods: number, seed = 7) {
  const rng = createRng(seed);
  const values = new Float64Array(items);
  const demand = new Float64Array(items * periods);
  for (let i = 0; i < items; i++) {
    // Long-tailed revenue with some exact ties (rounded to cents) and zeros.
    values[i] = i % 97 === 0 ? 0 : Math.round(rng.lognormal(6, 2) * 100) / 100;
    const level = rng.lognormal(2, 1.2);
    const zeroShare = i % 5 === 0 ? 0.6 : i % 50 === 1 ? 1 : 0.05;
    const row = i * periods;
    for (let p = 0; p < periods; p++) demand[row + p] = rng.next() < zeroShare ? 0 : Math.round(level * (0.5 + rng.next()));
  }
  return { values, demand };
}

/** The obvious implementation: comparison sort, then walk. */
export function referenceAbc(values: Float64Array, cutoffs: number[]): Uint8Array {
  const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a] || a - b);
  let total = 0;
  for (const v of values) if (v > 0) total += v;
  const classes = new Uint8Array(values.length);
  let running = 0;
  for (const i of order) {
    if (values[i] > 0) running += values[i];
    const share = running >= total ? 1 : running / total;
    let c = cutoffs.findIndex((cut) => share <= cut + SHARE_TOLERANCE);
    if (c < 0 || values[i] < 0) c = cutoffs.length;
    classes[i] = c;
  }
  return classes;
}

export function referenceXyz(demand: Float64Array, items: number, periods: number, cutoffs: number[]): Uint8Array {
  const classes = new Uint8Array(items);
  for (let i = 0; i < items; i++) {
    const row = Array.from(demand.subarray(i * periods, (i + 1) * periods));
    const mean = row.reduce((a, b) => a + b, 0) / periods;
    if (mean === 0) {
      classes[i] = NO_DEMAND;
      continue;
    }
    const sd = Math.sqrt(row.reduce((a, b) => a + (b - mean) ** 2, 0) / (periods - 1));
    const c = cutoffs.findIndex((cut) => sd / mean <= cut);
    classes[i] = c < 0 ? cutoffs.length : c;
  }
  return classes;
}

export function run(items = 1_000_000, periods = 52): BenchResult {
  const { values, demand } = generate(items, periods);
  let abc: Uint8Array = new Uint8Array();
  let xyz: Uint8Array = new Uint8Array();
  const runs = timeRuns(() => {
    abc = classifyAbcArrays(values).classIndex;
    xyz = classifyXyzMatrix(demand, items, periods).classIndex;
  });
  const refAbc = referenceAbc(values, [0.8, 0.95]);
  const refXyz = referenceXyz(demand, items, periods, [0.5, 1.0]);
  let mismatches = 0;
  for (let i = 0; i < items; i++) if (abc[i] !== refAbc[i] || xyz[i] !== refXyz[i]) mismatches++;
  const counts = (a: Uint8Array) => a.reduce<Record<number, number>>((m, c) => ((m[c] = (m[c] ?? 0) + 1), m), {});
  return {
    name: "abc-xyz-1m",
    size: { items, periods },
    runs_ms: runs.map((r) => +r.toFixed(2)),
    median_ms: +median(runs).toFixed(2),
    target_ms: 300,
    check: {
      passed: mismatches === 0,
      detail: `${mismatches} of ${items} items differ from the reference; ABC class counts ${JSON.stringify(counts(abc))}, XYZ ${JSON.stringify(counts(xyz))}`,
    },
  };
}

export const benchmarks = { "abc-xyz-1m": () => run() };
