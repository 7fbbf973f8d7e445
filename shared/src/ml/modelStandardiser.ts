import { DomainError } from "../errors";
import { signedLog } from "./preprocessFeatures";
import { mustBe } from "../validation";

export interface ModelFeatureScale {
  name: string;
  /** money features pass through the signed log first */
  log: boolean;
  /** the training median (after the log): it stands in for a missing value */
  median: number;
  mean: number;
  /** sample sd of the training values; 1 when they have no spread */
  sd: number;
}

/**
 * The z-score standardisation of a classifier's inputs, fitted on the
 * training rows only and then applied unchanged to hold-out and new rows:
 * z = (x − x̄)/s with the sample sd (Hastie, Tibshirani & Friedman, *The
 * Elements of Statistical Learning*, 2nd ed., §3.4.1: inputs standardised
 * before a penalised fit, so one penalty suits every feature). Money features
 * take the signed log first (Gelman & Hill 2007, §4.4); a missing value
 * (null, NaN) takes the training median, stated in the stored model.
 *
 * @throws DomainError (`rows`) when empty; (`features[j]`) for a feature missing in every row; (`rows[i].name`) for an infinite value
 * @example
 * fitModelStandardiser([{ r: 1 }, { r: 3 }], [{ name: "r", money: false }]); // [{ name: "r", log: false, median: 2, mean: 2, sd: 1.414…}]
 */
export function fitModelStandardiser(rows: ReadonlyArray<Record<string, number | null>>, features: ReadonlyArray<{ name: string; money: boolean }>): ModelFeatureScale[] {
  if (rows.length === 0) throw new DomainError("rows", "expected at least one training row", "missing");
  return features.map((f, j) => {
    const values: number[] = [];
    rows.forEach((row, i) => {
      const v = row[f.name];
      if (v === null || v === undefined || Number.isNaN(v)) return;
      if (!Number.isFinite(v)) throw new DomainError(`rows[${i}].${f.name}`, `${mustBe.number} or nothing, got ${v}`, "invalid");
      values.push(f.money ? signedLog(v) : v);
    });
    if (values.length === 0) throw new DomainError(`features[${j}]`, `"${f.name}" is missing in every training row`, "missing");
    const sorted = [...values].sort((a, b) => a - b);
    const h = (sorted.length - 1) / 2;
    const median = sorted[Math.floor(h)] + (h - Math.floor(h)) * (sorted[Math.ceil(h)] - sorted[Math.floor(h)]);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = values.length > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)) : 0;
    // No spread: every z is 0 and the feature carries no weight, rather than dividing by rounding noise.
    return { name: f.name, log: f.money, median, mean, sd: sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 1 };
  });
}

/**
 * Rows through a fitted standardisation: row-major Float64Array (rows × features).
 *
 * @throws DomainError (`rows[i].name`) for an infinite value
 * @example
 * applyModelStandardiser([{ r: null }], [{ name: "r", log: false, median: 2, mean: 2, sd: 1 }]); // Float64Array [0]
 */
export function applyModelStandardiser(rows: ReadonlyArray<Record<string, number | null>>, scales: readonly ModelFeatureScale[]): Float64Array {
  const d = scales.length;
  const out = new Float64Array(rows.length * d);
  rows.forEach((row, i) => {
    scales.forEach((s, j) => {
      const v = row[s.name];
      let x: number;
      if (v === null || v === undefined || Number.isNaN(v)) x = s.median;
      else if (!Number.isFinite(v)) throw new DomainError(`rows[${i}].${s.name}`, `${mustBe.number} or nothing, got ${v}`, "invalid");
      else x = s.log ? signedLog(v) : v;
      out[i * d + j] = (x - s.mean) / s.sd;
    });
  });
  return out;
}
