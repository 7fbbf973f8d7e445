/** The threaded k-means (main thread + worker over SharedArrayBuffers) reaches the in-process kernel's result. */
import { kmeans, kmeansPlusPlus } from "../../shared/src/ml";
import { createRng } from "../../shared/src/random";
import { sharedFloat64, startKmeansPool, type KmeansPool } from "../../service/src/ml/parallelKmeans";

jest.setTimeout(60_000);

describe("parallel k-means", () => {
  let pool: KmeansPool;
  beforeAll(async () => {
    pool = await startKmeansPool(1);
  });
  afterAll(async () => {
    await pool?.close();
  });

  it.each([
    ["a SharedArrayBuffer", true],
    ["an ordinary array (copied)", false],
  ])("gives the in-process assignments and inertia on %s", async (_label, onShared) => {
    const n = 60_000;
    const d = 4;
    const k = 5;
    const rng = createRng(12);
    const centres = Array.from({ length: k * d }, () => rng.normal(0, 4));
    const x = onShared ? sharedFloat64(n * d) : new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const c = rng.int(0, k - 1);
      for (let t = 0; t < d; t++) x[i * d + t] = rng.normal(centres[c * d + t], 1.5);
    }
    const initialCentres = kmeansPlusPlus(x, n, d, k, 3);
    const threaded = await pool.run(x, n, d, k, { initialCentres });
    const single = kmeans(x, n, d, k, { initialCentres });
    expect(threaded.iterations).toBe(single.iterations);
    expect(threaded.stoppedBy).toBe(single.stoppedBy);
    expect(Array.from(threaded.labels)).toEqual(Array.from(single.labels));
    // Shard sums add in another order: the centres agree to rounding.
    expect(Math.abs(threaded.inertia - single.inertia) / single.inertia).toBeLessThan(1e-12);
    expect(threaded.sizes).toEqual(single.sizes);
  });

  it("gives the same result on the JavaScript kernel, for an engine without WebAssembly SIMD", async () => {
    const n = 20_000;
    const d = 3;
    const rng = createRng(8);
    const x = new Float64Array(n * d).map(() => rng.normal(0, 2));
    const initialCentres = kmeansPlusPlus(x, n, d, 7, 2);
    const plain = await startKmeansPool(1, { webAssembly: false });
    try {
      const onJs = await plain.run(x, n, d, 7, { initialCentres, tolerance: 1e-4 });
      const onWasm = await pool.run(x, n, d, 7, { initialCentres, tolerance: 1e-4 });
      expect(onJs.iterations).toBe(onWasm.iterations);
      expect(Array.from(onJs.labels)).toEqual(Array.from(onWasm.labels));
      expect(Array.from(onJs.centres)).toEqual(Array.from(onWasm.centres));
      expect(onJs.inertia).toBe(onWasm.inertia);
    } finally {
      await plain.close();
    }
  });

  it("stops on scikit-learn's tolerance rule alike on both paths", async () => {
    const n = 60_000;
    const rng = createRng(5);
    const x = new Float64Array(n * 2).map(() => rng.normal(0, 1));
    const initialCentres = kmeansPlusPlus(x, n, 2, 6, 1);
    const threaded = await pool.run(x, n, 2, 6, { initialCentres, tolerance: 1e-4 });
    const single = kmeans(x, n, 2, 6, { initialCentres, tolerance: 1e-4 });
    expect(threaded.stoppedBy).toBe("tolerance");
    expect(threaded.iterations).toBe(single.iterations);
    expect(Array.from(threaded.labels)).toEqual(Array.from(single.labels));
  });

  it("runs small tables in-process and reports bad input as a DomainError", async () => {
    const small = await pool.run(new Float64Array([0, 0, 10, 10]), 2, 2, 2, { seed: 1 });
    expect(small.inertia).toBe(0);
    await expect(pool.run(new Float64Array([0, NaN]), 2, 1, 1, { force: true })).rejects.toThrow(/^points\[1\]\[0\]: must be a number, got NaN/);
  });
});
