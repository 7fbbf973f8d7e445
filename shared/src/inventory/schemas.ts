import { z } from "zod";
import { mustBe, numberSchema } from "../validation";

/** A probability strictly between 0 and 1: Φ⁻¹ of 0 or 1 is infinite. */
export const probabilitySchema = numberSchema({ greaterThan: 0, lessThan: 1 });
export const nonNegativeSchema = z.number(mustBe.number).finite().min(0, mustBe.atLeast(0));
export const positiveSchema = z.number(mustBe.number).finite().gt(0, mustBe.above(0));

/**
 * Demand and lead time for a cycle-service-level safety stock. Units: demand
 * per period, lead time and review period in the same periods.
 */
export const cycleServiceInputSchema = z.object({
  /** d: mean demand per period */
  demandMean: nonNegativeSchema,
  /** σd: standard deviation of demand per period (or the one-step forecast RMSE) */
  demandSd: nonNegativeSchema,
  /** L: mean replenishment lead time, periods */
  leadTime: nonNegativeSchema,
  /** CSL: probability of no stockout in a replenishment cycle */
  serviceLevel: probabilitySchema,
  /** σL: standard deviation of the lead time, periods (0 = fixed lead time) */
  leadTimeSd: nonNegativeSchema.default(0),
  /** R: review period, periods (0 = continuous review) */
  reviewPeriod: nonNegativeSchema.default(0),
});
export type CycleServiceInput = z.input<typeof cycleServiceInputSchema>;

export const fillRateInputSchema = z.object({
  demandMean: nonNegativeSchema,
  demandSd: nonNegativeSchema,
  leadTime: nonNegativeSchema,
  /** β: the Type-2 service level, the fraction of demand met from stock */
  fillRate: probabilitySchema,
  /** Q: the order quantity */
  orderQuantity: positiveSchema,
  leadTimeSd: nonNegativeSchema.default(0),
});
export type FillRateInput = z.input<typeof fillRateInputSchema>;

export const eoqInputSchema = z.object({
  /** D (λ): demand per year (or per any time unit the costs use) */
  annualDemand: nonNegativeSchema,
  /** K: fixed cost per order */
  orderCost: nonNegativeSchema,
  /** h: holding cost per unit per year */
  holdingCost: positiveSchema,
  /** p: backorder cost per unit per year; given → EOQ with planned backorders */
  backorderCost: positiveSchema.optional(),
});
export type EoqInput = z.input<typeof eoqInputSchema>;

export const baseStockInputSchema = z.object({
  demandMean: nonNegativeSchema,
  demandSd: nonNegativeSchema,
  /** h: holding cost per unit per period */
  holdingCost: positiveSchema,
  /** p: stockout (backorder) cost per unit per period */
  stockoutCost: positiveSchema,
  /** L: lead time in periods; demand is protected over L + 1 periods */
  leadTime: nonNegativeSchema.default(0),
});
export type BaseStockInput = z.input<typeof baseStockInputSchema>;

export const rqMethodSchema = z.enum(["eoq_ss", "eil", "loss", "exact"]);
export type RqMethod = z.infer<typeof rqMethodSchema>;

export const rqInputSchema = z.object({
  /** λ: mean demand per unit time */
  demandRate: nonNegativeSchema,
  /** τ: standard deviation of demand per unit time; lead-time demand sd σ = τ√L */
  demandSd: nonNegativeSchema,
  /** L: lead time, in the time unit of λ */
  leadTime: nonNegativeSchema,
  /** K: fixed cost per order */
  orderCost: positiveSchema,
  /** h: holding cost per unit per unit time */
  holdingCost: positiveSchema,
  /** p: backorder cost per unit per unit time */
  stockoutCost: positiveSchema,
  method: rqMethodSchema.default("eoq_ss"),
  /** "poisson": unit Poisson demand at rate λ (τ ignored), integer r and Q */
  distribution: z.enum(["normal", "poisson"]).default("normal"),
});
export type RqInput = z.input<typeof rqInputSchema>;

export const epqInputSchema = z.object({
  /** D: demand per year */
  annualDemand: nonNegativeSchema,
  /** K: fixed cost per production run (set-up) */
  orderCost: nonNegativeSchema,
  /** h: holding cost per unit per year */
  holdingCost: positiveSchema,
  /** P: production rate per year, in the units of D; must exceed D */
  productionRate: positiveSchema,
});
export type EpqInput = z.input<typeof epqInputSchema>;

export const discountTypeSchema = z.enum(["all_units", "incremental"]);
export type DiscountType = z.infer<typeof discountTypeSchema>;

export const eoqDiscountInputSchema = z.object({
  annualDemand: nonNegativeSchema,
  orderCost: nonNegativeSchema,
  /** i: holding cost per year as a fraction of the unit cost (h = i·c) */
  holdingRate: positiveSchema,
  /** b₀ = 0 < b₁ < …: the quantity at which each price starts */
  breakpoints: z.array(nonNegativeSchema).min(1, "must hold at least one break"),
  /** c_j: the unit price from break j on, one per break, > 0 */
  unitCosts: z.array(positiveSchema).min(1, "must hold at least one price"),
  discountType: discountTypeSchema.default("all_units"),
});
export type EoqDiscountInput = z.input<typeof eoqDiscountInputSchema>;

export const demandDistributionSchema = z.enum(["normal", "poisson"]);
export type DemandDistribution = z.infer<typeof demandDistributionSchema>;

export const newsvendorInputSchema = z.object({
  demandMean: nonNegativeSchema,
  holdingCost: positiveSchema,
  stockoutCost: positiveSchema,
  /** σ: needed for the normal, ignored for the Poisson */
  demandSd: nonNegativeSchema.optional(),
  distribution: demandDistributionSchema.default("normal"),
});
export type NewsvendorInput = z.input<typeof newsvendorInputSchema>;

export const ssPolicyInputSchema = z.object({
  /** μ: mean of the Poisson demand per period, > 0 */
  demandMean: positiveSchema,
  /** K: fixed cost per order, > 0 */
  orderCost: positiveSchema,
  /** h: holding cost per unit left at the end of a period */
  holdingCost: positiveSchema,
  /** p: backorder cost per unit short at the end of a period */
  stockoutCost: positiveSchema,
  /** L: lead time, whole periods */
  leadTime: z.number(mustBe.number).int(mustBe.wholeNumber).min(0, mustBe.atLeast(0)).default(0),
});
export type SsPolicyInput = z.input<typeof ssPolicyInputSchema>;
