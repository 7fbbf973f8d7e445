import { DomainError } from "../errors";
import { toFittedModel } from "./fittedModel";
import { levelJacobian, runTrend, runTrend4, trendForecast, trendJacobian } from "./kernels";
import { estimateSmoothingConstants } from "./estimateSmoothingConstants";
import { PHI_BOUNDS, type ResolvedModelOptions } from "./schemas";
import type { FittedModel, ModelParameters, ParameterName } from "./types";

type TrendKind = "ses" | "holt" | "damped";

const NAMES: readonly ParameterName[] = ["alpha", "beta", "phi"];

/**
 * The shared fitter of SES, Holt and the damped trend on a validated series
 * (see those functions for the conventions). Parameters left out minimise
 * the in-sample squared one-step error ({@link estimateSmoothingConstants}:
 * a start grid, or `start` — estimates on a shorter window of the same
 * series, which automatic selection passes when it refits — then bounded
 * Levenberg–Marquardt on the analytic Jacobian of the recursion).
 */
export function fitTrendModel(kind: TrendKind, y: Float64Array, opts: ResolvedModelOptions, start?: ModelParameters): FittedModel {
  const n = y.length;
  const hasTrend = kind !== "ses";
  if (hasTrend && n < 2 && (opts.initialLevel === undefined || opts.initialTrend === undefined)) {
    throw new DomainError("history", `expected at least 2 periods for a trend (b₀ = y₁ − y₀), got ${n}`, "invalid");
  }
  const level0 = opts.initialLevel ?? y[0];
  const trend0 = hasTrend ? (opts.initialTrend ?? y[1] - y[0]) : 0;
  const given = [opts.alpha, hasTrend ? opts.beta : 0, kind === "damped" ? opts.phi : 1];
  const { x, estimated } = estimateTrendParameters(y, n, level0, trend0, given, start);
  const [alpha, beta, phi] = x;
  const state = new Float64Array(2);
  const fitted = new Float64Array(n);
  const sse = runTrend(y, n, alpha, beta, phi, level0, trend0, fitted, state);
  const forecast = new Float64Array(opts.horizon);
  trendForecast(state, phi, opts.horizon, forecast);
  const reported = kind === "ses" ? { alpha, initialLevel: level0 } : kind === "holt" ? { alpha, beta, initialLevel: level0, initialTrend: trend0 } : { alpha, beta, phi, initialLevel: level0, initialTrend: trend0 };
  return toFittedModel(kind, fitted, forecast, reported, estimated, sse);
}

/**
 * (α, β*, φ) with the given ones fixed and the rest estimated: α and β* in
 * [0, 1], φ in {@link PHI_BOUNDS}.
 */
export function estimateTrendParameters(y: Float64Array, n: number, level0: number, trend0: number, given: ReadonlyArray<number | undefined>, start?: ModelParameters): { x: Float64Array; estimated: ParameterName[] } {
  const lower = new Float64Array(3);
  const upper = new Float64Array(3);
  const x = new Float64Array(3);
  const free: number[] = [];
  for (let i = 0; i < 3; i++) {
    const value = given[i];
    if (value !== undefined) {
      lower[i] = upper[i] = x[i] = value;
      continue;
    }
    lower[i] = i === 2 ? PHI_BOUNDS[0] : 0;
    upper[i] = i === 2 ? PHI_BOUNDS[1] : 1;
    free.push(i);
  }
  if (free.length === 0) return { x, estimated: [] };
  const state = new Float64Array(2);
  const sseAt = (point: Float64Array) => runTrend(y, n, point[0], point[1], point[2], level0, trend0, null, state);
  const warm = start !== undefined && free.every((i) => start[NAMES[i]] !== undefined);
  if (warm) for (const i of free) x[i] = start[NAMES[i]] as number;
  // SES proper (no trend at all) has the cheaper one-state Jacobian.
  const levelOnly = upper[1] === 0 && trend0 === 0;
  const pass = levelOnly
    ? (point: Float64Array, out: Float64Array) => levelJacobian(y, n, point[0], level0, out)
    : (point: Float64Array, out: Float64Array) => trendJacobian(y, n, point[0], point[1], point[2], level0, trend0, out);
  estimateSmoothingConstants(sseAt, pass, x, lower, upper, free, levelOnly ? 1 : 3, warm, (points, out) => runTrend4(y, n, points, level0, trend0, out));
  return { x, estimated: free.map((i) => NAMES[i]) };
}
