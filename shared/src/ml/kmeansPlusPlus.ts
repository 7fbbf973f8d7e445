import { createRng } from "../random";
import { checkPointMatrix } from "./checkPointMatrix";

/**
 * Seeded k-means++ initial centres: the first centre is a row drawn uniformly,
 * each next one a row drawn with probability proportional to D(x)², its
 * squared distance to the nearest centre chosen so far.
 *
 * Arthur, D. & Vassilvitskii, S. (2007), "k-means++: the advantages of careful
 * seeding", Proc. 18th ACM-SIAM SODA, pp. 1027–1035, §2.2 (steps 1a–1c); the
 * expected inertia is within 8(ln k + 2) of the optimum (Theorem 3.1). One
 * candidate per step, as in the paper (scikit-learn's default tries 2 + ln k
 * candidates and keeps the best, which is slower and not what the paper
 * analyses).
 *
 * @param points row-major n × d matrix
 * @returns k × d centres, row-major (copies of data rows)
 * @throws DomainError (`k`) when k is not an integer from 1 to n; (`points[i][t]`) for a non-finite value
 * @example
 * kmeansPlusPlus(new Float64Array([0, 0, 10, 10]), 2, 1, 2, 7); // the two rows, in a seeded order
 */
export function kmeansPlusPlus(points: Float64Array, n: number, d: number, k: number, seed: number): Float64Array {
  checkPointMatrix(points, n, d, k);
  const rng = createRng(seed);
  const centres = new Float64Array(k * d);
  const nearest = new Float64Array(n).fill(Infinity);
  let chosen = Math.floor(rng.next() * n);
  for (let c = 0; c < k; c++) {
    for (let t = 0; t < d; t++) centres[c * d + t] = points[chosen * d + t];
    if (c === k - 1) break;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let t = 0; t < d; t++) {
        const diff = points[i * d + t] - centres[c * d + t];
        sum += diff * diff;
      }
      if (sum < nearest[i]) nearest[i] = sum;
      total += nearest[i];
    }
    if (total === 0) {
      // Fewer distinct rows than k: the remaining centres repeat a row, and k-means leaves those clusters empty.
      chosen = Math.floor(rng.next() * n);
      continue;
    }
    let target = rng.next() * total;
    chosen = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i];
      if (target < 0 && nearest[i] > 0) {
        chosen = i;
        break;
      }
    }
  }
  return centres;
}
