/**
 * Floating-point sums drift by a few ulps (0.1 + 0.7 = 0.7999999999999999), and
 * a cumulative share that is exactly a cut-off on paper must not fall into the
 * next class. Shares are compared with this absolute slack.
 */
export const SHARE_TOLERANCE = 1e-12;

/**
 * Index of the first cut-off ≥ value (cut-offs ascending); cutoffs.length when
 * none is. The rule shared by ABC (on cumulative shares, with SHARE_TOLERANCE)
 * and XYZ (on CVs, exact).
 */
export function firstClassAtOrAbove(value: number, cutoffs: ArrayLike<number>, tolerance = 0): number {
  for (let c = 0; c < cutoffs.length; c++) if (value <= cutoffs[c] + tolerance) return c;
  return cutoffs.length;
}
