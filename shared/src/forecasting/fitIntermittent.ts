import { estimateParameters, type FreeParameter } from "./estimateParameters";
import { toFittedModel } from "./fittedModel";
import { firstDemand, runCroston, runTsb } from "./kernels";
import type { ResolvedModelOptions } from "./schemas";
import type { FittedModel, ModelParameters } from "./types";

export type CrostonVariant = "croston" | "sba" | "sbj";

/** The bias correction factor applied to z/p: Croston 1; SBA 1 − β/2; SBJ 1 − β/(2 − β). */
export function crostonCorrection(variant: CrostonVariant, beta: number): number {
  return variant === "croston" ? 1 : variant === "sba" ? 1 - beta / 2 : 1 - beta / (2 - beta);
}

/**
 * Croston, SBA and SBJ on a validated non-negative series. β (interval)
 * defaults to α (size), as in Croston's paper and R forecast's croston();
 * α left out is estimated (with β tied to it unless β is given) by a 1-D grid
 * + golden-section search on the in-sample squared one-step error over the
 * periods after the first demand.
 */
export function fitCrostonFamily(variant: CrostonVariant, y: Float64Array, opts: ResolvedModelOptions, start?: ModelParameters): FittedModel {
  const n = y.length;
  const first = firstDemand(y, n);
  const state = new Float64Array(3);
  const tied = opts.beta === undefined;
  const free: FreeParameter[] = opts.alpha === undefined ? [{ name: "alpha", lower: 0, upper: 1 }] : [];
  const { parameters, estimated } = estimateParameters({ alpha: opts.alpha, beta: opts.beta }, free, (p) => {
    const alpha = p.alpha ?? 0;
    const beta = tied ? alpha : (p.beta ?? 0);
    return runCroston(y, n, alpha, beta, crostonCorrection(variant, beta), first, null, state);
  }, start);
  const alpha = parameters.alpha ?? 0;
  const beta = tied ? alpha : (parameters.beta ?? 0);
  const fitted = new Float64Array(n);
  const sse = runCroston(y, n, alpha, beta, crostonCorrection(variant, beta), first, fitted, state);
  const forecast = new Float64Array(opts.horizon).fill(state[2]);
  return toFittedModel(variant, fitted, forecast, { alpha, beta }, estimated, sse);
}

/**
 * TSB on a validated non-negative series. α (size) and β (probability) left
 * out are estimated jointly by minimising the in-sample squared one-step
 * error (lattice + bounded Nelder–Mead for both, grid + golden section for one).
 */
export function fitTsbModel(y: Float64Array, opts: ResolvedModelOptions, start?: ModelParameters): FittedModel {
  const n = y.length;
  const first = firstDemand(y, n);
  const state = new Float64Array(3);
  const free: FreeParameter[] = [];
  if (opts.alpha === undefined) free.push({ name: "alpha", lower: 0, upper: 1 });
  if (opts.beta === undefined) free.push({ name: "beta", lower: 0, upper: 1 });
  const { parameters, estimated } = estimateParameters({ alpha: opts.alpha, beta: opts.beta }, free, (p) =>
    runTsb(y, n, p.alpha ?? 0, p.beta ?? 0, first, null, state),
    start,
  );
  const alpha = parameters.alpha ?? 0;
  const beta = parameters.beta ?? 0;
  const fitted = new Float64Array(n);
  const sse = runTsb(y, n, alpha, beta, first, fitted, state);
  const forecast = new Float64Array(opts.horizon).fill(state[2]);
  return toFittedModel("tsb", fitted, forecast, { alpha, beta }, estimated, sse);
}
