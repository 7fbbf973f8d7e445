import { createRng } from "../../../shared/src/random";
import { DomainError } from "../../../shared/src/errors";

const DRAWS = 200_000;

function meanAndVariance(values: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return { mean, variance: squares / (values.length - 1) };
}

function extremes(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  return { min, max };
}

function draw(count: number, sample: () => number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = sample();
  return out;
}

/** ln k!, summed exactly: the reference for the Poisson checks. */
function logFactorial(k: number): number {
  let total = 0;
  for (let i = 2; i <= k; i++) total += Math.log(i);
  return total;
}

function poissonCdf(k: number, lambda: number): number {
  let total = 0;
  for (let i = 0; i <= k; i++) total += Math.exp(-lambda + i * Math.log(lambda) - logFactorial(i));
  return total;
}

describe("createRng", () => {
  test("the first outputs match an independent implementation of sfc32 seeded by splitmix32", () => {
    // Expected values from a separate Python implementation written from the
    // PractRand source (a = 0, b and c from splitmix32, counter = 1, 12 discards).
    const expected: Record<number, number[]> = {
      0: [0.8149015710223466, 0.14904294535517693, 0.861248241038993],
      1: [0.6092643355950713, 0.7497924275230616, 0.1803667563945055],
      20261125: [0.7093218821100891, 0.4591367491520941, 0.1232780225109309],
      4294967295: [0.8788164416328073, 0.844584064790979, 0.8476743968203664],
    };
    for (const [seed, values] of Object.entries(expected)) {
      const rng = createRng(Number(seed));
      expect([rng.next(), rng.next(), rng.next()]).toEqual(values);
    }
  });

  test("the same seed gives the same stream through every kind of draw", () => {
    const run = (seed: number): number[] => {
      const rng = createRng(seed);
      const out: number[] = [];
      for (let i = 0; i < 200; i++) {
        out.push(rng.next(), rng.int(-5, 5), rng.normal(10, 2), rng.lognormal(0, 1), rng.poisson(i % 2 ? 3 : 80));
        out.push(rng.bernoulli(0.3) ? 1 : 0, rng.pick([7, 8, 9]));
      }
      out.push(...rng.shuffle(Array.from({ length: 20 }, (_, i) => i)));
      return out;
    };
    expect(run(123)).toEqual(run(123));
    expect(run(123)).not.toEqual(run(124));
  });

  test("neighbouring seeds give unrelated streams", () => {
    // Without the splitmix32 hash, seeds 1 and 2 would start from nearly equal states.
    const a = draw(10_000, createRng(1).next);
    const b = draw(10_000, createRng(2).next);
    let covariance = 0;
    for (let i = 0; i < a.length; i++) covariance += (a[i] - 0.5) * (b[i] - 0.5);
    const correlation = covariance / a.length / (1 / 12);
    expect(Math.abs(correlation)).toBeLessThan(0.05);
  });

  test("rejects seeds that are not 32-bit unsigned integers", () => {
    for (const seed of [-1, 1.5, 2 ** 32, Number.NaN]) {
      expect(() => createRng(seed)).toThrow(DomainError);
    }
  });

  test("next is uniform on [0, 1)", () => {
    const values = draw(DRAWS, createRng(7).next);
    const { min, max } = extremes(values);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    const { mean, variance } = meanAndVariance(values);
    // Uniform(0, 1): mean 1/2, variance 1/12; 5 standard errors of tolerance.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / DRAWS));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  test("int covers its inclusive range evenly (chi-square)", () => {
    const rng = createRng(11);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < DRAWS; i++) counts[rng.int(1, 10) - 1]++;
    const expected = DRAWS / 10;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: P(χ² > 27.88) = 0.001 (standard χ² table).
    expect(chiSquare).toBeLessThan(27.88);
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(rng.int(4, 4)).toBe(4);
    expect(() => rng.int(5, 4)).toThrow(DomainError);
    expect(() => rng.int(0, 1.5)).toThrow(DomainError);
  });

  test("normal has the requested mean and variance, and 5% beyond ±1.96σ", () => {
    const rng = createRng(13);
    const values = draw(DRAWS, () => rng.normal(3, 2));
    const { mean, variance } = meanAndVariance(values);
    expect(Math.abs(mean - 3)).toBeLessThan(5 * (2 / Math.sqrt(DRAWS)));
    // Var of the sample variance of a normal is 2σ⁴/(n − 1): about 0.018 here.
    expect(Math.abs(variance - 4)).toBeLessThan(5 * Math.sqrt((2 * 16) / DRAWS));
    const tails = values.filter((v) => Math.abs(v - 3) > 1.96 * 2).length / DRAWS;
    expect(Math.abs(tails - 0.05)).toBeLessThan(0.003);
    expect(rng.normal(5, 0)).toBe(5);
    expect(() => rng.normal(0, -1)).toThrow(DomainError);
  });

  test("lognormal has median e^μ and mean e^(μ + σ²/2)", () => {
    const rng = createRng(17);
    const values = draw(DRAWS, () => rng.lognormal(1, 0.5));
    const sorted = Float64Array.from(values).sort();
    expect(sorted[DRAWS / 2] / Math.E).toBeCloseTo(1, 1);
    expect(meanAndVariance(values).mean / Math.exp(1 + 0.125)).toBeCloseTo(1, 1);
    expect(extremes(values).min).toBeGreaterThan(0);
  });

  test.each([0.5, 4, 29.5, 30, 100, 2500])("poisson(%p) has mean and variance λ", (lambda) => {
    const rng = createRng(19);
    const values = draw(DRAWS, () => rng.poisson(lambda));
    const { mean, variance } = meanAndVariance(values);
    expect(values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / DRAWS));
    expect(Math.abs(variance / lambda - 1)).toBeLessThan(0.03);
  });

  test.each([3, 45, 400])("poisson(%p) matches the exact CDF at several points", (lambda) => {
    const rng = createRng(23);
    const values = draw(DRAWS, () => rng.poisson(lambda));
    for (const z of [-1.5, -0.5, 0, 0.5, 1.5]) {
      const k = Math.floor(lambda + z * Math.sqrt(lambda));
      const empirical = values.filter((v) => v <= k).length / DRAWS;
      expect(Math.abs(empirical - poissonCdf(k, lambda))).toBeLessThan(0.006);
    }
  });

  test("poisson(0) is 0 and a negative mean is refused", () => {
    const rng = createRng(29);
    expect(rng.poisson(0)).toBe(0);
    expect(() => rng.poisson(-1)).toThrow(DomainError);
    expect(() => rng.poisson(Number.POSITIVE_INFINITY)).toThrow(DomainError);
  });

  test("bernoulli succeeds with probability p", () => {
    const rng = createRng(31);
    let successes = 0;
    for (let i = 0; i < DRAWS; i++) if (rng.bernoulli(0.3)) successes++;
    expect(Math.abs(successes / DRAWS - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / DRAWS));
    expect(rng.bernoulli(0)).toBe(false);
    expect(rng.bernoulli(1)).toBe(true);
    expect(() => rng.bernoulli(1.1)).toThrow(DomainError);
  });

  test("pick returns every element and refuses an empty list", () => {
    const rng = createRng(37);
    const items = Object.freeze(["a", "b", "c"]);
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add(rng.pick(items));
    expect([...seen].sort()).toEqual(["a", "b", "c"]);
    expect(() => rng.pick([])).toThrow(DomainError);
  });

  test("shuffle permutes in place, puts every item everywhere equally often", () => {
    const rng = createRng(41);
    const items = [1, 2, 3, 4, 5];
    const result = rng.shuffle(items);
    expect(result).toBe(items);
    expect([...items].sort()).toEqual([1, 2, 3, 4, 5]);

    // Where item 0 of four lands: each position with probability 1/4.
    const landed = [0, 0, 0, 0];
    const rounds = 40_000;
    for (let i = 0; i < rounds; i++) landed[rng.shuffle([0, 1, 2, 3]).indexOf(0)]++;
    for (const count of landed) expect(Math.abs(count / rounds - 0.25)).toBeLessThan(0.015);
    expect(rng.shuffle([])).toEqual([]);
  });
});
