const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** The bracket a golden-section search ends with, and its two interior points. */
export interface GoldenBracket {
  lo: number;
  hi: number;
  /** the lower interior point and f there */
  x1: number;
  f1: number;
  /** the upper interior point and f there */
  x2: number;
  f2: number;
  /** evaluations of f, the two initial ones included */
  evaluations: number;
}

/**
 * Golden-section search for the minimum of a unimodal f on [lo, hi]
 * (Kiefer 1953; Press et al., Numerical Recipes 3rd ed. §10.2): each step
 * keeps the golden-ratio interior point of the better side and evaluates f
 * once. Runs while `keepGoing(lo, hi)` holds, at most `maxIterations` steps;
 * the caller picks its answer from the final bracket.
 */
export function goldenSection(f: (x: number) => number, lo: number, hi: number, keepGoing: (lo: number, hi: number) => boolean, maxIterations = Number.POSITIVE_INFINITY): GoldenBracket {
  let x1 = hi - GOLDEN * (hi - lo);
  let x2 = lo + GOLDEN * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  let evaluations = 2;
  for (let i = 0; i < maxIterations && keepGoing(lo, hi); i++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - GOLDEN * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + GOLDEN * (hi - lo);
      f2 = f(x2);
    }
    evaluations++;
  }
  return { lo, hi, x1, f1, x2, f2, evaluations };
}
