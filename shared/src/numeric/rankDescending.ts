/**
 * Order of indices by value, largest first; equal values keep the order given
 * by `tieOrder` (default: input position), so ranking is deterministic.
 *
 * A stable LSD radix sort on the IEEE-754 bit pattern (16-bit digits, four
 * passes), the standard float-to-unsigned key trick (Herf, "Radix Tricks",
 * 2001: flip every bit of negatives, only the sign bit of positives).
 * Comparison sorts of an index array are 5–10× slower at a million items,
 * which is the benchmark size of ABC.
 *
 * @param values finite numbers (the caller validates; NaN has no place in a ranking)
 * @param tieOrder a permutation of 0..n-1: the order in which equal values come out
 * @returns Uint32Array `order` with order[r] = index of the item ranked r (0-based)
 * @example rankDescending(Float64Array.of(3, 9, 3)) // Uint32Array [1, 0, 2]
 */
export function rankDescending(values: Float64Array, tieOrder?: Uint32Array): Uint32Array {
  const n = values.length;
  let idx = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  // Assumes a little-endian host (every platform Node and Excel run on).
  for (let r = 0; r < n; r++) {
    const i = tieOrder ? tieOrder[r] : r;
    const v = values[i];
    bits[0] = v === 0 ? 0 : v; // -0 sorts with +0
    let h = words[1];
    let l = words[0];
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    // Complement for descending order.
    idx[r] = i;
    hi[r] = ~h >>> 0;
    lo[r] = ~l >>> 0;
  }

  const counts = new Uint32Array(4 * 65536);
  for (let r = 0; r < n; r++) {
    counts[lo[r] & 0xffff]++;
    counts[65536 + (lo[r] >>> 16)]++;
    counts[131072 + (hi[r] & 0xffff)]++;
    counts[196608 + (hi[r] >>> 16)]++;
  }

  let idx2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65536;
    // A digit shared by every key leaves the order unchanged: skip the pass.
    const firstKey = n ? digit(pass, hi[0], lo[0]) : 0;
    if (counts[base + firstKey] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d];
      counts[base + d] = sum;
      sum += c;
    }
    // Low digits are spent after pass 1: later passes need not carry them.
    const carryLo = pass < 1;
    for (let r = 0; r < n; r++) {
      const d = digit(pass, hi[r], lo[r]);
      const p = counts[base + d]++;
      idx2[p] = idx[r];
      hi2[p] = hi[r];
      if (carryLo) lo2[p] = lo[r];
    }
    [idx, idx2] = [idx2, idx];
    [hi, hi2] = [hi2, hi];
    if (carryLo) [lo, lo2] = [lo2, lo];
  }
  return idx;
}

function digit(pass: number, h: number, l: number): number {
  switch (pass) {
    case 0:
      return l & 0xffff;
    case 1:
      return l >>> 16;
    case 2:
      return h & 0xffff;
    default:
      return h >>> 16;
  }
}
