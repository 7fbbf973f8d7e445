import type { Rng } from "../random";

// Small helpers shared by the table generators; not part of the public API.

export function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/** Rounded the way the CSV prints it, so a table and its file never disagree. */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

export function uniform(rng: Rng, low: number, high: number): number {
  return low + (high - low) * rng.next();
}

/** `P0001`: zero-padded to the wider of `minDigits` and the digits of `count`, so ids sort as text. */
export function formatId(prefix: string, index: number, count: number, minDigits: number): string {
  const digits = Math.max(minDigits, String(count).length);
  return prefix + String(index + 1).padStart(digits, "0");
}

/** Draws indices with probability proportional to `weights`, by binary search on the cumulative sums. */
export function weightedSampler(weights: ArrayLike<number>): (rng: Rng) => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i];
    cumulative[i] = total;
  }
  return (rng) => {
    const target = rng.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return low;
  };
}

/**
 * `count` distinct indices, drawn with probability proportional to weight
 * without replacement: Efraimidis & Spirakis (2006), "Weighted random
 * sampling with a reservoir", Information Processing Letters 97(5): 181–185
 * (keep the largest keys u^(1/w); compared here as ln(u)/w).
 */
export function weightedSampleWithoutReplacement(rng: Rng, weights: ArrayLike<number>, count: number): number[] {
  const n = weights.length;
  const keys = new Float64Array(n);
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    // Zero weight is never drawn before a positive one, however the uniform falls.
    keys[i] = weights[i] > 0 ? Math.log(1 - rng.next()) / weights[i] : -Infinity;
    order[i] = i;
  }
  order.sort((x, y) => (keys[x] === keys[y] ? x - y : keys[y] > keys[x] ? 1 : -1));
  return order.slice(0, Math.min(count, n));
}

/** Number of successes in `trials` Bernoulli(p) draws; the callers' trial counts are small. */
export function binomial(rng: Rng, trials: number, probability: number): number {
  let successes = 0;
  for (let i = 0; i < trials; i++) if (rng.next() < probability) successes++;
  return successes;
}
