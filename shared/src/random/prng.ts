import { DomainError } from "../errors";
import { checkNumber } from "../validation";

/**
 * A seeded stream of random numbers. Every draw advances the one state, so
 * the same seed and the same sequence of calls give the same values.
 */
export interface Rng {
  /** uniform on [0, 1), 32 bits of resolution */
  next(): number;
  /** uniform integer in [minInclusive, maxInclusive], without modulo bias; the range may span at most 2³² values */
  int(minInclusive: number, maxInclusive: number): number;
  /** normal with mean μ and standard deviation σ (σ ≥ 0) */
  normal(mean: number, standardDeviation: number): number;
  /** exp of a normal(μ, σ): median e^μ, mean e^(μ + σ²/2) */
  lognormal(logMean: number, logStandardDeviation: number): number;
  /** Poisson count with mean λ (λ ≥ 0) */
  poisson(lambda: number): number;
  /** true with probability p (0 ≤ p ≤ 1) */
  bernoulli(probability: number): boolean;
  /** one element, each equally likely; throws on an empty list */
  pick<T>(items: ReadonlyArray<T>): T;
  /** shuffles in place and returns the same array */
  shuffle<T>(items: T[]): T[];
}

const TWO_POW_32 = 4294967296;
/** Below this mean Knuth's product-of-uniforms method is cheap (about λ + 1 uniforms); above it PTRS runs in constant time. */
const POISSON_PTRS_THRESHOLD = 30;

/**
 * A seeded pseudo-random number generator: sfc32 ("small fast counting", v4)
 * by Chris Doty-Humphrey, from the PractRand test suite (public domain;
 * `src/RNGs/sfc.cpp`, shifts 21/9/3). 128 bits of state, average period about
 * 2¹²⁷ (at least 2³² thanks to the counter), no failures in PractRand by its
 * author's notes (`doc/RNG_engines.txt`), and it needs only 32-bit adds,
 * shifts and xors, which JavaScript does exactly.
 *
 * Seeding follows PractRand's `seed(Uint64)` (a = 0, b and c from the seed,
 * counter = 1, 12 discarded outputs), with the 64 seed bits expanded from the
 * 32-bit seed by splitmix32: a Weyl sequence (step 0x9E3779B9, the golden
 * ratio, as in Steele, Lea & Flood 2014, "Fast splittable pseudorandom number
 * generators", OOPSLA) passed through MurmurHash3's fmix32 finaliser
 * (Appleby). The hash is why seeds 1, 2, 3 give unrelated streams.
 *
 * Not cryptographic. No `Math.random`: the stream is a pure function of the seed.
 *
 * @param seed an integer in [0, 2³² − 1]
 * @throws DomainError (`seed`) when the seed is not such an integer
 * @example
 * const rng = createRng(42);
 * rng.int(1, 6); // the same die roll on every machine, every run
 */
export function createRng(seed: number): Rng {
  checkNumber(seed, "seed", { integer: true, min: 0, max: TWO_POW_32 - 1 });

  let weyl = seed | 0;
  const splitmix32 = (): number => {
    weyl = (weyl + 0x9e3779b9) | 0;
    let z = weyl;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };

  let a = 0;
  let b = splitmix32() | 0;
  let c = splitmix32() | 0;
  let counter = 1;

  const uint32 = (): number => {
    const t = (((a + b) | 0) + counter) | 0;
    counter = (counter + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) uint32();

  const next = (): number => uint32() / TWO_POW_32;

  // The polar method yields normals in pairs; keeping the second halves the cost.
  let spareNormal: number | null = null;
  const standardNormal = (): number => {
    if (spareNormal !== null) {
      const z = spareNormal;
      spareNormal = null;
      return z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * next() - 1;
      v = 2 * next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    spareNormal = v * factor;
    return u * factor;
  };

  const rng: Rng = {
    next,

    int(minInclusive, maxInclusive) {
      if (!Number.isSafeInteger(minInclusive) || !Number.isSafeInteger(maxInclusive)) {
        throw new DomainError(Number.isSafeInteger(minInclusive) ? "maxInclusive" : "minInclusive", `expected integer bounds, got ${minInclusive} and ${maxInclusive}`);
      }
      const range = maxInclusive - minInclusive + 1;
      if (range < 1 || range > TWO_POW_32) {
        throw new DomainError("maxInclusive", `expected 1 to 2^32 values between ${minInclusive} and ${maxInclusive}`, "out_of_range");
      }
      // Rejection of the incomplete last block of `range` values removes modulo bias.
      const limit = TWO_POW_32 - (TWO_POW_32 % range);
      let x = uint32();
      while (x >= limit) x = uint32();
      return minInclusive + (x % range);
    },

    /**
     * Marsaglia & Bray (1964), "A convenient method for generating normal
     * variables", SIAM Review 6(3): 260–264: the polar form of Box–Muller,
     * which avoids sin/cos by rejecting points outside the unit disc.
     */
    normal(mean, standardDeviation) {
      // The inline test keeps a draw cheap; checkNumber only words the failure.
      if (!Number.isFinite(mean) || !(standardDeviation >= 0) || !Number.isFinite(standardDeviation)) {
        checkNumber(mean, "mean");
        checkNumber(standardDeviation, "standardDeviation", { min: 0 });
      }
      return mean + standardDeviation * standardNormal();
    },

    /** If ln X ~ N(μ, σ²) then X is lognormal (Johnson, Kotz & Balakrishnan, Continuous Univariate Distributions 1, 2nd ed., ch. 14). */
    lognormal(logMean, logStandardDeviation) {
      return Math.exp(rng.normal(logMean, logStandardDeviation));
    },

    /**
     * Small λ: Knuth, The Art of Computer Programming 2, 3rd ed., §3.4.1
     * (Poisson distribution): multiply uniforms until the product drops below
     * e^−λ. Large λ: PTRS, the transformed rejection method with squeeze of
     * Hörmann (1993), "The transformed rejection method for generating Poisson
     * random variables", Insurance: Mathematics and Economics 12(1): 39–45,
     * exact and constant-time (the method numpy uses above λ = 10).
     */
    poisson(lambda) {
      if (!(lambda >= 0) || !Number.isFinite(lambda)) checkNumber(lambda, "lambda", { min: 0 });
      if (lambda === 0) return 0;
      if (lambda < POISSON_PTRS_THRESHOLD) {
        const limit = Math.exp(-lambda);
        let k = 0;
        let product = next();
        while (product > limit) {
          k++;
          product *= next();
        }
        return k;
      }
      return poissonPtrs(lambda, next);
    },

    bernoulli(probability) {
      if (!(probability >= 0 && probability <= 1)) {
        throw new DomainError("probability", `expected a probability from 0 to 1, got ${probability}`, "out_of_range");
      }
      return next() < probability;
    },

    pick(items) {
      if (items.length === 0) throw new DomainError("items", "expected a non-empty list", "missing");
      return items[rng.int(0, items.length - 1)];
    },

    /** Durstenfeld's in-place Fisher–Yates shuffle (Knuth TAOCP 2, §3.4.2, Algorithm P): every permutation equally likely. */
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        const swap = items[i];
        items[i] = items[j];
        items[j] = swap;
      }
      return items;
    },
  };
  return rng;
}

/** Hörmann's PTRS, step for step as in the paper's algorithm box (its constants are fitted, not derived). */
function poissonPtrs(lambda: number, next: () => number): number {
  const sqrtLambda = Math.sqrt(lambda);
  const logLambda = Math.log(lambda);
  const b = 0.931 + 2.53 * sqrtLambda;
  const a = -0.059 + 0.02483 * b;
  const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vR = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = next() - 0.5;
    const v = next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vR) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * logLambda - logFactorial(k)) {
      return k;
    }
  }
}

const SMALL_LOG_FACTORIALS: number[] = (() => {
  const table = [0];
  for (let k = 1; k < 16; k++) table.push(table[k - 1] + Math.log(k));
  return table;
})();

/**
 * ln k! = ln Γ(k + 1) by Stirling's series (Abramowitz & Stegun 6.1.41) for
 * k ≥ 16, where three correction terms leave an error below 1e−11 (far under
 * what the PTRS acceptance test can see); exact sums of logs below.
 */
function logFactorial(k: number): number {
  if (k < SMALL_LOG_FACTORIALS.length) return SMALL_LOG_FACTORIALS[k];
  const n = k + 1;
  const inverse = 1 / n;
  const inverseSquared = inverse * inverse;
  return (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + inverse * (1 / 12 - inverseSquared * (1 / 360 - inverseSquared / 1260));
}
