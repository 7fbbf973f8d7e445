import { groupKeys } from "./groupKeys";
import type { CostToServeResult } from "./costToServe";

export interface CostToServeGroup {
  key: string;
  /** rows in the group */
  count: number;
  byActivity: number[];
  activityCost: number;
  directCost: number;
  total: number;
}

/**
 * Cost-to-serve summed by group: per segment (groups = each customer's
 * segment), or per customer from customer × product lines (groups = each
 * line's customer id). ABC costs are additive over cost objects, so the
 * group's cost is the sum of its rows' (Kaplan & Cooper, *Cost & Effect*,
 * ch. 10: customer cost = Σ of its orders' and lines' activity costs).
 * Groups come in order of first appearance.
 *
 * @throws DomainError naming `groups[i]` for a blank key or a count that differs from the rows
 * @example rollUpCostToServe(costToServe([[1], [2], [3]], { rates: [10] }), ["A", "B", "A"]).map((g) => g.total) // [40, 20]
 */
export function rollUpCostToServe(result: CostToServeResult, groups: ReadonlyArray<unknown>, field = "groups"): CostToServeGroup[] {
  const rows = result.total.length;
  const columns = result.activities.length;
  const { keys, index } = groupKeys(groups, rows, field);
  const out: CostToServeGroup[] = keys.map((key) => ({ key, count: 0, byActivity: new Array<number>(columns).fill(0), activityCost: 0, directCost: 0, total: 0 }));
  for (let i = 0; i < rows; i++) {
    const g = out[index[i]];
    g.count++;
    const row = result.byActivity[i];
    for (let j = 0; j < columns; j++) g.byActivity[j] += row[j];
    g.activityCost += result.activityCost[i];
    g.directCost += result.directCost[i];
    g.total += result.total[i];
  }
  return out;
}
