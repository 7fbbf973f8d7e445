/**
 * The root of f(x) = target for a continuous, strictly decreasing f: expand a
 * bracket from `start` by doubling steps, then bisect until the bracket stops
 * shrinking in floating point. Bisection rather than Newton because the loss
 * functions it is used on are flat in the tails, where Newton overshoots;
 * ~100 evaluations buys full precision.
 */
export function solveDecreasing(f: (x: number) => number, target: number, start = 0): number {
  let lo = start;
  let hi = start;
  let step = 1;
  while (f(lo) < target) {
    lo -= step;
    step *= 2;
    if (!Number.isFinite(lo)) throw new Error("solveDecreasing: no bracket below");
  }
  step = 1;
  while (f(hi) > target) {
    hi += step;
    step *= 2;
    if (!Number.isFinite(hi)) throw new Error("solveDecreasing: no bracket above");
  }
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
