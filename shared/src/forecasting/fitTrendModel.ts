import { DomainError } from "../errors";
import { estimateParameters, type FreeParameter } from "./estimateParameters";
import { toFittedModel } from "./fittedModel";
import { runTrend, trendForecast } from "./kernels";
import { PHI_BOUNDS, type ResolvedModelOptions } from "./schemas";
import type { FittedModel, ModelParameters } from "./types";

type TrendKind = "ses" | "holt" | "damped";

/**
 * The shared fitter of SES, Holt and the damped trend on a validated series
 * (see those functions for the conventions). Parameters left out are found
 * by {@link estimateParameters}: a 1-D grid + golden-section search for one
 * free parameter, lattice + bounded Nelder–Mead for two or three; `start`
 * (estimates on a shorter window of the same series) warm-starts the search.
 */
export function fitTrendModel(kind: TrendKind, y: Float64Array, opts: ResolvedModelOptions, start?: ModelParameters): FittedModel {
  const n = y.length;
  const hasTrend = kind !== "ses";
  if (hasTrend && n < 2 && (opts.initialLevel === undefined || opts.initialTrend === undefined)) {
    throw new DomainError("history", `expected at least 2 periods for a trend (b₀ = y₁ − y₀), got ${n}`, "invalid");
  }
  const level0 = opts.initialLevel ?? y[0];
  const trend0 = hasTrend ? (opts.initialTrend ?? y[1] - y[0]) : 0;
  const state = new Float64Array(2);
  const given = {
    alpha: opts.alpha,
    beta: hasTrend ? opts.beta : 0,
    phi: kind === "damped" ? opts.phi : 1,
  };
  const free: FreeParameter[] = [];
  if (given.alpha === undefined) free.push({ name: "alpha", lower: 0, upper: 1 });
  if (given.beta === undefined) free.push({ name: "beta", lower: 0, upper: 1 });
  if (given.phi === undefined) free.push({ name: "phi", lower: PHI_BOUNDS[0], upper: PHI_BOUNDS[1] });
  const { parameters, estimated } = estimateParameters(given, free, (p) =>
    runTrend(y, n, p.alpha ?? 0, p.beta ?? 0, p.phi ?? 1, level0, trend0, null, state),
    start,
  );
  const alpha = parameters.alpha ?? 0;
  const beta = parameters.beta ?? 0;
  const phi = parameters.phi ?? 1;
  const fitted = new Float64Array(n);
  const sse = runTrend(y, n, alpha, beta, phi, level0, trend0, fitted, state);
  const forecast = new Float64Array(opts.horizon);
  trendForecast(state, phi, opts.horizon, forecast);
  const reported =
    kind === "ses"
      ? { alpha, initialLevel: level0 }
      : kind === "holt"
        ? { alpha, beta, initialLevel: level0, initialTrend: trend0 }
        : { alpha, beta, phi, initialLevel: level0, initialTrend: trend0 };
  return toFittedModel(kind, fitted, forecast, reported, estimated, sse);
}
