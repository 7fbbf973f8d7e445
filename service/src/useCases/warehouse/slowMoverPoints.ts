import type { SlowMoverQuery, SlowMoverReport } from "../../../../shared/src/api/stockRisk";
import { DomainError } from "../../../../shared/src/errors";
import { slowMoverReorderPoint } from "../../../../shared/src/inventory";
import { demandPatternOfRow } from "../../../../shared/src/segmentation/demandPattern";
import type { Executor } from "../context";
import { reviewedWeeklyDemand } from "../forecastReviews";
import { count, pct } from "./plannerNumbers";
import { policyAndLeadTime, productContext } from "./productContext";
import { meanAndSd, pageOf, weeklyDemand } from "./weeklyDemand";

/** Syntetos, Boylan & Croston (2005): an average inter-demand interval from 1.32 periods on is intermittent. */
const ADI_CUTOFF = 1.32;

const MODEL_WORDS = { poisson: "Poisson", negative_binomial: "negative binomial (demand more variable than Poisson)", normal: "normal (enough demand over the lead time)" } as const;

/**
 * Reorder points of the intermittent products (slowMoverReorderPoint, its
 * "auto" model choice) from the stored weekly demand: weekly mean and sample
 * sd over the history, the supplier's lead time and sd in weeks, the
 * segment policy's review period and cycle service level. A product without
 * a policy or a supplier lead time is skipped with the reason. Where the
 * newest closed forecast review (with sales) covers the product for weeks
 * still ahead, its outcome's weekly mean replaces the history's mean: the
 * forecast the business agreed is what stock is held against; which one was
 * used is stated per item.
 */
export async function slowMoverPoints(db: Executor, query: SlowMoverQuery): Promise<SlowMoverReport> {
  const [ctx, demand, reviewed] = await Promise.all([productContext(db), weeklyDemand(db), reviewedWeeklyDemand(db)]);
  const items: SlowMoverReport["items"] = [];
  const skipped: SlowMoverReport["skipped"] = [];
  for (const p of ctx.products) {
    const series = demand.series(p.id);
    const pattern = demandPatternOfRow(series, ADI_CUTOFF);
    if (pattern.adi === null || pattern.adi < ADI_CUTOFF) continue;
    const resolved = policyAndLeadTime(ctx, p, "no segment: the service level comes from the segment's policy");
    if ("reason" in resolved) {
      skipped.push({ productId: p.id, reason: resolved.reason });
      continue;
    }
    const { segment, policy, lead } = resolved;
    const history = meanAndSd(series);
    const reviewedMean = reviewed?.mean.get(p.id);
    const mean = reviewedMean ?? history.mean;
    const sd = history.sd;
    const input = { demandMean: mean, demandSd: sd, leadTime: lead.meanDays / 7, leadTimeSd: lead.sdDays / 7, reviewPeriod: policy.reviewPeriodDays / 7, serviceLevel: policy.cycleServiceLevel };
    let point;
    try {
      point = slowMoverReorderPoint(input);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      skipped.push({ productId: p.id, reason: e.message });
      continue;
    }
    items.push({
      productId: p.id,
      productName: p.name,
      segment,
      adi: pattern.adi,
      weeklyMean: mean,
      demandSource: reviewedMean === undefined ? "order history" : "forecast review",
      forecastReviewId: reviewedMean === undefined ? null : reviewed!.reviewId,
      weeklySd: sd,
      leadTimeWeeks: input.leadTime,
      reviewWeeks: input.reviewPeriod,
      serviceLevel: policy.cycleServiceLevel,
      distribution: point.distribution,
      reorderPoint: point.reorderPoint,
      safetyStock: point.safetyStock,
      leadTimeDemandMean: point.leadTimeDemandMean,
      achievedServiceLevel: point.cycleServiceLevel,
      reason:
        `orders in ${pattern.periodsWithDemand} of ${demand.weeks} weeks; ` +
        (reviewedMean === undefined ? "" : `${count(mean, 2)} a week as the forecast review with sales settled ${reviewed!.weeks} (the history's mean is ${count(history.mean, 2)}); `) +
        `${count(point.leadTimeDemandMean, 2)} units expected over ${count(input.leadTime + input.reviewPeriod, 2)} weeks of lead time and review` +
        ` → ${MODEL_WORDS[point.distribution]}: reorder at ${count(point.reorderPoint, 2)} for ${pct(policy.cycleServiceLevel)} cycle service (reaches ${pct(point.cycleServiceLevel)})`,
    });
  }
  return { weeks: demand.weeks, total: items.length, adiCutoff: ADI_CUTOFF, items: pageOf(items, query), skipped };
}
