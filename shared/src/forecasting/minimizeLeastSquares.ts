/**
 * One pass of a least-squares objective at x: returns S(x) = Σ e_t² and
 * writes into `out` the Gauss–Newton pieces A = JᵀJ (upper triangle, row by
 * row: a00 a01 a02 a11 a12 a22 for three parameters) then g = Jᵀe, with
 * J_tp = ∂e_t/∂x_p. Only the first `dims` parameters are used.
 */
export type LeastSquaresPass = (x: Float64Array, out: Float64Array) => number;

/** What {@link minimizeLeastSquares} found. */
export interface LeastSquaresMinimum {
  value: number;
  /** passes of the objective (each one value plus its Jacobian) */
  passes: number;
}

const MAX_DIMS = 3;

// Work space reused across calls (the search runs thousands of times per batch and never re-enters itself).
const SCRATCH = {
  current: new Float64Array(9),
  trial: new Float64Array(9),
  candidate: new Float64Array(MAX_DIMS),
  step: new Float64Array(MAX_DIMS),
  free: [] as number[],
  matrix: new Float64Array(MAX_DIMS * MAX_DIMS),
  rhs: new Float64Array(MAX_DIMS),
};

/** Index of a_ij (i ≤ j) in the packed upper triangle of a 3 × 3 matrix. */
const PACKED = [
  [0, 1, 2],
  [1, 3, 4],
  [2, 4, 5],
];

/**
 * Minimise a sum of squares over a box by Levenberg–Marquardt with
 * Marquardt's diagonal scaling (Levenberg 1944; Marquardt 1963, "An
 * algorithm for least-squares estimation of nonlinear parameters", SIAM J.
 * Appl. Math. 11(2): 431–441; Nocedal & Wright, Numerical Optimization, 2nd
 * ed., §10.3): each step solves (JᵀJ + λ diag(JᵀJ)) δ = −Jᵀe, is projected
 * onto the box, and is kept only when it lowers S; λ follows Nielsen's rule
 * (Madsen, Nielsen & Tingleff 2004, §3.2) on the ratio of the actual to the predicted gain.
 * Parameters at a bound whose gradient points out of the box are held there
 * for the step (the active set of a projected method, Nocedal & Wright §16.7),
 * so a minimum on the boundary (β = 0 for a series without trend, α = 1 for
 * a random walk) is reached exactly; a parameter with equal bounds is fixed.
 *
 * Why this rather than a derivative-free search: the smoothing recursions
 * give their Jacobian in the same pass as their errors, and Gauss–Newton
 * needs about a tenth of the passes Nelder–Mead needs in two or three
 * dimensions, which is what makes automatic selection over thousands of
 * series fast. `x` holds the start on entry and the minimiser on return.
 * Stops when a kept step moves no parameter by more than 10⁻⁶ and lowers S by
 * less than `tolerance` × S, when the step vanishes, or after `maxPasses`.
 */
export function minimizeLeastSquares(
  pass: LeastSquaresPass,
  x: Float64Array,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  dims: number,
  options: { tolerance?: number; maxPasses?: number } = {},
): LeastSquaresMinimum {
  const tolerance = options.tolerance ?? 1e-10;
  const maxPasses = options.maxPasses ?? 100;
  const { current, trial, candidate, step, free } = SCRATCH;
  for (let i = 0; i < dims; i++) x[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
  let value = pass(x, current);
  let passes = 1;
  let lambda = 1e-3;
  let raise = 2;
  while (passes < maxPasses && value > 0) {
    free.length = 0;
    for (let i = 0; i < dims; i++) {
      const g = current[6 + i];
      const pinned = lower[i] === upper[i] || (x[i] <= lower[i] && g > 0) || (x[i] >= upper[i] && g < 0);
      if (!pinned) free.push(i);
    }
    if (free.length === 0) break;
    if (!solveDamped(current, free, lambda, step)) {
      lambda *= 4;
      if (lambda > 1e16) break;
      continue;
    }
    let moved = 0;
    candidate.set(x.subarray(0, dims));
    for (const i of free) {
      candidate[i] = Math.min(upper[i], Math.max(lower[i], x[i] + step[i]));
      step[i] = candidate[i] - x[i];
      moved = Math.max(moved, Math.abs(step[i]));
    }
    if (moved <= 1e-12) break;
    // The reduction of ½S the Gauss–Newton model predicts for the (projected) step: −δᵀg − ½δᵀ(JᵀJ)δ.
    let predicted = 0;
    for (const i of free) {
      predicted -= step[i] * current[6 + i];
      for (const j of free) predicted -= 0.5 * step[i] * current[PACKED[i][j]] * step[j];
    }
    const next = pass(candidate, trial);
    passes++;
    const ratio = predicted > 0 ? (0.5 * (value - next)) / predicted : next < value ? 1 : -1;
    if (next < value) {
      const gain = value - next;
      value = next;
      x.set(candidate.subarray(0, dims));
      current.set(trial);
      // Nielsen's update (Madsen, Nielsen & Tingleff 2004, "Methods for non-linear least squares problems", eq. 3.16):
      // a step that gained far less than predicted (the model overshoots, as Gauss–Newton does when the residuals
      // are large) raises λ, a good one lowers it.
      lambda = Math.max(lambda * Math.max(1 / 3, 1 - (2 * Math.min(ratio, 1) - 1) ** 3), 1e-12);
      raise = 2;
      // S is mostly irreducible noise, so a small gain alone does not mean convergence (a heavily damped step
      // also gains little): stop when the step was also short, or the gain negligible.
      if ((gain <= tolerance * value && moved <= 1e-6) || gain <= 1e-15 * value) break;
    } else {
      lambda *= raise;
      raise *= 2;
      if (lambda > 1e16) break;
    }
  }
  return { value, passes };
}

/** Solve (A + λ diag A) δ = −g on the free coordinates by Gaussian elimination with partial pivoting; false when singular. */
function solveDamped(packed: Float64Array, free: readonly number[], lambda: number, out: Float64Array): boolean {
  const k = free.length;
  const m = SCRATCH.matrix;
  const b = SCRATCH.rhs;
  let scale = 0;
  for (let r = 0; r < k; r++) scale = Math.max(scale, packed[PACKED[free[r]][free[r]]]);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) m[r * 3 + c] = packed[PACKED[free[r]][free[c]]];
    // Marquardt's scaling, floored so a parameter the errors barely depend on still gets a bounded step.
    m[r * 3 + r] += lambda * Math.max(m[r * 3 + r], 1e-12 * scale + 1e-300);
    b[r] = -packed[6 + free[r]];
  }
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r * 3 + c]) > Math.abs(m[pivot * 3 + c])) pivot = r;
    if (!(Math.abs(m[pivot * 3 + c]) > 0)) return false;
    if (pivot !== c) {
      for (let j = 0; j < k; j++) {
        const swap = m[c * 3 + j];
        m[c * 3 + j] = m[pivot * 3 + j];
        m[pivot * 3 + j] = swap;
      }
      const swap = b[c];
      b[c] = b[pivot];
      b[pivot] = swap;
    }
    for (let r = c + 1; r < k; r++) {
      const factor = m[r * 3 + c] / m[c * 3 + c];
      for (let j = c; j < k; j++) m[r * 3 + j] -= factor * m[c * 3 + j];
      b[r] -= factor * b[c];
    }
  }
  for (let r = k - 1; r >= 0; r--) {
    let sum = b[r];
    for (let j = r + 1; j < k; j++) sum -= m[r * 3 + j] * out[free[j]];
    out[free[r]] = sum / m[r * 3 + r];
    if (!Number.isFinite(out[free[r]])) return false;
  }
  return true;
}
