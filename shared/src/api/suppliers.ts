import { z } from "zod";
import { MAX_STORED_INTEGER, queryText } from "./text";

/* Supplier scorecards from the stored performance history and sourcing recommendations per item, on the wire. */

export interface PriceBreak {
  minQty: number;
  unitPrice: number;
}

/** The metrics a stored scorecard is computed on, in column order. */
export const SCORECARD_METRICS = ["onTimeRate", "qualityPpm", "leadTimeMeanDays", "leadTimeSdDays"] as const;
export type ScorecardMetric = (typeof SCORECARD_METRICS)[number];

/** Periods are compared as text (`2026-01` < `2026-02`), so a window works for any period naming that sorts. */
export const scorecardQuerySchema = z
  .object({
    from: queryText(100).optional(),
    to: queryText(100).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ["to"], message: "must not be before from" });
export type ScorecardQuery = z.output<typeof scorecardQuerySchema>;

const metricValues = {
  onTimeRate: z.number().nullable(),
  qualityPpm: z.number().nullable(),
  leadTimeMeanDays: z.number().nullable(),
  leadTimeSdDays: z.number().nullable(),
};

const termsSchema = z.object({
  validFrom: z.string(),
  moq: z.number(),
  contractedLeadTimeDays: z.number(),
  penaltyPerLateLine: z.number(),
  priceBreaks: z.array(z.object({ minQty: z.number(), unitPrice: z.number() })),
});

export const supplierScorecardSchema = z.object({
  supplierId: z.string(),
  name: z.string(),
  /** 0–100 */
  score: z.number(),
  rank: z.number().int(),
  /** points per metric (SCORECARD_METRICS order); they sum to the score */
  contributions: z.array(z.number()),
  /** the blended weights the supplier was scored with */
  weights: z.array(z.number()),
  /** share of the supplier's products' revenue per product segment (empty: no revenue, equal weights used) */
  segments: z.array(z.object({ segment: z.string(), revenueShare: z.number() })),
  ...metricValues,
  periods: z.array(z.object({ period: z.string(), ...metricValues })),
  terms: termsSchema.nullable(),
});
export type SupplierScorecard = z.infer<typeof supplierScorecardSchema>;

export const scorecardReportSchema = z.object({
  /** the first and last period read; null when the window holds none */
  window: z.object({ from: z.string(), to: z.string() }).nullable(),
  metrics: z.array(z.enum(SCORECARD_METRICS)),
  directions: z.array(z.enum(["benefit", "cost"])),
  /** the weights per product segment the blend used */
  segmentWeights: z.array(z.object({ segment: z.string(), weights: z.array(z.number()) })),
  /** weeks of order history the revenue shares come from */
  revenueWeeks: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
  assignmentsVersion: z.number().int(),
  suppliers: z.array(supplierScorecardSchema),
  /** suppliers the window cannot score, with why */
  unscored: z.array(z.object({ supplierId: z.string(), name: z.string(), reason: z.string() })),
});
export type ScorecardReport = z.infer<typeof scorecardReportSchema>;

export const sourcingQuerySchema = z.object({
  product: queryText(100).optional(),
  limit: z.coerce.number<unknown>().int().min(1).max(1000).default(100),
  offset: z.coerce.number<unknown>().int().min(0).max(MAX_STORED_INTEGER).default(0),
});
export type SourcingQuery = z.output<typeof sourcingQuerySchema>;

export const SOURCING_KINDS = ["dualSourcing", "strategicBuffer", "vmi", "buyer", "approvalLimit"] as const;

export const sourcingItemSchema = z.object({
  productId: z.string(),
  productName: z.string(),
  supplierId: z.string(),
  supplierName: z.string(),
  segment: z.string(),
  annualUnits: z.number(),
  annualSpend: z.number(),
  /** 0–1: late share plus lead-time coefficient of variation from the history, capped at 1 */
  supplyRisk: z.number(),
  criticality: z.number(),
  exposure: z.number(),
  quadrant: z.enum(["strategic", "leverage", "bottleneck", "non-critical"]),
  buyer: z.enum(["strategic", "transactional"]),
  dualSourcing: z.boolean(),
  strategicBuffer: z.boolean(),
  vmi: z.boolean(),
  approvalLimit: z.number().nullable(),
  approver: z.string().nullable(),
  /** the supplier's lead time from the history, for the safety-stock engine (null without history) */
  leadTimeMeanDays: z.number().nullable(),
  leadTimeSdDays: z.number().nullable(),
  contractedLeadTimeDays: z.number().nullable(),
  moq: z.number().nullable(),
  supplierScore: z.number().nullable(),
  recommendations: z.array(z.object({ kind: z.enum(SOURCING_KINDS), recommended: z.boolean(), reason: z.string() })),
});
export type SourcingItem = z.infer<typeof sourcingItemSchema>;

export const sourcingReportSchema = z.object({
  total: z.number().int(),
  items: z.array(sourcingItemSchema),
  developmentShortlist: z.array(z.object({ supplierId: z.string(), name: z.string(), score: z.number(), spend: z.number(), highImpactSpend: z.number(), highImpactShare: z.number(), reason: z.string() })),
  /** segment criticality, risk and the policy the rules ran with */
  assumptions: z.object({
    criticality: z.array(z.object({ segment: z.string(), criticality: z.number() })),
    riskThreshold: z.number(),
    impactThreshold: z.number(),
    dualSourcingExposure: z.number(),
    bufferExposure: z.number(),
    approvalRules: z.array(z.object({ minSupplyRisk: z.number(), minAnnualSpend: z.number(), approvalLimit: z.number(), approver: z.string() })),
  }),
});
export type SourcingReport = z.infer<typeof sourcingReportSchema>;
