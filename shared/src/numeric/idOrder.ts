/**
 * Ids compare by UTF-16 code units, never by locale, so a ranking is the same
 * on every machine. Ids are opaque: "P10" sorts before "P9".
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The permutation that lists items by id: the tie-break order of every ranking. */
export function idOrder(ids: readonly string[]): Uint32Array {
  const order = Array.from({ length: ids.length }, (_, i) => i);
  order.sort((x, y) => compareIds(ids[x], ids[y]));
  return Uint32Array.from(order);
}
