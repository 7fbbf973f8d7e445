import { z } from "zod";
import { mustBe } from "../validation/mustBe";
import { freeText, idText } from "./text";

/*
 * Forecast review with sales, on the wire. A planner publishes the next
 * periods of a finished forecast run for the products whose segment policy
 * sets `forecastReview`; sales accept each line or adjust it with an
 * assumption, within the segment's override limits; the planner closes the
 * review, and its outcome is the forecast stock-risk reads. Once the order
 * history covers the reviewed weeks, forecast value added per segment says
 * whether the review improved on the statistical forecast.
 */

const week = z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).max(100_000, mustBe.atMost(100_000));

export const publishForecastReviewSchema = z.object({
  /** weeks after the run's history to review (at most the run's horizon) */
  periods: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).max(52, mustBe.atMost(52)).default(4),
  /** the finished forecast run to publish; the newest finished one when left out */
  runId: z.uuid("must be a forecast run id (a UUID)").optional(),
});
export type PublishForecastReview = z.output<typeof publishForecastReviewSchema>;

export const forecastReviewIdSchema = z.object({ id: z.uuid("must be a forecast review id (a UUID)") });
export const forecastReviewLineParamsSchema = z.object({
  id: z.uuid("must be a forecast review id (a UUID)"),
  productId: idText(),
  week: z.coerce.number<unknown>(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).max(100_000, mustBe.atMost(100_000)),
});

const expectedVersion = z.number(mustBe.number).int(mustBe.wholeNumber).min(0, mustBe.atLeast(0)).max(2_147_483_647, mustBe.atMost(2_147_483_647));

/** Sales' answer to one line: accept the statistical figure, or adjust it with the assumption behind the new quantity. */
export const decideForecastReviewLineSchema = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("accept"), expectedVersion }),
    z.object({
      action: z.literal("adjust"),
      /** the quantity sales expect for the week */
      quantity: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
      /** why: the promotion, the tender, the lost listing (required) */
      assumption: freeText("say what the adjustment assumes (at least 3 characters)", 500),
      expectedVersion,
    }),
  ],
  "must be accept or adjust",
);
export type DecideForecastReviewLine = z.output<typeof decideForecastReviewLineSchema>;

export const REVIEW_LINE_STATUSES = ["pending", "accepted", "adjusted"] as const;

export const forecastReviewLineSchema = z.object({
  productId: z.string(),
  productName: z.string().nullable(),
  segment: z.string(),
  week,
  /** the run's statistical forecast for the week */
  statistical: z.number(),
  status: z.enum(REVIEW_LINE_STATUSES),
  /** sales' quantity when adjusted, else null */
  quantity: z.number().nullable(),
  assumption: z.string().nullable(),
  /** the forecast the review settles on: the adjusted quantity, else the statistical figure */
  outcome: z.number(),
  /** (quantity − statistical) / statistical of an adjustment; null otherwise or when the statistical figure is 0 */
  change: z.number().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** 0 until decided, one more per decision: a decision carries the version it saw */
  version: z.number().int(),
});
export type ForecastReviewLine = z.output<typeof forecastReviewLineSchema>;

export const forecastReviewSummarySchema = z.object({
  id: z.string(),
  runId: z.string(),
  runVersion: z.number().int(),
  firstWeek: week,
  lastWeek: week,
  status: z.enum(["open", "closed"]),
  /** the product segments whose policy asks for the review */
  segments: z.array(z.string()),
  lines: z.number().int(),
  accepted: z.number().int(),
  adjusted: z.number().int(),
  pending: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type ForecastReviewSummary = z.output<typeof forecastReviewSummarySchema>;

export const forecastReviewSchema = forecastReviewSummarySchema.extend({
  /** per segment: the override limits adjustments are checked against (null: no limit) */
  limits: z.array(z.object({ segment: z.string(), overrideAllowedBy: z.array(z.string()), maxOverridePct: z.number().nullable() })),
  items: z.array(forecastReviewLineSchema),
});
export type ForecastReview = z.output<typeof forecastReviewSchema>;

export const forecastReviewListSchema = z.object({ reviews: z.array(forecastReviewSummarySchema) });

const valueAdded = {
  lines: z.number().int(),
  adjusted: z.number().int(),
  actual: z.number(),
  statisticalMae: z.number(),
  reviewedMae: z.number(),
  statisticalWape: z.number().nullable(),
  reviewedWape: z.number().nullable(),
  /** statistical MAE − reviewed MAE: above 0 the review added value */
  fvaMae: z.number(),
  /** statistical WAPE − reviewed WAPE (fraction points); null without actuals */
  fvaWape: z.number().nullable(),
};

export const forecastValueAddedSchema = z.object({
  reviewId: z.string(),
  status: z.enum(["open", "closed"]),
  /** the reviewed weeks the order history covers (null: none yet) */
  measuredWeeks: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
  segments: z.array(z.object({ segment: z.string(), ...valueAdded })),
  total: z.object(valueAdded),
  notes: z.array(z.string()),
});
export type ForecastValueAddedReport = z.output<typeof forecastValueAddedSchema>;
