import { DomainError } from "../errors";
import { rankDescending } from "../numeric";
import { checkIds, toCheckedFloat64 } from "../validation";

export interface WhalePoint {
  id: string;
  profit: number;
  /** 1 = most profitable; ties keep input order */
  rank: number;
  /** profit of this customer and every more profitable one */
  cumulativeProfit: number;
  /** cumulative profit / total profit: rises above 1 while the curve still holds only profitable customers */
  cumulativeShare: number;
}

export interface WhaleCurve {
  /** in input order */
  items: WhalePoint[];
  /** the same points, most profitable first (the curve as drawn) */
  curve: WhalePoint[];
  total: number;
  /** the highest cumulative share: the profit before the loss-makers, as a share of the total */
  peakShare: number;
  /** customers up to the peak (the profitable ones, including zero-profit customers at the peak) */
  peakCount: number;
  lossMakers: number;
  /** Σ profit of the loss-makers (≤ 0): what they destroy */
  lossTotal: number;
}

/**
 * The whale curve of customer profitability: customers sorted by profit,
 * most profitable first, and the cumulative profit as a share of the total.
 * When some customers lose money the curve rises above 100 % and falls back
 * to 100 % at the last customer; the peak shows how much profit the
 * loss-makers destroy (Kaplan & Cooper, *Cost & Effect*, 1998, ch. 10, the
 * "whale curve": typically 20 % of customers earn 150–300 % of the profit).
 *
 * @param profits one profit per customer (any sign)
 * @throws DomainError naming `profits[i]` for a non-number, or `profits` when the total is not above 0 (the shares would have no meaning)
 * @example whaleCurve([50, -20, 70]).items.map((p) => p.cumulativeShare) // [1.2, 1, 0.7]
 */
export function whaleCurve(profits: ArrayLike<unknown>, ids?: ReadonlyArray<unknown>): WhaleCurve {
  const values = toCheckedFloat64(profits, "profits");
  if (values.length === 0) throw new DomainError("profits", "expected at least one customer", "missing");
  const names = checkIds(ids, values.length, "ids");
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isFinite(total)) {
    throw new DomainError("profits", "the total is too large to represent: scale the values down (e.g. thousands)", "out_of_range");
  }
  if (!(total > 0)) {
    throw new DomainError("profits", `the total profit is ${total}: a whale curve shows shares of a positive total`, "out_of_range");
  }
  const order = rankDescending(values);
  const items: WhalePoint[] = new Array(values.length);
  const curve: WhalePoint[] = new Array(values.length);
  let running = 0;
  let peakShare = -Infinity;
  let peakCount = 0;
  let lossMakers = 0;
  let lossTotal = 0;
  for (let r = 0; r < order.length; r++) {
    const i = order[r];
    running += values[i];
    // The last point is the total by definition: say 1 rather than 0.9999999999999998.
    const share = r === order.length - 1 ? 1 : running / total;
    const point = { id: names[i], profit: values[i], rank: r + 1, cumulativeProfit: r === order.length - 1 ? total : running, cumulativeShare: share };
    items[i] = point;
    curve[r] = point;
    if (share > peakShare || (share === peakShare && values[i] === 0)) {
      peakShare = share;
      peakCount = r + 1;
    }
    if (values[i] < 0) {
      lossMakers++;
      lossTotal += values[i];
    }
  }
  return { items, curve, total, peakShare, peakCount, lossMakers, lossTotal };
}
