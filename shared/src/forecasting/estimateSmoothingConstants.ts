import { minimizeLeastSquares, type LeastSquaresPass } from "./minimizeLeastSquares";

/** The SSE at four points, packed three coordinates each in `points`, into out[0..3]. */
export type SseOfFour = (points: Float64Array, out: Float64Array) => void;

/** Points of the start grid for one free parameter (the ends included). */
export const GRID_POINTS = 11;

/**
 * Estimate the free coordinates of `x` (indices `free`; the others stay as
 * given, with lower = upper) by minimising an in-sample sum of squared
 * one-step errors: from `x` itself when `warm` (estimates on a shorter window
 * of the same series), else from the best point of a start grid — 11 points
 * for one free parameter, 3 per parameter (¼, ½, ¾ of each range) for two or
 * three, a guard against the occasional second minimum of an SSE surface —
 * then bounded Levenberg–Marquardt on the recursion's analytic Jacobian
 * ({@link minimizeLeastSquares}). A grid end may be a local minimum on the
 * boundary with a lower one just inside (SSE(α) can rise then dip), so from
 * an end the search is repeated from half a grid step inwards and the better
 * kept. Returns the SSE reached; `x` holds the estimates. `sseAt4`, when
 * given, scores four grid points per pass (three coordinates each).
 */
export function estimateSmoothingConstants(
  sseAt: (x: Float64Array) => number,
  pass: LeastSquaresPass,
  x: Float64Array,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  free: readonly number[],
  dims: number,
  warm: boolean,
  sseAt4?: SseOfFour,
): number {
  if (free.length === 0) return sseAt(x);
  if (!warm) latticeStart(sseAt, x, lower, upper, free, sseAt4);
  const i = free[0];
  const atEnd = !warm && free.length === 1 && (x[i] === lower[i] || x[i] === upper[i]);
  const inward = atEnd ? Float64Array.from(x) : x;
  const value = minimizeLeastSquares(pass, x, lower, upper, dims).value;
  if (!atEnd) return value;
  const halfStep = (upper[i] - lower[i]) / (2 * (GRID_POINTS - 1));
  inward[i] += inward[i] === lower[i] ? halfStep : -halfStep;
  const again = minimizeLeastSquares(pass, inward, lower, upper, dims).value;
  if (again >= value) return value;
  x.set(inward);
  return again;
}

const BATCH = { points: new Float64Array(12), values: new Float64Array(4) };

function latticeStart(f: (x: Float64Array) => number, x: Float64Array, lower: ArrayLike<number>, upper: ArrayLike<number>, free: readonly number[], f4?: SseOfFour): void {
  const trial = Float64Array.from(x);
  const { points, values } = BATCH;
  let bestValue = Infinity;
  const levels = free.length === 1 ? GRID_POINTS : 3;
  const total = levels ** free.length;
  for (let code = 0; code < total; code += f4 ? 4 : 1) {
    const count = f4 ? Math.min(4, total - code) : 1;
    for (let j = 0; j < count; j++) {
      let rest = code + j;
      for (const i of free) {
        const k = rest % levels;
        rest = (rest - k) / levels;
        trial[i] = levels === GRID_POINTS ? lower[i] + (k / (levels - 1)) * (upper[i] - lower[i]) : lower[i] + ((k + 1) / 4) * (upper[i] - lower[i]);
      }
      if (f4) points.set(trial.subarray(0, 3), 3 * j);
      else values[0] = f(trial);
    }
    // A short last batch repeats its first point in the unused slots.
    if (f4) {
      for (let j = count; j < 4; j++) points.copyWithin(3 * j, 0, 3);
      f4(points, values);
    }
    for (let j = 0; j < count; j++) {
      if (values[j] < bestValue) {
        bestValue = values[j];
        if (f4) x.set(points.subarray(3 * j, 3 * j + 3));
        else x.set(trial);
      }
    }
  }
}
