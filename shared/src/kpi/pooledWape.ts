import { DomainError } from "../errors";
import { toCheckedFloat64 } from "../validation";

export interface WapeSeries {
  actual: ArrayLike<unknown>;
  forecast: ArrayLike<unknown>;
}

/**
 * WAPE pooled over several series: Σᵢ Σₜ |yᵢₜ − ŷᵢₜ| / Σᵢ Σₜ |yᵢₜ|, so a
 * segment's error weighs each item by its volume rather than averaging item
 * WAPEs (Kolassa & Schütz (2007), "Advantages of the MAD/MEAN ratio over the
 * MAPE", Foresight 6, 40–43: the MAD/mean ratio; WAPE as in forecastAccuracy).
 *
 * @returns null when every actual is 0 (WAPE undefined)
 * @throws DomainError naming `series[i].actual[t]` or `series[i].forecast[t]` for a non-number, and `series[i].forecast` for a length differing from its actuals
 * @example pooledWape([{ actual: [10, 20], forecast: [12, 18] }, { actual: [0, 10], forecast: [1, 5] }]); // (2 + 2 + 1 + 5) / 40 = 0.25
 */
export function pooledWape(series: readonly WapeSeries[]): number | null {
  let error = 0;
  let volume = 0;
  series.forEach((s, i) => {
    const a = toCheckedFloat64(s.actual, `series[${i}].actual`);
    const f = toCheckedFloat64(s.forecast, `series[${i}].forecast`);
    if (a.length !== f.length) throw new DomainError(`series[${i}].forecast`, `expected ${a.length} forecasts (one per actual), got ${f.length}`);
    for (let t = 0; t < a.length; t++) {
      error += Math.abs(a[t] - f[t]);
      volume += Math.abs(a[t]);
    }
  });
  return volume > 0 ? error / volume : null;
}
