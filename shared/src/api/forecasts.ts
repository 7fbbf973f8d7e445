import { z } from "zod";
import { forecastLevelSchema, forecastMethodSchema } from "../segmentation/policyTable";
import { idText, MAX_STORED_INTEGER, queryText } from "./text";

export const demandSignalSchema = z.enum(["shipments", "sell-through", "mixed"]);

/*
 * Batch forecasts over the store: a `forecastProducts` job forecasts every
 * product with order history (or those a filter keeps) with its segment
 * policy's method, in chunks other workers may take, and stores one run.
 */

/** The body of a `forecastProducts` job (POST /jobs). */
export const forecastProductsSchema = z.object({
  /** weeks forecast ahead */
  horizon: z.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(104, "must be at most 104").default(13),
  /** only these products (at most 10,000); every product with order lines when absent */
  productIds: z.array(idText()).min(1, "give at least one product, or leave the field out").max(10_000, "at most 10,000 products; leave the field out for all").optional(),
  /** only products whose current segment matches this pattern (`*` matches any text: `A*`, `*Z`) */
  segment: queryText(100).optional(),
  /** products per chunk: one chunk is one `forecastChunk` job */
  chunkSize: z.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(50_000, "must be at most 50,000").default(2000),
  /** a season length for seasonal methods (Holt-Winters, seasonal naive); none by default */
  seasonLength: z.number("must be a number").int("must be a whole number").min(2, "must be at least 2").max(52, "must be at most 52").optional(),
});
export type ForecastProducts = z.output<typeof forecastProductsSchema>;

export const FORECAST_RUN_STATUSES = ["running", "succeeded", "failed", "cancelled"] as const;

export const forecastRunSchema = z.object({
  id: z.string(),
  /** 1 for the first run, one more for each run after */
  version: z.number().int(),
  jobId: z.string(),
  horizon: z.number().int(),
  params: z.unknown(),
  /** the weeks of history read (null when the store had none) */
  firstWeek: z.number().int().nullable(),
  lastWeek: z.number().int().nullable(),
  seriesCount: z.number().int(),
  chunksTotal: z.number().int(),
  chunksDone: z.number().int(),
  status: z.enum(FORECAST_RUN_STATUSES),
  error: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  finishedAt: z.string().nullable(),
});
export type ForecastRun = z.infer<typeof forecastRunSchema>;

/** What a finished `forecastProducts` job answers. */
export const forecastProductsResultSchema = z.object({ runId: z.string(), version: z.number().int(), series: z.number().int(), chunks: z.number().int() });
export type ForecastProductsResult = z.infer<typeof forecastProductsResultSchema>;

export const forecastRowSchema = z.object({
  productId: z.string(),
  /** the product's segment when the run read it (null: no assignment) */
  segment: z.string().nullable(),
  /** the policy's method, or the one automatic selection chose */
  method: z.string(),
  /** the segment policy's forecastMethod the run used ("auto" when none is set) */
  policyMethod: forecastMethodSchema,
  pattern: z.string(),
  forecast: z.array(z.number()),
  /** standard deviation of the one-step in-sample errors */
  sigma: z.number().nullable(),
  /** in-sample one-step MAE over the naive method's (MASE, Hyndman & Koehler 2006); null when the naive error is 0 */
  mase: z.number().nullable(),
  /** in-sample one-step Σ|e| / Σ|y|; null when every actual is 0 */
  wape: z.number().nullable(),
  /** CFE / MAD of the last 13 one-step errors (Brown's tracking signal); null when they are all 0 or the run predates it */
  trackingSignal: z.number().nullable().optional(),
  /** the level the product was forecast at: "item", or "family" (its share of its category's forecast, the segment policy's forecastLevel) */
  level: forecastLevelSchema,
  /** the family (category) of a family-level forecast; null at item level */
  family: z.string().nullable(),
  /** the history the forecast was fitted to: shipments, the sell-through of accounts whose customer-segment policy asks for it, or both (mixed); null for runs before it was stored */
  signal: demandSignalSchema.nullable().optional(),
  /**
   * the forecast-error standard deviation for h = 1 … horizon (issue 22): analytic for SES, Holt, damped and
   * Holt-Winters (Hyndman et al. 2008 Table 6.1), from in-sample h-step errors otherwise; a family-level row's is its
   * one-step sd grown as its family's. 80 % / 95 % intervals are forecast ± 1.2816 / 1.96 × it, clipped at 0 (the
   * Croston family's are empirical quantiles in shared predictionIntervals). Null for runs before it or when no
   * spread could be measured.
   */
  errorSd: z.array(z.number()).nullable().optional(),
});
export type ForecastRow = z.infer<typeof forecastRowSchema>;

export const listForecastRunsSchema = z.object({
  limit: z.coerce.number<unknown>().int().min(1).max(500).default(50),
  offset: z.coerce.number<unknown>().int().min(0).max(MAX_STORED_INTEGER).default(0),
});
export type ListForecastRuns = z.output<typeof listForecastRunsSchema>;

export const forecastRunPageSchema = z.object({ runs: z.array(forecastRunSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const forecastRunIdSchema = z.object({ id: z.uuid("must be a forecast run id (a UUID)") });

export const readForecastsSchema = z.object({
  productId: queryText(100).optional(),
  /** a segment label, or a pattern with `*` */
  segment: queryText(100).optional(),
  limit: z.coerce.number<unknown>().int().min(1).max(1000).default(100),
  offset: z.coerce.number<unknown>().int().min(0).max(MAX_STORED_INTEGER).default(0),
});
export type ReadForecasts = z.output<typeof readForecastsSchema>;

export const forecastPageSchema = z.object({ run: forecastRunSchema, forecasts: z.array(forecastRowSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type ForecastPage = z.infer<typeof forecastPageSchema>;
