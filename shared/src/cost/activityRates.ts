import { DomainError, describeValue } from "../errors";
import { toCheckedFloat64 } from "../validation";

/**
 * Activity (cost-driver) rates of activity-based costing: each activity
 * pool's cost divided by its total driver volume,
 *
 *   rateⱼ = activity costⱼ / total driver volumeⱼ.
 *
 * Kaplan & Cooper, *Cost & Effect* (HBS Press, 1998), ch. 5: "activity cost
 * driver rates"; worked example: Kaplan & Anderson, "Time-Driven
 * Activity-Based Costing", Harvard Business Review 82(11), 2004, exhibit
 * "Doing ABC the Traditional Way" ($392,000 / 49,000 orders = $8 per order).
 * Which total to divide by is the caller's choice: the company-wide volume
 * (then a table of some customers absorbs only their share of the pool) or
 * the volume of the customers in the table (then they absorb all of it).
 * An activity with no cost and no volume has rate 0; cost with no volume
 * has nothing to be spread over and is an error.
 *
 * @param activityCosts pool cost of each activity (≥ 0), in money per period
 * @param totalDriverVolumes driver volume of each activity over the same period (≥ 0)
 * @returns one rate per activity, money per driver unit
 * @throws DomainError naming `activityCosts[j]` or `totalDriverVolumes[j]` (negative, not a number, zero volume under a cost, lengths differ)
 * @example activityRates([392000, 56000, 112000], [49000, 1400, 2500]) // [8, 40, 44.8]
 */
export function activityRates(activityCosts: ArrayLike<unknown>, totalDriverVolumes: ArrayLike<unknown>): number[] {
  const costs = toCheckedFloat64(activityCosts, "activityCosts", { min: 0 });
  if (costs.length === 0) throw new DomainError("activityCosts", "expected at least one activity", "missing");
  const volumes = toCheckedFloat64(totalDriverVolumes, "totalDriverVolumes", { min: 0 });
  if (volumes.length !== costs.length) {
    throw new DomainError("totalDriverVolumes", `expected ${costs.length} totals (one per activity cost), got ${volumes.length}`);
  }
  return Array.from(costs, (cost, j) => rateOf(cost, volumes[j], j));
}

export function rateOf(cost: number, volume: number, j: number): number {
  if (volume > 0) return cost / volume;
  if (cost === 0) return 0;
  throw new DomainError(`totalDriverVolumes[${j}]`, `is ${describeValue(volume)} but the activity costs ${cost}: a pool needs driver volume to be spread over`, "out_of_range");
}
