import { orderWeekRange, weeklyUnitsByEntity } from "../../store/orderLines";
import type { Executor } from "../context";

export interface WeeklyDemand {
  /** weeks of history, first to last stored week */
  weeks: number;
  /** a product's units per week over the history (all zero without orders) */
  series: (productId: string) => Float64Array;
}

/** Units per product and week from the stored order history, over its own span (weeks before the first stored one are not zero demand). */
export async function weeklyDemand(db: Executor): Promise<WeeklyDemand> {
  const [range, byEntity] = await Promise.all([orderWeekRange(db), weeklyUnitsByEntity(db, "product")]);
  if (!range) return { weeks: 0, series: () => new Float64Array(0) };
  const weeks = range.last - range.first + 1;
  return { weeks, series: (id) => byEntity.units.get(id)?.subarray(range.first - 1, range.last) ?? new Float64Array(weeks) };
}

/** Mean and sample standard deviation (n − 1, as TIER.XYZ) of a series. */
export function meanAndSd(series: ArrayLike<number>): { mean: number; sd: number } {
  const n = series.length;
  if (n === 0) return { mean: 0, sd: 0 };
  let sum = 0;
  for (let k = 0; k < n; k++) sum += series[k];
  const mean = sum / n;
  let squares = 0;
  for (let k = 0; k < n; k++) squares += (series[k] - mean) ** 2;
  return { mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : 0 };
}

/** One page of a list, or the one product asked for. */
export function pageOf<T extends { productId: string }>(rows: T[], query: { product?: string; limit: number; offset: number }): T[] {
  const picked = query.product === undefined ? rows : rows.filter((r) => r.productId === query.product);
  return picked.slice(query.offset, query.offset + query.limit);
}
