import { z } from "zod";

/** The models one can ask for by name; "auto" selects among them (selectForecastModel). */
export const modelMethodSchema = z.enum(["ses", "holt", "damped", "hw", "croston", "sba", "sbj", "tsb", "ma", "snaive"]);
export type ModelMethod = z.infer<typeof modelMethodSchema>;
export const MODEL_METHODS = modelMethodSchema.options;

/** Smoothing constants and structural settings of a fitted model; only those the model uses are set. */
export interface ModelParameters {
  /** level (SES, Holt, damped, HW) or demand-size (Croston family, TSB) smoothing constant α */
  alpha?: number;
  /** trend (Holt, damped, HW: β* on level differences), interval (Croston family) or demand-probability (TSB) smoothing constant β */
  beta?: number;
  /** seasonal smoothing constant γ (HW) */
  gamma?: number;
  /** damping factor φ (damped trend) */
  phi?: number;
  /** season length m (HW, seasonal naive) */
  seasonLength?: number;
  /** periods averaged k (moving average) */
  window?: number;
  /** states before the first observation (ℓ₀, b₀, s₋ₘ₊₁…s₀); Croston/TSB: size, interval or probability at the first demand */
  initialLevel?: number;
  initialTrend?: number;
  initialSeason?: number[];
}

export type ParameterName = "alpha" | "beta" | "gamma" | "phi" | "window";

/** A model fitted to one series. */
export interface FittedModel {
  method: ModelMethod;
  /** one-step-ahead fitted values ŷ_{t|t−1}, one per period; null where the model has none yet */
  fitted: Array<number | null>;
  /** ŷ_{n+1|n} … ŷ_{n+h|n} */
  forecast: number[];
  parameters: ModelParameters;
  /** the parameters estimated here (the rest were given) */
  estimated: ParameterName[];
  /** Σ (y_t − ŷ_t)² over the periods with a fitted value */
  sse: number;
  /** periods with a fitted value */
  fittedPeriods: number;
}
