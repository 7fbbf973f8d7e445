import { DomainError } from "../errors";
import { mustBe } from "../validation";

/**
 * Shape and value checks shared by the k-means kernels: a row-major n × d
 * matrix of finite numbers and 1 ≤ k ≤ n. Errors name the row and column
 * (`points[17][3]`) the way a planner reads a table.
 */
export function checkPointMatrix(points: Float64Array, n: number, d: number, k: number): void {
  if (!Number.isInteger(n) || n < 1) throw new DomainError("points", `expected at least one row, got ${n}`, "missing");
  if (!Number.isInteger(d) || d < 1) throw new DomainError("dimensions", `expected at least one feature, got ${d}`, "invalid");
  if (points.length !== n * d) throw new DomainError("points", `expected ${n} rows × ${d} features = ${n * d} values, got ${points.length}`, "invalid");
  if (!Number.isInteger(k)) throw new DomainError("k", `${mustBe.wholeNumber}, got ${k}`, "invalid");
  if (k < 1 || k > n) throw new DomainError("k", `${mustBe.between(1, n)} (the number of rows), got ${k}`, "out_of_range");
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i])) throw new DomainError(`points[${Math.floor(i / d)}][${i % d}]`, `${mustBe.number}, got ${points[i]}`, "invalid");
  }
}
