import { z } from "zod";
import { mustBe, numberSchema } from "../validation";

const unitInterval = numberSchema({ min: 0, max: 1 });

/** What a caller may fix when fitting one model; anything left out is estimated or defaulted. */
export const modelOptionsSchema = z.object({
  /** periods to forecast after the last observation */
  horizon: numberSchema({ min: 1, max: 10_000, integer: true }).default(1),
  alpha: unitInterval.optional(),
  beta: unitInterval.optional(),
  gamma: unitInterval.optional(),
  /** φ = 1 is Holt's undamped trend; φ = 0 drops the trend after one step */
  phi: numberSchema({ greaterThan: 0, max: 1 }).optional(),
  seasonLength: numberSchema({ min: 2, max: 10_000, integer: true }).optional(),
  window: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).optional(),
  initialLevel: z.number(mustBe.number).finite().optional(),
  initialTrend: z.number(mustBe.number).finite().optional(),
  initialSeason: z.array(z.number(mustBe.number).finite()).optional(),
});
export type ModelOptions = z.input<typeof modelOptionsSchema>;
export type ResolvedModelOptions = z.output<typeof modelOptionsSchema>;

/** Bounds of the damping factor when it is estimated: Hyndman et al. (2008), Forecasting with Exponential Smoothing, §5.2, the bounds of R's ets(). */
export const PHI_BOUNDS = [0.8, 0.98] as const;
