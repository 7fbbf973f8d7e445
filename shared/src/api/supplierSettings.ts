import { z } from "zod";
import { mustBe } from "../validation/mustBe";

/* The assumptions supplier scorecards and sourcing recommendations rest on, stored and edited by planners. */

const share = z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).max(1, "must be at most 1 (100 %)");

/** Weights of one segment class over the scorecard's four metrics; scaled to sum to 1 when scored. */
export const metricWeightsSchema = z
  .object({ onTime: share, quality: share, leadTime: share, leadTimeVariability: share })
  .refine((w) => w.onTime + w.quality + w.leadTime + w.leadTimeVariability > 0, { path: ["onTime"], message: "at least one weight must be above 0" });
export type MetricWeights = z.output<typeof metricWeightsSchema>;

export const supplierSettingsSchema = z.object({
  /** by the product segment's ABC letter; `other` for segments that do not start with A, B or C */
  weights: z.object({ A: metricWeightsSchema, B: metricWeightsSchema, C: metricWeightsSchema, other: metricWeightsSchema }),
  sourcing: z.object({
    /** supply risk at or above this is high (Kraljic's vertical axis) */
    riskThreshold: share,
    /** criticality at or above this is high impact (Kraljic's horizontal axis) */
    impactThreshold: share,
    /** exposure = risk × criticality at or above this recommends a second source */
    dualSourcingExposure: share,
    /** exposure at or above this recommends a strategic buffer */
    bufferExposure: share,
    /** suppliers scoring below this (0–100) … */
    developmentMaxScore: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).max(100, "must be at most 100"),
    /** … with at least this share of their spend in high-impact segments are shortlisted for development */
    developmentMinHighImpactShare: share,
  }),
});
export type SupplierSettings = z.output<typeof supplierSettingsSchema>;

/** What the service assumed before the settings were stored: A-items weigh delivery, C-items quality and lead time. */
export const DEFAULT_SUPPLIER_SETTINGS: SupplierSettings = {
  weights: {
    A: { onTime: 0.4, quality: 0.2, leadTime: 0.1, leadTimeVariability: 0.3 },
    B: { onTime: 0.3, quality: 0.3, leadTime: 0.2, leadTimeVariability: 0.2 },
    C: { onTime: 0.2, quality: 0.3, leadTime: 0.3, leadTimeVariability: 0.2 },
    other: { onTime: 0.25, quality: 0.25, leadTime: 0.25, leadTimeVariability: 0.25 },
  },
  sourcing: { riskThreshold: 0.5, impactThreshold: 0.5, dualSourcingExposure: 0.3, bufferExposure: 0.2, developmentMaxScore: 60, developmentMinHighImpactShare: 0.5 },
};

export const supplierSettingsResponseSchema = supplierSettingsSchema.extend({
  /** who stored them and when; null while the defaults apply */
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type SupplierSettingsResponse = z.output<typeof supplierSettingsResponseSchema>;
