import { z } from "zod";
import { MAX_STORED_INTEGER, queryText } from "./text";

/* Inventory risk per product on the wire: aging actions, slow-mover reorder points, push or pull. */

const page = {
  product: queryText(100).optional(),
  limit: z.coerce.number<unknown>().int().min(1).max(5000).default(200),
  offset: z.coerce.number<unknown>().int().min(0).max(MAX_STORED_INTEGER).default(0),
};
const skippedSchema = z.array(z.object({ productId: z.string(), reason: z.string() }));

export const agingQuerySchema = z.object({
  ...page,
  /** months of supply above which stock is excess */
  monthsOfSupply: z.coerce.number<unknown>().gt(0).max(1200).default(12),
  /** trailing weeks without an order that make a product dormant (write-down after twice as many) */
  noDemandWeeks: z.coerce.number<unknown>().int().min(1).max(520).default(26),
});
export type AgingQuery = z.output<typeof agingQuerySchema>;

export const agingReportSchema = z.object({
  /** the stock snapshot read (its latest date); null without snapshots */
  snapshotDate: z.string().nullable(),
  /** weeks of order history the demand is measured over */
  weeks: z.number().int(),
  /** products with stock on the snapshot */
  total: z.number().int(),
  excessValue: z.number(),
  withActions: z.number().int(),
  items: z.array(
    z.object({
      rank: z.number().int(),
      productId: z.string(),
      productName: z.string(),
      segment: z.string(),
      onHand: z.number(),
      value: z.number(),
      monthlyDemand: z.number(),
      monthsOfSupply: z.number().nullable(),
      weeksWithoutDemand: z.number().int(),
      excessUnits: z.number(),
      excessValue: z.number(),
      actions: z.array(z.string()),
      reason: z.string(),
    }),
  ),
});
export type AgingReport = z.infer<typeof agingReportSchema>;

export const slowMoverQuerySchema = z.object(page);
export type SlowMoverQuery = z.output<typeof slowMoverQuerySchema>;

export const slowMoverReportSchema = z.object({
  weeks: z.number().int(),
  /** intermittent products (average inter-demand interval ≥ adiCutoff weeks) */
  total: z.number().int(),
  adiCutoff: z.number(),
  items: z.array(
    z.object({
      productId: z.string(),
      productName: z.string(),
      segment: z.string(),
      /** average weeks between orders */
      adi: z.number(),
      /** the weekly demand mean used: the history's, or the newest closed forecast review's outcome over its weeks still ahead */
      weeklyMean: z.number(),
      /** where weeklyMean comes from; the sd is always the history's */
      demandSource: z.enum(["order history", "forecast review"]),
      /** the forecast review read, when demandSource is "forecast review" */
      forecastReviewId: z.string().nullable(),
      weeklySd: z.number(),
      leadTimeWeeks: z.number(),
      reviewWeeks: z.number(),
      serviceLevel: z.number(),
      distribution: z.enum(["poisson", "negative_binomial", "normal"]),
      reorderPoint: z.number(),
      safetyStock: z.number(),
      leadTimeDemandMean: z.number(),
      /** the cycle service level the reorder point achieves (≥ the target where the distribution jumps) */
      achievedServiceLevel: z.number(),
      reason: z.string(),
    }),
  ),
  skipped: skippedSchema,
});
export type SlowMoverReport = z.infer<typeof slowMoverReportSchema>;

export const pushPullQuerySchema = z.object({
  ...page,
  /** demand CoV above which finished goods are not pushed (the X/Y boundary) */
  cvCutoff: z.coerce.number<unknown>().gt(0).max(100).default(0.5),
});
export type PushPullQuery = z.output<typeof pushPullQuerySchema>;

export const pushPullReportSchema = z.object({
  total: z.number().int(),
  push: z.number().int(),
  pull: z.number().int(),
  derived: z.number().int(),
  items: z.array(
    z.object({
      productId: z.string(),
      productName: z.string(),
      segment: z.string(),
      /** what the segment's policy says: push, pull or derive */
      policySupplyMode: z.enum(["push", "pull", "derive"]),
      /** what the product is run with */
      supplyMode: z.enum(["push", "pull"]),
      source: z.enum(["policy", "derived"]),
      /** the push/pull rule's strategy */
      strategy: z.enum(["push", "pull", "push_pull"]),
      leadTimeDays: z.number(),
      toleratedLeadTimeDays: z.number(),
      /** P/D; null when D = 0 < P (no tolerance) */
      pdRatio: z.number().nullable(),
      demandCv: z.number(),
      stockedLeadTimeDays: z.number(),
      reason: z.string(),
    }),
  ),
  skipped: skippedSchema,
});
export type PushPullReport = z.infer<typeof pushPullReportSchema>;
