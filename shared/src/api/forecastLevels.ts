import { z } from "zod";
import { forecastLevelSchema } from "../segmentation/policyTable";

/*
 * Forecast accuracy at both levels of a stored forecast run: item-level error
 * per segment and forecast level (the policy's forecastLevel), and the
 * family-level error of each family the run forecast top-down.
 */

export const forecastAccuracyQuerySchema = z.object({
  /** a forecast run's id; the newest run that finished when absent */
  runId: z.uuid("must be a forecast run id (a UUID)").optional(),
});
export type ForecastAccuracyQuery = z.output<typeof forecastAccuracyQuerySchema>;

export const forecastAccuracyReportSchema = z.object({
  /** the run read; null when no run has finished */
  run: z.object({ id: z.string(), version: z.number().int(), createdAt: z.string(), firstWeek: z.number().int().nullable(), lastWeek: z.number().int().nullable() }).nullable(),
  /** how the family forecasts were split to items */
  proportions: z.string(),
  /** item-level accuracy per segment and level: in-sample one-step errors of each product's own forecast (top-down: its share of the family's) */
  segments: z.array(
    z.object({
      segment: z.string().nullable(),
      level: forecastLevelSchema,
      products: z.number().int(),
      /** Σ|e| / Σ|y| over the segment's products and weeks; null when they had no demand or the run predates pooling */
      wape: z.number().nullable(),
      /** the mean of the products' MASE (Hyndman & Koehler 2006); null when none has one */
      mase: z.number().nullable(),
    }),
  ),
  /** family-level accuracy: each family forecast top-down, its aggregate's in-sample errors */
  families: z.array(
    z.object({
      family: z.string(),
      products: z.number().int(),
      method: z.string(),
      pattern: z.string(),
      /** the family's forecast for the run's horizon: its members' forecasts sum to it */
      forecast: z.array(z.number()),
      wape: z.number().nullable(),
      mase: z.number().nullable(),
    }),
  ),
  /** pooled over the run: item-level WAPE of the family-level products, and family-level WAPE of their families (Σ|E| / Σ|Y| of the aggregates) */
  familyLevel: z.object({ products: z.number().int(), itemWape: z.number().nullable(), familyWape: z.number().nullable() }),
  notes: z.array(z.string()),
});
export type ForecastAccuracyReport = z.infer<typeof forecastAccuracyReportSchema>;
