import type { RecommendationImpact } from "../api/ml";

/**
 * The impact of a recommendation without its non-changes: a service level or
 * fill rate that stays the same ("90% → 90%") and a safety stock that does not
 * move tell an approver nothing, so they are left out.
 */
export function realImpact(impact: RecommendationImpact | null): RecommendationImpact | null {
  if (!impact) return null;
  const out: RecommendationImpact = { ...impact };
  if (out.serviceLevel && out.serviceLevel.from === out.serviceLevel.to) delete out.serviceLevel;
  if (out.fillRate && out.fillRate.from === out.fillRate.to) delete out.fillRate;
  if (out.safetyStock && out.safetyStock.units.from === out.safetyStock.units.to && (out.safetyStock.value === null || out.safetyStock.value.change === 0)) delete out.safetyStock;
  return out;
}
