import { classifyAbc } from "./abc";

/**
 * Each item's cumulative share of the total, items ranked by value (largest
 * first, ties by position), up to and including the item; in input order.
 * The y-axis of a Pareto chart. Loss-making items are outside the total and
 * read 1 (see {@link classifyAbc}).
 *
 * @example paretoShares([20, 50, 30]) // [1, 0.5, 0.8]
 */
export function paretoShares(values: ReadonlyArray<unknown>): number[] {
  return classifyAbc(values).items.map((item) => item.cumulativeShare);
}
