import { DomainError } from "../errors";
import { checkNumber, toCheckedFloat64 } from "../validation";

export interface TimeDrivenRates {
  /** cost of capacity supplied ÷ practical capacity, money per time unit */
  capacityCostRate: number;
  /** capacity cost rate × unit time, one per activity */
  rates: number[];
  /** unit time × quantity, one per activity (only when quantities are given) */
  timeUsed: number[];
  /** Σ time used; may exceed the practical capacity (overtime, queues) */
  totalTimeUsed: number;
  /** practical capacity − time used: negative when the period ran over capacity */
  unusedCapacity: number;
  /** unused capacity × capacity cost rate */
  unusedCapacityCost: number;
  /** cost assigned to the activities' output: time used × capacity cost rate */
  assignedCost: number;
}

/**
 * Time-driven activity-based costing (TDABC): one rate for the capacity of a
 * department, then each activity's rate from the time it takes,
 *
 *   capacity cost rate = cost of capacity supplied / practical capacity,
 *   rateⱼ = capacity cost rate × unit timeⱼ,
 *
 * and the cost of the capacity left unused, (capacity − Σ qⱼ·tⱼ) × rate,
 * which conventional ABC spreads over the activities instead. Kaplan &
 * Anderson, "Time-Driven Activity-Based Costing", Harvard Business Review
 * 82(11), 2004 (customer-service department: $560,000, 700,000 minutes,
 * $0.80 per minute; 578,600 minutes used, $97,120 of unused capacity).
 *
 * @param capacityCost cost of the resources supplied in the period (≥ 0)
 * @param practicalCapacity time those resources can work in the period (> 0), e.g. minutes
 * @param unitTimes time per driver unit of each activity, same time unit (≥ 0)
 * @param quantities driver volume of each activity in the period (≥ 0); omit for rates only
 * @throws DomainError naming `capacityCost`, `practicalCapacity`, `unitTimes[j]` or `quantities[j]`
 * @example timeDrivenRates(560000, 700000, [8, 44, 50]).rates // [6.4, 35.2, 40]
 */
export function timeDrivenRates(capacityCost: unknown, practicalCapacity: unknown, unitTimes: ArrayLike<unknown>, quantities?: ArrayLike<unknown>): TimeDrivenRates {
  const cost = checkNumber(capacityCost, "capacityCost", { min: 0 });
  const capacity = checkNumber(practicalCapacity, "practicalCapacity", { greaterThan: 0 });
  const times = toCheckedFloat64(unitTimes, "unitTimes", { min: 0 });
  if (times.length === 0) throw new DomainError("unitTimes", "expected at least one activity", "missing");
  const capacityCostRate = cost / capacity;
  const rates = Array.from(times, (t) => t * capacityCostRate);
  let timeUsed: number[] = [];
  if (quantities !== undefined) {
    const q = toCheckedFloat64(quantities, "quantities", { min: 0 });
    if (q.length !== times.length) throw new DomainError("quantities", `expected ${times.length} quantities (one per unit time), got ${q.length}`);
    timeUsed = Array.from(times, (t, j) => t * q[j]);
  }
  const totalTimeUsed = timeUsed.reduce((a, b) => a + b, 0);
  const unusedCapacity = quantities === undefined ? capacity : capacity - totalTimeUsed;
  return {
    capacityCostRate,
    rates,
    timeUsed,
    totalTimeUsed,
    unusedCapacity,
    unusedCapacityCost: unusedCapacity * capacityCostRate,
    assignedCost: totalTimeUsed * capacityCostRate,
  };
}
