import { goldenSection } from "../numeric/goldenSection";

/** What {@link minimizeBounded} found. */
export interface BoundedMinimum {
  x: number[];
  value: number;
  evaluations: number;
}

/**
 * Minimise f over a box [lower, upper] (the in-sample squared one-step error
 * of a smoothing model as a function of its smoothing constants).
 *
 * One dimension: a grid of `gridPoints` (default 11) over the interval, then
 * golden-section search (Kiefer 1953; Press et al., Numerical Recipes 3rd ed.
 * §10.2) on the bracket around the best grid point, to `tolerance`.
 * The grid guards against the local minima SSE curves can have.
 *
 * With a `start` (a warm start, e.g. the estimate on the same series less
 * its last periods) the grid or lattice is skipped and the search begins there.
 *
 * Two or more dimensions: a lattice of 3 points per dimension, then
 * Nelder & Mead (1965) from the best lattice point with the standard
 * coefficients (reflection 1, expansion 2, contraction ½, shrink ½; Numerical
 * Recipes §10.5), every trial point clipped to the box, until the simplex's
 * function values differ by less than `tolerance` × (|f| + tiny) or
 * `maxEvaluations` is spent.
 *
 * Deterministic: no random restarts.
 */
export function minimizeBounded(
  f: (x: number[]) => number,
  lower: readonly number[],
  upper: readonly number[],
  options: { gridPoints?: number; tolerance?: number; maxEvaluations?: number; start?: readonly number[] } = {},
): BoundedMinimum {
  const dims = lower.length;
  return dims === 1
    ? golden(f, lower[0], upper[0], options.gridPoints ?? 11, options.tolerance ?? 1e-4, options.start?.[0])
    : nelderMead(f, lower, upper, options.tolerance ?? 1e-8, options.maxEvaluations ?? 60 * dims, options.start);
}

function golden(f: (x: number[]) => number, lo: number, hi: number, gridPoints: number, tolerance: number, start?: number): BoundedMinimum {
  const point = [0];
  const at = (x: number) => {
    point[0] = x;
    return f(point);
  };
  let evaluations = 0;
  let bestX = lo;
  let best = Infinity;
  // A start (the estimate on a shorter window of the same series) replaces the grid: bracket ± one grid step around it.
  const step = (hi - lo) / (gridPoints - 1);
  if (start !== undefined) {
    bestX = Math.min(hi, Math.max(lo, start));
    best = at(bestX);
    evaluations++;
  }
  for (let i = 0; start === undefined && i < gridPoints; i++) {
    const x = i === gridPoints - 1 ? hi : lo + i * step;
    const v = at(x);
    evaluations++;
    if (v < best) {
      best = v;
      bestX = x;
    }
  }
  const bracket = goldenSection(at, Math.max(lo, bestX - step), Math.min(hi, bestX + step), (a, b) => b - a > tolerance);
  evaluations += bracket.evaluations;
  const [c, fc, d, fd] = [bracket.x1, bracket.f1, bracket.x2, bracket.f2];
  if (fc < best) {
    best = fc;
    bestX = c;
  }
  if (fd < best) {
    best = fd;
    bestX = d;
  }
  return { x: [bestX], value: best, evaluations };
}

function nelderMead(f: (x: number[]) => number, lower: readonly number[], upper: readonly number[], tolerance: number, maxEvaluations: number, given?: readonly number[]): BoundedMinimum {
  const dims = lower.length;
  const clip = (x: number[]) => x.map((v, i) => Math.min(upper[i], Math.max(lower[i], v)));
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations++;
    return f(x);
  };

  // Lattice start: 3 points per dimension at ¼, ½, ¾ of each range, unless a start is given.
  let start = given ? clip([...given]) : lower.map((l, i) => (l + upper[i]) / 2);
  let startValue = given ? value(start) : Infinity;
  const total = given ? 0 : 3 ** dims;
  for (let code = 0; code < total; code++) {
    let rest = code;
    const x = lower.map((l, i) => {
      const k = rest % 3;
      rest = Math.floor(rest / 3);
      return l + ((k + 1) / 4) * (upper[i] - l);
    });
    const v = value(x);
    if (v < startValue) {
      startValue = v;
      start = x;
    }
  }

  const simplex: number[][] = [start];
  const values: number[] = [startValue];
  for (let i = 0; i < dims; i++) {
    const x = [...start];
    const span = (upper[i] - lower[i]) / (given ? 20 : 8);
    x[i] = x[i] + span <= upper[i] ? x[i] + span : x[i] - span;
    simplex.push(x);
    values.push(value(x));
  }
  const order = simplex.map((_, i) => i);
  while (evaluations < maxEvaluations) {
    order.sort((a, b) => values[a] - values[b]);
    const best = order[0];
    const worst = order[dims];
    const secondWorst = order[dims - 1];
    if (Math.abs(values[worst] - values[best]) <= tolerance * (Math.abs(values[best]) + 1e-20)) break;
    const centroid = new Array<number>(dims).fill(0);
    for (const k of order.slice(0, dims)) for (let i = 0; i < dims; i++) centroid[i] += simplex[k][i] / dims;
    const along = (t: number) => clip(centroid.map((c, i) => c + t * (simplex[worst][i] - c)));
    const reflected = along(-1);
    const fr = value(reflected);
    if (fr < values[best]) {
      const expanded = along(-2);
      const fe = value(expanded);
      if (fe < fr) {
        simplex[worst] = expanded;
        values[worst] = fe;
      } else {
        simplex[worst] = reflected;
        values[worst] = fr;
      }
    } else if (fr < values[secondWorst]) {
      simplex[worst] = reflected;
      values[worst] = fr;
    } else {
      const contracted = fr < values[worst] ? along(-0.5) : along(0.5);
      const fcon = value(contracted);
      if (fcon < Math.min(fr, values[worst])) {
        simplex[worst] = contracted;
        values[worst] = fcon;
      } else {
        for (const k of order.slice(1)) {
          simplex[k] = clip(simplex[k].map((v, i) => simplex[best][i] + 0.5 * (v - simplex[best][i])));
          values[k] = value(simplex[k]);
        }
      }
    }
  }
  let bestIndex = 0;
  for (let k = 1; k <= dims; k++) if (values[k] < values[bestIndex]) bestIndex = k;
  return { x: simplex[bestIndex], value: values[bestIndex], evaluations };
}
