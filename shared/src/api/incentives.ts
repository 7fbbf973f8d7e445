import { z } from "zod";
import { mustBe } from "../validation/mustBe";
import { labelText } from "./text";

/*
 * Sales incentives on profitability after cost-to-serve, on the wire: the plan
 * finance configures and the report per account owner and customer segment.
 * Only figures: no payroll.
 */

const share = z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).max(1, "must be at most 1 (100 %)");

export const incentiveFloorSchema = z.object({
  /** a customer segment label, as in the customer assignments */
  segment: labelText(),
  /** margin after cost-to-serve as a share of revenue (0.05 = 5 %) below which an account of the segment earns nothing */
  minMarginPct: z.number(mustBe.number).finite().min(-1, mustBe.atLeast(-1)).max(1, "must be at most 1 (100 %)"),
});

export const incentivePlanSchema = z.object({
  /** the share of margin after cost-to-serve an owner earns (0.03 = 3 %) */
  share,
  floors: z
    .array(incentiveFloorSchema, "must be a list of floors")
    .max(200, "at most 200 floors")
    .default([])
    .superRefine((floors, ctx) => {
      const seen = new Set<string>();
      floors.forEach((f, i) => {
        if (seen.has(f.segment)) ctx.addIssue({ code: "custom", path: [i, "segment"], message: `segment ${f.segment} has a floor already` });
        seen.add(f.segment);
      });
    }),
});
export type IncentivePlan = z.output<typeof incentivePlanSchema>;

export const incentivePlanResponseSchema = z.object({
  /** null until finance stores a plan: there is no default plan */
  plan: incentivePlanSchema.nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type IncentivePlanResponse = z.output<typeof incentivePlanResponseSchema>;

const week = z.coerce.number<unknown>(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).max(100_000, mustBe.atMost(100_000));
export const incentiveReportQuerySchema = z
  .object({ from: week.optional(), to: week.optional() })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ["to"], message: "must be at or after from" });
export type IncentiveReportQuery = z.output<typeof incentiveReportQuerySchema>;

const figures = {
  customers: z.number().int(),
  revenue: z.number(),
  grossMargin: z.number(),
  costToServe: z.number(),
  marginAfterCts: z.number(),
  /** margin after cost-to-serve / revenue; null without revenue */
  marginAfterCtsPct: z.number().nullable(),
  /** the incentive under the plan; null when no plan is stored */
  incentive: z.number().nullable(),
};

export const incentiveSegmentRowSchema = z.object({
  owner: z.string(),
  segment: z.string(),
  ...figures,
  /** the plan's floor for the segment (null: none) */
  floor: z.number().nullable(),
  /** accounts whose margin after cost-to-serve % fell below the floor, and the margin they held */
  belowFloor: z.number().int(),
  marginBelowFloor: z.number(),
});
export type IncentiveSegmentRow = z.output<typeof incentiveSegmentRowSchema>;

export const incentiveOwnerRowSchema = z.object({ owner: z.string(), ...figures, belowFloor: z.number().int() });
export type IncentiveOwnerRow = z.output<typeof incentiveOwnerRowSchema>;

export const incentiveReportSchema = z.object({
  window: z.object({ fromWeek: z.number().int(), toWeek: z.number().int() }),
  plan: incentivePlanSchema.nullable(),
  /** plain words: which plan, which rates, how cost-to-serve was spread over the window */
  notes: z.array(z.string()),
  activityRatesSource: z.object({ source: z.enum(["stored", "default"]), version: z.number().nullable() }),
  owners: z.array(incentiveOwnerRowSchema),
  segments: z.array(incentiveSegmentRowSchema),
  totals: z.object(figures),
});
export type IncentiveReport = z.output<typeof incentiveReportSchema>;

/** The owner row of customers without an account owner. */
export const NO_OWNER = "(no owner)";
