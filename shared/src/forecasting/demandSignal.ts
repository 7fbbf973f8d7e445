/** Which history a product's forecast was fitted to. */
export type DemandSignal = "shipments" | "sell-through" | "mixed";
export const DEMAND_SIGNALS: readonly DemandSignal[] = ["shipments", "sell-through", "mixed"];

/** One account whose segment policy asks for sell-through, as it bears on one product. */
export interface SellThroughAccount {
  /** the account's shipments of the product per week (index 0 = the series' first week) */
  shipments: ArrayLike<number>;
  /** the account's sell-through of the product per week, same indexing (0 where it sold none) */
  sellThrough: ArrayLike<number>;
  /** the indices its feed covers, inclusive: its first and last reported week of any product; null when it has no feed */
  covers: readonly [number, number] | null;
}

export interface SignalSeries {
  series: Float64Array;
  signal: DemandSignal;
}

/**
 * A product's demand history with sell-through where a policy asks for it:
 * in each week an account's feed covers, the account's shipments are
 * replaced by what it sold on; in every other week, and for every other
 * account, shipments stand (the fallback). Shipments to an account that
 * reports sell-through run behind its consumption by the order lead time and
 * carry its pipeline fill and order batching (the bullwhip effect: Lee,
 * Padmanabhan & Whang 1997, Management Science 43(4): 546–558), so its own
 * sales are the better demand signal where it reports them.
 *
 * The signal says what the series holds: "shipments" when no covered week
 * of a sell-through account touches the product, "sell-through" when every
 * unit came from a feed, "mixed" when both did.
 *
 * @param shipments the product's shipments to all customers per week
 * @example demandSignalSeries([5, 5], [{ shipments: [5, 0], sellThrough: [2, 3], covers: [0, 1] }]) // series [2, 8], "mixed"
 */
export function demandSignalSeries(shipments: ArrayLike<number>, accounts: readonly SellThroughAccount[]): SignalSeries {
  const n = shipments.length;
  const series = Float64Array.from({ length: n }, (_, w) => shipments[w]);
  let fromFeed = false;
  for (const account of accounts) {
    if (!account.covers) continue;
    const first = Math.max(0, account.covers[0]);
    const last = Math.min(n - 1, account.covers[1]);
    for (let w = first; w <= last; w++) {
      const shipped = account.shipments[w] ?? 0;
      const sold = account.sellThrough[w] ?? 0;
      if (shipped === 0 && sold === 0) continue;
      series[w] += sold - shipped;
      fromFeed = true;
    }
  }
  // Shipments remain in the series wherever the accounts' replaced shipments do not make up the week's whole.
  let replaced = 0;
  let total = 0;
  for (let w = 0; w < n; w++) total += shipments[w];
  for (const account of accounts) {
    if (!account.covers) continue;
    for (let w = Math.max(0, account.covers[0]); w <= Math.min(n - 1, account.covers[1]); w++) replaced += account.shipments[w] ?? 0;
  }
  const fromShipments = total - replaced > 1e-9;
  const signal: DemandSignal = fromFeed ? (fromShipments ? "mixed" : "sell-through") : "shipments";
  return { series, signal };
}
