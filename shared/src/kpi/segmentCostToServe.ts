import { costToServe } from "../cost/costToServe";
import { attributeNumber } from "./attributeNumber";
import { rankDrivers, type RankedDriver } from "./rankDrivers";

type Attributes = Readonly<Record<string, unknown>>;

export interface CustomerCost {
  total: number;
  /** one cost per activity, in the order of the rates' keys */
  byActivity: number[];
}

/**
 * Activity-based cost-to-serve of every customer with activity counts: each
 * activity's volume (negative or missing volumes count as 0) at its rate.
 *
 * @example customerCostToServe(new Map([["C1", { orders: 2, returns: "1" }]]), { orders: 12, returns: 18 }).get("C1"); // { total: 42, byActivity: [24, 18] }
 */
export function customerCostToServe(activity: ReadonlyMap<string, Attributes>, rates: Readonly<Record<string, number>>): Map<string, CustomerCost> {
  const customers = [...activity.keys()].sort();
  const activities = Object.keys(rates);
  // No activity counts stored: no customer has a cost, which is not an error in the table.
  if (customers.length === 0) return new Map();
  const cts = costToServe(
    customers.map((c) => activities.map((a) => Math.max(0, attributeNumber(activity.get(c)?.[a], 0)))),
    { rates: activities.map((a) => rates[a]) },
    { ids: customers, activities },
  );
  return new Map(customers.map((c, i) => [c, { total: cts.total[i], byActivity: cts.byActivity[i] }]));
}

export interface SegmentCostToServe {
  cost: number;
  drivers: { activities: RankedDriver[]; entities: RankedDriver[] };
}

/**
 * A segment's cost-to-serve and its drivers (activities, entities): the sum of
 * its entities' costs. A customer's cost is its own; a product's is its share
 * of its customers' costs (EntityOrderSums.costs).
 *
 * @param costs cost per entity of the segment's dimension
 * @param activities the activity names of `costs[*].byActivity`
 */
export function segmentCostToServe(input: { entities: readonly string[]; costs: ReadonlyMap<string, CustomerCost>; activities: readonly string[] }): SegmentCostToServe {
  let cost = 0;
  const costBy = new Map<string, number>();
  const activityCost = new Float64Array(input.activities.length);
  for (const id of input.entities) {
    const c = input.costs.get(id);
    if (!c) continue;
    cost += c.total;
    costBy.set(id, c.total);
    c.byActivity.forEach((v, j) => (activityCost[j] += v));
  }
  return {
    cost,
    drivers: {
      activities: rankDrivers(
        input.activities.map((a, j) => ({ id: a, value: activityCost[j] })),
        Math.max(1, input.activities.length),
      ),
      entities: rankDrivers([...costBy].map(([id, value]) => ({ id, value }))),
    },
  };
}
