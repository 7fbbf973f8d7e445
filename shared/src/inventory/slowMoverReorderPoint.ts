import { z } from "zod";
import { DomainError, assertUnreachable, parseWith } from "../errors";
import { discreteDemand, type DiscreteDemand } from "./discreteDemand";
import { fillRate as normalFillRate } from "./fillRate";
import { fillRateSafetyStock } from "./fillRateSafetyStock";
import { normalCdf } from "./normalDistribution";
import { normalQuantile } from "./normalQuantile";
import { nonNegativeSchema, positiveSchema, probabilitySchema } from "./schemas";
import { mustBe } from "../validation";

export const leadTimeDemandModelSchema = z.enum(["auto", "poisson", "negative_binomial", "normal"]);
export type LeadTimeDemandModel = z.infer<typeof leadTimeDemandModelSchema>;

/** The default threshold: below 10 units of mean demand per lead time the normal is a poor fit. */
export const SLOW_MOVER_THRESHOLD = 10;

export const slowMoverInputSchema = z
  .object({
    /** d: mean demand per period */
    demandMean: nonNegativeSchema,
    /** σd: sd of demand per period; omitted → Poisson per period (σd² = d) */
    demandSd: nonNegativeSchema.optional(),
    /** L: lead time, periods */
    leadTime: nonNegativeSchema,
    /** σL: sd of the lead time, periods */
    leadTimeSd: nonNegativeSchema.default(0),
    /** R: review period, periods (0 = continuous review) */
    reviewPeriod: nonNegativeSchema.default(0),
    /** CSL target: P(lead-time demand ≤ r) */
    serviceLevel: probabilitySchema.optional(),
    /** β target: the fraction of demand met from stock (needs orderQuantity) */
    fillRate: probabilitySchema.optional(),
    /** Q: the order quantity, whole units for discrete demand */
    orderQuantity: positiveSchema.optional(),
    /** "auto" picks by the mean over L + R and the dispersion; the others force a model */
    distribution: leadTimeDemandModelSchema.default("auto"),
    /** "auto" uses a discrete model when the mean demand over L + R is below this */
    slowMoverThreshold: positiveSchema.default(SLOW_MOVER_THRESHOLD),
  })
  .superRefine((v, ctx) => {
    if ((v.serviceLevel === undefined) === (v.fillRate === undefined)) {
      ctx.addIssue({ code: "custom", path: ["serviceLevel"], message: "give exactly one target: serviceLevel (cycle service level) or fillRate" });
    }
    if (v.fillRate !== undefined && v.orderQuantity === undefined) {
      ctx.addIssue({ code: "custom", path: ["orderQuantity"], message: "a fill-rate target needs the order quantity" });
    }
  });
export type SlowMoverInput = z.input<typeof slowMoverInputSchema>;

export interface SlowMoverReorderPoint {
  distribution: "poisson" | "negative_binomial" | "normal";
  /** smallest integer r meeting the target (discrete); μ + kσ (normal) */
  reorderPoint: number;
  /** r − μ: negative when the target is below the median */
  safetyStock: number;
  leadTimeDemandMean: number;
  leadTimeDemandVariance: number;
  /** the CSL the reorder point achieves, F(r) (≥ the target for discrete demand, where F jumps) */
  cycleServiceLevel: number;
  /** the fill rate it achieves, when Q is given: Poisson (whole Q, continuous review) or normal (eq. 6.29) */
  fillRate?: number;
}

/**
 * Reorder point for slow movers, where lead-time demand is a handful of units
 * and the normal (continuous, symmetric, mass below 0) misstates the risk.
 *
 * Lead-time demand over L + R periods has mean μ = d(L + R) and variance
 * σ² = (L + R)σd² + d²σL² (σd² = d when no demand sd is given: Poisson
 * arrivals). Model, with `distribution: "auto"`: σ² = 0 → normal (no safety
 * stock); μ < threshold (default 10) → negative binomial when σ² > μ
 * (over-dispersed), else Poisson (an under-dispersed σ² < μ is rounded up to
 * the Poisson's, which protects slightly more); otherwise normal.
 *
 * - Cycle service level α: the smallest integer r with F(r) ≥ α, F the
 *   lead-time demand cdf — the discrete newsvendor/base-stock fractile
 *   (Snyder & Shen, *Fundamentals of Supply Chain Theory*, 2nd ed., ch. 4,
 *   Example 4.7: Poisson(6), h = 1, p = 4, α = p/(p + h) = 0.8 → S* = 8).
 * - Fill rate β, Poisson only: with unit Poisson demands and continuous review
 *   the inventory position is uniform on r + 1 … r + Q and independent of
 *   lead-time demand D, and arrivals see time averages, so the fill rate is
 *   P(IL > 0) = (1/Q) Σ_{y=r+1}^{r+Q} F(y − 1) = 1 − [n(r) − n(r + Q)]/Q
 *   (Zipkin, *Foundations of Inventory Management*, 2000, ch. 6, the (r, q)
 *   model with Poisson demand; n(y) − n(y + 1) = 1 − F(y) turns the sum into
 *   losses) — the exact, discrete counterpart of Silver, Pyke & Thomas
 *   eq. 6.29. r is the smallest integer with β(r) ≥ target. With
 *   negative-binomial (compound) demand P(IL > 0) is not the fill rate, so a
 *   fill-rate target is refused there.
 * - Normal: r = μ + z·σ with z = Φ⁻¹(α) ({@link reorderPoint}), or the
 *   fill-rate safety stock of {@link fillRateSafetyStock}.
 *
 * @throws DomainError naming the field: a bad number, both or neither target,
 *   a fill rate without `orderQuantity`, a fractional Q or a review period
 *   with a discrete fill rate, a fill rate with negative-binomial demand,
 *   `demandSd` when a forced negative binomial is not over-dispersed, and
 *   `demandMean` when a forced discrete model has no demand
 * @example slowMoverReorderPoint({ demandMean: 6, leadTime: 1, serviceLevel: 0.8 }).reorderPoint // 8 (Poisson(6))
 */
export function slowMoverReorderPoint(input: SlowMoverInput): SlowMoverReorderPoint {
  const v = parseWith(slowMoverInputSchema, input, "");
  const protection = v.leadTime + v.reviewPeriod;
  const periodVariance = v.demandSd === undefined ? v.demandMean : v.demandSd * v.demandSd;
  const mean = v.demandMean * protection;
  const variance = protection * periodVariance + v.demandMean * v.demandMean * v.leadTimeSd * v.leadTimeSd;
  const model = chooseModel(v.distribution, mean, variance, v.slowMoverThreshold);
  const base = { leadTimeDemandMean: mean, leadTimeDemandVariance: model === "poisson" ? mean : variance };

  if (model === "normal") return normalPoint(v, mean, variance, periodVariance, base);

  if (!(mean > 0)) {
    throw new DomainError("demandMean", `mean demand over the lead time is 0: a ${model === "poisson" ? "Poisson" : "negative binomial"} needs demand`, "out_of_range");
  }
  if (model === "negative_binomial" && !(variance > mean)) {
    throw new DomainError("demandSd", `a negative binomial needs lead-time demand variance (${variance}) above its mean (${mean}); use the Poisson`, "out_of_range");
  }
  const demand = tabulate(model, mean, variance);
  if (v.fillRate !== undefined) {
    if (model !== "poisson") {
      throw new DomainError("fillRate", "a fill-rate reorder point is exact for Poisson demand only; give a cycle serviceLevel for negative-binomial demand");
    }
    if (v.reviewPeriod > 0) throw new DomainError("reviewPeriod", "the Poisson fill rate is derived for continuous review (R = 0)");
    const q = wholeOrderQuantity(v.orderQuantity!);
    const r = smallestFillRatePoint(demand, q, v.fillRate);
    return { distribution: model, reorderPoint: r, safetyStock: r - mean, ...base, cycleServiceLevel: demand.cdf(r), fillRate: poissonFillRate(demand, r, q) };
  }
  const r = smallestCdfPoint(demand, v.serviceLevel!);
  const result: SlowMoverReorderPoint = { distribution: model, reorderPoint: r, safetyStock: r - mean, ...base, cycleServiceLevel: demand.cdf(r) };
  if (model === "poisson" && v.orderQuantity !== undefined && v.reviewPeriod === 0 && Number.isInteger(v.orderQuantity)) {
    result.fillRate = poissonFillRate(demand, r, v.orderQuantity);
  }
  return result;
}

type Parsed = z.output<typeof slowMoverInputSchema>;

/** The table's limits, reported against the planner's own field. */
function tabulate(model: "poisson" | "negative_binomial", mean: number, variance: number): DiscreteDemand {
  try {
    return discreteDemand(model, mean, variance);
  } catch (e) {
    if (e instanceof DomainError && e.field === "leadTimeDemandVariance") throw new DomainError("demandSd", e.detail, e.kind);
    if (e instanceof DomainError && e.field === "leadTimeDemandMean") throw new DomainError("demandMean", e.detail, e.kind);
    throw e;
  }
}

function chooseModel(requested: LeadTimeDemandModel, mean: number, variance: number, threshold: number): SlowMoverReorderPoint["distribution"] {
  switch (requested) {
    case "auto":
      if (variance === 0 || mean >= threshold) return "normal";
      return variance > mean ? "negative_binomial" : "poisson";
    case "poisson":
    case "negative_binomial":
    case "normal":
      return requested;
    default:
      return assertUnreachable(requested);
  }
}

function wholeOrderQuantity(q: number): number {
  if (!Number.isInteger(q)) throw new DomainError("orderQuantity", `${mustBe.wholeNumber} of units for discrete demand, got ${q}`);
  return q;
}

/** Smallest integer r ≥ 0 with F(r) ≥ α; F(−1) = 0 < α, and F reaches 1 at the end of the table. */
function smallestCdfPoint(d: DiscreteDemand, alpha: number): number {
  let r = 0;
  while (d.cdf(r) < alpha) r++;
  return r;
}

/** β(r) = 1 − [n(r) − n(r + Q)]/Q = (1/Q) Σ_{y=r}^{r+Q−1} F(y) */
export function poissonFillRate(d: DiscreteDemand, r: number, q: number): number {
  return 1 - (d.loss(r) - d.loss(r + q)) / q;
}

/** β(r) is non-decreasing in r, 0 at r = −Q (every unit short) and 1 beyond the table. */
function smallestFillRatePoint(d: DiscreteDemand, q: number, beta: number): number {
  let r = -q;
  while (poissonFillRate(d, r, q) < beta) r++;
  return r;
}

function normalPoint(v: Parsed, mean: number, variance: number, periodVariance: number, base: Pick<SlowMoverReorderPoint, "leadTimeDemandMean" | "leadTimeDemandVariance">): SlowMoverReorderPoint {
  const sd = Math.sqrt(variance);
  let safety: number;
  if (v.fillRate !== undefined) {
    // (L + R)·σd² + d²σL² is fillRateSafetyStock's σL² with its lead time set to L + R.
    safety = fillRateSafetyStock({
      demandMean: v.demandMean,
      demandSd: Math.sqrt(periodVariance),
      leadTime: v.leadTime + v.reviewPeriod,
      leadTimeSd: v.leadTimeSd,
      fillRate: v.fillRate,
      orderQuantity: v.orderQuantity!,
    }).safetyStock;
  } else {
    safety = sd === 0 ? 0 : normalQuantile(v.serviceLevel!) * sd;
  }
  const result: SlowMoverReorderPoint = {
    distribution: "normal",
    reorderPoint: mean + safety,
    safetyStock: safety,
    ...base,
    cycleServiceLevel: sd === 0 ? 1 : normalCdf(safety / sd),
  };
  if (v.orderQuantity !== undefined) {
    result.fillRate = normalFillRate({ safetyStock: safety, leadTimeDemandSd: sd, orderQuantity: v.orderQuantity, method: "exact" });
  }
  return result;
}
