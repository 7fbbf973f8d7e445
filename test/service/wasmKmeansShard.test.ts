/**
 * The WebAssembly SIMD k-means kernel gives the JavaScript kernel's numbers bit for bit: the same
 * nearest centre on ties, the same bounds, the same clusters' sums and the same inertia, pass by
 * pass, for odd and even k, one feature or many, and data on a grid where distances tie exactly.
 */
import { updateCentres, type KmeansShard } from "../../shared/src/ml/hamerlyKernel";
import { kmeansPlusPlus } from "../../shared/src/ml";
import { createRng } from "../../shared/src/random";
import { jsShardKernel, kmeansModule, shardKernel } from "../../service/src/ml/wasmKmeansShard";

function shardOf(points: Float64Array, n: number, d: number, k: number, start: number, end: number): KmeansShard {
  return {
    points,
    dimensions: d,
    start,
    end,
    labels: new Int32Array(n),
    upper: new Float64Array(n),
    lower: new Float64Array(n),
    sums: new Float64Array(k * d),
    counts: new Float64Array(k),
  };
}

/** Both kernels from the same centres, pass by pass, until no row moves; every intermediate must agree exactly. */
async function runBoth(points: Float64Array, n: number, d: number, k: number, initial: Float64Array, start = 0, end = n) {
  const module = await kmeansModule(d);
  expect(module).toBeDefined();
  const jsShard = shardOf(points, n, d, k, start, end);
  const wasmShard = shardOf(points, n, d, k, start, end);
  const js = jsShardKernel(jsShard, k);
  const wasm = shardKernel(module, wasmShard, k);
  expect(wasm.kind).toBe("wasm-simd");
  const jsCentres = Float64Array.from(initial);
  const wasmCentres = Float64Array.from(initial);
  js.assignAll(jsCentres);
  wasm.assignAll(wasmCentres);
  wasm.writeLabels();
  const firstLabels = Array.from(wasmShard.labels.subarray(start, end));
  expect(firstLabels).toEqual(Array.from(jsShard.labels.subarray(start, end)));
  let passes = 1;
  for (; passes < 300; passes++) {
    expect(Array.from(wasmShard.sums)).toEqual(Array.from(jsShard.sums));
    expect(Array.from(wasmShard.counts)).toEqual(Array.from(jsShard.counts));
    const jsMotion = updateCentres(jsCentres, k, d, [jsShard.sums], [jsShard.counts]);
    const wasmMotion = updateCentres(wasmCentres, k, d, [wasmShard.sums], [wasmShard.counts]);
    const changed = js.pass(jsCentres, jsMotion);
    expect(wasm.pass(wasmCentres, wasmMotion)).toBe(changed);
    if (changed === 0) break;
  }
  wasm.writeLabels();
  expect(Array.from(wasmShard.labels.subarray(start, end))).toEqual(Array.from(jsShard.labels.subarray(start, end)));
  expect(wasm.inertia(wasmCentres)).toBe(js.inertia(jsCentres));
  return { passes, firstLabels };
}

describe("WebAssembly SIMD k-means kernel", () => {
  it.each([
    [1, 1],
    [1, 2],
    [3, 3],
    [8, 8],
    [8, 9],
    [8, 32],
    [2, 13],
    [13, 6],
    [40, 5],
  ])("d = %i, k = %i: every pass equals the JavaScript kernel's", async (d, k) => {
    const n = 3_000;
    const rng = createRng(d * 100 + k);
    const centres = Array.from({ length: k * d }, () => rng.normal(0, 1.2));
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const c = rng.int(0, k - 1);
      for (let t = 0; t < d; t++) x[i * d + t] = rng.normal(centres[c * d + t], 1.5);
    }
    const { passes } = await runBoth(x, n, d, k, kmeansPlusPlus(x, n, d, k, 7));
    expect(passes).toBeGreaterThan(k > 1 ? 1 : 0);
  });

  it("breaks exact ties towards the lower centre, as the scalar loop does, on a shard that starts mid-matrix", async () => {
    // Integer grid points and two pairs of identical centres: many distances tie exactly.
    const n = 2_000;
    const d = 2;
    const rng = createRng(3);
    const x = new Float64Array(n * d).map(() => rng.int(-4, 4));
    const initial = new Float64Array([0, 0, 0, 0, 2, 2, -2, 2, 2, 2]);
    const { firstLabels } = await runBoth(x, n, d, 5, initial, 500, 1_700);
    // Centres 0 and 1 coincide, as do 2 and 4: the first pass gives every such tie to the lower one.
    expect(firstLabels).not.toContain(1);
    expect(firstLabels).not.toContain(4);
    expect(firstLabels).toContain(0);
    expect(firstLabels).toContain(2);
  });
});
