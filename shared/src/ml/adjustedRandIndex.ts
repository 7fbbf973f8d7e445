import { DomainError } from "../errors";

/**
 * Adjusted Rand index of two partitions of the same rows: the Rand index
 * corrected for chance, 1 for identical partitions (up to relabelling), about
 * 0 for independent ones. With n_ij the contingency table, a_i and b_j its
 * row and column sums,
 * ARI = [Σ C(n_ij,2) − Σ C(a_i,2) Σ C(b_j,2) / C(n,2)] / [½(Σ C(a_i,2) + Σ C(b_j,2)) − Σ C(a_i,2) Σ C(b_j,2) / C(n,2)].
 * Hubert, L. & Arabie, P. (1985), "Comparing partitions", Journal of
 * Classification 2, 193–218, eq. (5).
 *
 * @throws DomainError (`predicted`) when the lengths differ; (`truth`) when empty
 * @example
 * adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]); // 1
 */
export function adjustedRandIndex(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (truth.length === 0) throw new DomainError("truth", "expected at least one label", "missing");
  if (predicted.length !== truth.length) throw new DomainError("predicted", `expected ${truth.length} labels (as many as truth), got ${predicted.length}`, "invalid");
  const n = truth.length;
  const cells = new Map<string, number>();
  const rows = new Map<number, number>();
  const columns = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${truth[i]}|${predicted[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(truth[i], (rows.get(truth[i]) ?? 0) + 1);
    columns.set(predicted[i], (columns.get(predicted[i]) ?? 0) + 1);
  }
  const pairs = (x: number) => (x * (x - 1)) / 2;
  let index = 0;
  for (const v of cells.values()) index += pairs(v);
  let sumRows = 0;
  for (const v of rows.values()) sumRows += pairs(v);
  let sumColumns = 0;
  for (const v of columns.values()) sumColumns += pairs(v);
  const expected = (sumRows * sumColumns) / pairs(n);
  const maximum = (sumRows + sumColumns) / 2;
  // Both partitions trivial (one cluster each, or all singletons): they agree perfectly.
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}
