import { z } from "zod";
import { demandSignalSchema } from "./forecasts";

export const forecastExceptionsQuerySchema = z.object({
  limit: z.coerce.number<unknown>().int().min(1).max(1000).default(50),
});

export const forecastExceptionReportSchema = z.object({
  /** the stored forecast run judged (the newest that finished); null when none has */
  run: z.object({ id: z.string(), version: z.number().int(), createdAt: z.string(), firstWeek: z.number().int().nullable(), lastWeek: z.number().int().nullable() }).nullable(),
  /** products above their ceiling in all; `exceptions` holds the first `limit` */
  total: z.number().int(),
  exceptions: z.array(
    z.object({
      productId: z.string(),
      segment: z.string().nullable(),
      wape: z.number(),
      maxWape: z.number(),
      thresholdSource: z.enum(["policy", "default"]),
      valueAtRisk: z.number(),
      reason: z.string(),
      /** CFE / MAD of the product's last weeks (signed: positive when demand ran above the forecasts); null when not stored */
      trackingSignal: z.number().nullable().optional(),
      /** the |tracking signal| limit judged against: the policy's maxTrackingSignal, else the class default; null when neither sets one */
      maxTrackingSignal: z.number().nullable().optional(),
      trackingSource: z.enum(["policy", "default"]).nullable().optional(),
      /** every limit the product is beyond, in words (`reason` joins them) */
      reasons: z.array(z.string()).optional(),
      /** the history the forecast was fitted to (shipments, sell-through or mixed); null for runs before it was stored */
      signal: demandSignalSchema.nullable().optional(),
    }),
  ),
  /** products of the run per demand signal: how many forecasts read sell-through at all */
  signals: z.object({ shipments: z.number().int(), sellThrough: z.number().int(), mixed: z.number().int() }).optional(),
  /** what the list does not judge, in words (tracking signal of a run made before it was stored) */
  notes: z.array(z.string()),
});
export type ForecastExceptionReport = z.infer<typeof forecastExceptionReportSchema>;
