import { estimateSmoothingConstants } from "./estimateSmoothingConstants";
import { toFittedModel } from "./fittedModel";
import { crostonJacobian, firstDemand, runCroston, runTsb, tsbJacobian } from "./kernels";
import type { ResolvedModelOptions } from "./schemas";
import type { FittedModel, ModelParameters, ParameterName } from "./types";

export type CrostonVariant = "croston" | "sba" | "sbj";

/** The bias correction factor applied to z/p: Croston 1; SBA 1 − β/2; SBJ 1 − β/(2 − β). */
export function crostonCorrection(variant: CrostonVariant, beta: number): number {
  return variant === "croston" ? 1 : variant === "sba" ? 1 - beta / 2 : 1 - beta / (2 - beta);
}

/**
 * Croston, SBA and SBJ on a validated non-negative series. β (interval)
 * defaults to α (size), as in Croston's paper and R forecast's croston();
 * α left out is estimated (with β tied to it unless β is given) by
 * minimising the in-sample squared one-step error over the periods after the
 * first demand (11-point grid, then bounded Levenberg–Marquardt:
 * {@link estimateSmoothingConstants}).
 */
export function fitCrostonFamily(variant: CrostonVariant, y: Float64Array, opts: ResolvedModelOptions, start?: ModelParameters): FittedModel {
  const n = y.length;
  const first = firstDemand(y, n);
  const state = new Float64Array(3);
  const tied = opts.beta === undefined;
  const x = new Float64Array([opts.alpha ?? 0, opts.beta ?? 0]);
  const estimated: ParameterName[] = [];
  if (opts.alpha === undefined) {
    estimated.push("alpha");
    const betaOf = (point: Float64Array) => (tied ? point[0] : point[1]);
    const warm = start?.alpha !== undefined;
    if (warm) x[0] = start.alpha as number;
    estimateSmoothingConstants(
      (point) => runCroston(y, n, point[0], betaOf(point), crostonCorrection(variant, betaOf(point)), first, null, state),
      (point, out) => {
        const beta = betaOf(point);
        return crostonJacobian(y, n, point[0], beta, crostonCorrection(variant, beta), correctionSlope(variant, beta), first, tied, out);
      },
      x,
      [0, x[1]],
      [1, x[1]],
      [0],
      1,
      warm,
    );
  }
  const alpha = x[0];
  const beta = tied ? alpha : x[1];
  const fitted = new Float64Array(n);
  const sse = runCroston(y, n, alpha, beta, crostonCorrection(variant, beta), first, fitted, state);
  const forecast = new Float64Array(opts.horizon).fill(state[2]);
  return toFittedModel(variant, fitted, forecast, { alpha, beta }, estimated, sse);
}

/** d(correction)/dβ: 0, −½, −2/(2 − β)². */
function correctionSlope(variant: CrostonVariant, beta: number): number {
  return variant === "croston" ? 0 : variant === "sba" ? -0.5 : -2 / ((2 - beta) * (2 - beta));
}

/**
 * TSB on a validated non-negative series. α (size) and β (probability) left
 * out are estimated jointly by minimising the in-sample squared one-step
 * error (start grid, then bounded Levenberg–Marquardt: {@link estimateSmoothingConstants}).
 */
export function fitTsbModel(y: Float64Array, opts: ResolvedModelOptions, start?: ModelParameters): FittedModel {
  const n = y.length;
  const first = firstDemand(y, n);
  const state = new Float64Array(3);
  const x = new Float64Array([opts.alpha ?? 0, opts.beta ?? 0]);
  const lower = [opts.alpha ?? 0, opts.beta ?? 0];
  const upper = [opts.alpha ?? 1, opts.beta ?? 1];
  const free: number[] = [];
  const estimated: ParameterName[] = [];
  if (opts.alpha === undefined) {
    free.push(0);
    estimated.push("alpha");
  }
  if (opts.beta === undefined) {
    free.push(1);
    estimated.push("beta");
  }
  const warm = free.length > 0 && estimated.every((name) => start?.[name] !== undefined);
  if (warm) for (const i of free) x[i] = start?.[i === 0 ? "alpha" : "beta"] as number;
  estimateSmoothingConstants(
    (point) => runTsb(y, n, point[0], point[1], first, null, state),
    (point, out) => tsbJacobian(y, n, point[0], point[1], first, out),
    x,
    lower,
    upper,
    free,
    2,
    warm,
  );
  const [alpha, beta] = x;
  const fitted = new Float64Array(n);
  const sse = runTsb(y, n, alpha, beta, first, fitted, state);
  const forecast = new Float64Array(opts.horizon).fill(state[2]);
  return toFittedModel("tsb", fitted, forecast, { alpha, beta }, estimated, sse);
}
