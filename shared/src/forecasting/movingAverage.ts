import { DomainError, parseWith } from "../errors";
import { toFittedModel } from "./fittedModel";
import { runMovingAverage } from "./kernels";
import { modelOptionsSchema, type ModelOptions, type ResolvedModelOptions } from "./schemas";
import { toSeries } from "./series";
import type { FittedModel } from "./types";
import { mustBe } from "../validation";

/** The longest window tried when the window is estimated: two years of months, half a year of weeks. */
export const MAX_ESTIMATED_WINDOW = 24;

/**
 * Simple moving average (a baseline; Silver, Pyke & Thomas, Inventory and
 * Production Management in Supply Chains, 4th ed., §4.5.1):
 * ŷ_t = (y_{t−k} + … + y_{t−1}) / k from period k on; the forecast is the
 * mean of the last k periods, flat. A `window` left out is chosen among
 * 1 … min(n − 1, 24) by the smallest squared one-step error over the periods
 * every candidate can forecast (t ≥ the largest window tried), so the
 * comparison is like for like.
 *
 * @throws DomainError naming `window` when it exceeds the history; `history[t]` for a bad value.
 * @example movingAverage([3, 5, 7, 9], { window: 2 }).forecast // [8]
 */
export function movingAverage(history: ArrayLike<unknown>, options: ModelOptions = {}): FittedModel {
  const opts = parseWith(modelOptionsSchema, options, "");
  return fitMovingAverage(toSeries(history, "history"), opts);
}

/** {@link movingAverage} on a validated series. */
export function fitMovingAverage(y: Float64Array, opts: ResolvedModelOptions): FittedModel {
  const n = y.length;
  if (opts.window !== undefined && opts.window > n) {
    throw new DomainError("window", `${mustBe.atMost(n)} (the periods of history), got ${opts.window}`, "out_of_range");
  }
  let window = opts.window;
  if (window === undefined) {
    const largest = Math.max(1, Math.min(n - 1, MAX_ESTIMATED_WINDOW));
    let best = Infinity;
    window = 1;
    for (let k = 1; k <= largest; k++) {
      const sse = runMovingAverage(y, n, k, largest, null);
      if (sse < best) {
        best = sse;
        window = k;
      }
    }
  }
  const fitted = new Float64Array(n);
  const sse = runMovingAverage(y, n, window, window, fitted);
  let sum = 0;
  for (let t = n - window; t < n; t++) sum += y[t];
  const forecast = new Float64Array(opts.horizon).fill(sum / window);
  return toFittedModel("ma", fitted, forecast, { window }, opts.window === undefined ? ["window"] : [], sse);
}
