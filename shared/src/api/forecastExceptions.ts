import { z } from "zod";

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
    }),
  ),
  /** what the list does not judge, in words (tracking signal: the run stores no error sequence) */
  notes: z.array(z.string()),
});
export type ForecastExceptionReport = z.infer<typeof forecastExceptionReportSchema>;
