/**
 * The inner loops of Hamerly's k-means, written over one contiguous row-major
 * Float64Array (n × d) and a row range [start, end), so the same code runs on
 * the whole matrix in-process or on one shard per worker thread over a
 * SharedArrayBuffer. The service's threaded runs use a WebAssembly SIMD
 * transcription of these loops (service/src/ml/kmeansWat.ts) that must give
 * the same numbers bit for bit: a change here is a change there, and
 * test/service/wasmKmeansShard.test.ts compares the two pass by pass.
 *
 * Hamerly, G. (2010), "Making k-means even faster", Proc. SIAM International
 * Conference on Data Mining, pp. 130–140, Algorithm 2: each point keeps an
 * upper bound u(i) on the distance to its assigned centre and one lower bound
 * l(i) on the distance to every other centre. After the centres move by δ(j),
 * u(i) += δ(a(i)) and l(i) −= max_{j≠a(i)} δ(j) (the triangle inequality);
 * when u(i) ≤ max(l(i), s(a(i))), with s(j) half the distance from centre j to
 * its nearest other centre, the assignment cannot change and no distance is
 * computed. Distances are Euclidean (not squared) because the bounds add.
 */

/** The per-shard working state. `labels`, `upper` and `lower` are indexed by global row. */
export interface KmeansShard {
  points: Float64Array;
  dimensions: number;
  start: number;
  end: number;
  labels: Int32Array;
  upper: Float64Array;
  lower: Float64Array;
  /** this shard's per-cluster coordinate sums, k × d, kept incrementally */
  sums: Float64Array;
  /** this shard's per-cluster sizes (Float64 so they can share a buffer with the sums) */
  counts: Float64Array;
}

/** The centres' movement since the last pass, as Hamerly's bound updates need it. */
export interface CentreMotion {
  /** δ(j): how far centre j moved */
  moves: Float64Array;
  /** s(j): half the distance from centre j to its nearest other centre */
  halfSeparation: Float64Array;
  largest: number;
  secondLargest: number;
  /** the centre that moved most (its own points subtract the second largest move) */
  largestAt: number;
}

/** Where {@link nearestTwo} leaves its answer: squared distance to the nearest centre, to the second nearest, and the nearest's index. */
const NEAREST = new Float64Array(3);
/** Scratch for the row being searched (module-level: one kernel runs per thread at a time). */
let rowCopy = new Float64Array(8);

/**
 * Squared distances from row `row` to every centre; leaves the nearest two in
 * NEAREST. Two centres per step share each loaded coordinate of the row: on
 * 100,000 × 8 rows this pass took 15 ms where one centre at a time took 19
 * at k = 8, and 50 ms where it took 70 at k = 32 (CPU time, one thread,
 * 2026-12-04). Each distance is still summed over the coordinates in order,
 * so the numbers are those of the one-at-a-time loop. Ties go to the lowest
 * index, as ml-kmeans and scikit-learn do.
 */
function nearestTwo(points: Float64Array, row: number, d: number, centres: Float64Array, k: number): void {
  if (rowCopy.length < d) rowCopy = new Float64Array(d);
  const x = rowCopy;
  for (let t = 0; t < d; t++) x[t] = points[row + t];
  let best = Infinity;
  let second = Infinity;
  let bestAt = 0;
  let j = 0;
  for (; j + 1 < k; j += 2) {
    const c = j * d;
    const e = c + d;
    let s = 0;
    let q = 0;
    for (let t = 0; t < d; t++) {
      const v = x[t];
      const a = v - centres[c + t];
      const b = v - centres[e + t];
      s += a * a;
      q += b * b;
    }
    if (s < best) {
      second = best;
      best = s;
      bestAt = j;
    } else if (s < second) second = s;
    if (q < best) {
      second = best;
      best = q;
      bestAt = j + 1;
    } else if (q < second) second = q;
  }
  if (j < k) {
    const c = j * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const a = x[t] - centres[c + t];
      s += a * a;
    }
    if (s < best) {
      second = best;
      best = s;
      bestAt = j;
    } else if (s < second) second = s;
  }
  NEAREST[0] = best;
  NEAREST[1] = second;
  NEAREST[2] = bestAt;
}

/** Full pass: nearest and second-nearest centre of every row; resets the shard's sums. */
export function assignAll(shard: KmeansShard, centres: Float64Array, k: number): void {
  const { points, dimensions: d, labels, upper, lower, sums, counts } = shard;
  sums.fill(0);
  counts.fill(0);
  for (let i = shard.start; i < shard.end; i++) {
    const row = i * d;
    nearestTwo(points, row, d, centres, k);
    const best = NEAREST[0];
    const second = NEAREST[1];
    const bestAt = NEAREST[2];
    labels[i] = bestAt;
    upper[i] = Math.sqrt(best);
    lower[i] = Math.sqrt(second);
    counts[bestAt] += 1;
    const s = bestAt * d;
    for (let t = 0; t < d; t++) sums[s + t] += points[row + t];
  }
}

/**
 * One Hamerly assignment pass after the centres moved. Moves each reassigned
 * row's coordinates between the clusters' sums. Returns how many rows changed
 * cluster.
 */
export function hamerlyPass(shard: KmeansShard, centres: Float64Array, k: number, motion: CentreMotion): number {
  const { points, dimensions: d, labels, upper, lower, sums, counts } = shard;
  const { moves, halfSeparation, largest, secondLargest, largestAt } = motion;
  let changed = 0;
  for (let i = shard.start; i < shard.end; i++) {
    const a = labels[i];
    let u = upper[i] + moves[a];
    const l = lower[i] - (a === largestAt ? secondLargest : largest);
    const z = l > halfSeparation[a] ? l : halfSeparation[a];
    if (u <= z) {
      upper[i] = u;
      lower[i] = l;
      continue;
    }
    const row = i * d;
    // Tighten the upper bound to the exact distance before searching every centre.
    const ca = a * d;
    let own = 0;
    for (let t = 0; t < d; t++) {
      const diff = points[row + t] - centres[ca + t];
      own += diff * diff;
    }
    u = Math.sqrt(own);
    if (u <= z) {
      upper[i] = u;
      lower[i] = l;
      continue;
    }
    // The own distance is summed again with the others: the same sum, and the paired loop needs no gap.
    nearestTwo(points, row, d, centres, k);
    const best = NEAREST[0];
    const second = NEAREST[1];
    const bestAt = NEAREST[2];
    upper[i] = Math.sqrt(best);
    lower[i] = Math.sqrt(second);
    if (bestAt !== a) {
      labels[i] = bestAt;
      changed++;
      counts[a] -= 1;
      counts[bestAt] += 1;
      const from = a * d;
      const to = bestAt * d;
      for (let t = 0; t < d; t++) {
        const v = points[row + t];
        sums[from + t] -= v;
        sums[to + t] += v;
      }
    }
  }
  return changed;
}

/**
 * New centres as the means of the summed shards (Lloyd's update step). An
 * empty cluster keeps its previous centre; the caller reports it. Writes the
 * centres in place and returns their motion for the next Hamerly pass.
 */
export function updateCentres(centres: Float64Array, k: number, d: number, shardSums: readonly Float64Array[], shardCounts: readonly Float64Array[]): CentreMotion {
  const moves = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let count = 0;
    for (const c of shardCounts) count += c[j];
    if (count <= 0) continue;
    let moved = 0;
    for (let t = 0; t < d; t++) {
      let sum = 0;
      for (const s of shardSums) sum += s[j * d + t];
      const next = sum / count;
      const diff = next - centres[j * d + t];
      moved += diff * diff;
      centres[j * d + t] = next;
    }
    moves[j] = Math.sqrt(moved);
  }
  let largest = 0;
  let secondLargest = 0;
  let largestAt = 0;
  for (let j = 0; j < k; j++) {
    if (moves[j] > largest) {
      secondLargest = largest;
      largest = moves[j];
      largestAt = j;
    } else if (moves[j] > secondLargest) secondLargest = moves[j];
  }
  return { moves, halfSeparation: halfSeparations(centres, k, d), largest, secondLargest, largestAt };
}

/** s(j) = ½ min_{j′≠j} ‖c_j − c_j′‖ (Hamerly 2010, Algorithm 2, line 3). */
export function halfSeparations(centres: Float64Array, k: number, d: number): Float64Array {
  const out = new Float64Array(k).fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let sum = 0;
      for (let t = 0; t < d; t++) {
        const diff = centres[a * d + t] - centres[b * d + t];
        sum += diff * diff;
      }
      const half = Math.sqrt(sum) / 2;
      if (half < out[a]) out[a] = half;
      if (half < out[b]) out[b] = half;
    }
  }
  return out;
}

/** Σ ‖x_i − c_label(i)‖² over the shard's rows: its share of the inertia. */
export function shardInertia(shard: KmeansShard, centres: Float64Array): number {
  const { points, dimensions: d, labels } = shard;
  let total = 0;
  for (let i = shard.start; i < shard.end; i++) {
    const row = i * d;
    const c = labels[i] * d;
    for (let t = 0; t < d; t++) {
      const diff = points[row + t] - centres[c + t];
      total += diff * diff;
    }
  }
  return total;
}
