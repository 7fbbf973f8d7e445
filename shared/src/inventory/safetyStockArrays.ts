import { DomainError } from "../errors";
import { checkNumber } from "../validation";
import { normalQuantile } from "./normalQuantile";
import { safetyStockOf } from "./safetyStock";

export interface SafetyStockColumns {
  demandMean: Float64Array;
  demandSd: Float64Array;
  leadTime: Float64Array;
  serviceLevel: Float64Array;
  /** omitted → fixed lead times */
  leadTimeSd?: Float64Array;
  /** omitted → continuous review */
  reviewPeriod?: Float64Array;
}

/**
 * {@link safetyStock} and {@link reorderPoint} for a whole item table at once,
 * on typed arrays: the kernel behind the million-item benchmark. Same formula;
 * z = Φ⁻¹(CSL) is computed once per distinct service level (segments share a
 * handful of targets), which is where nearly all the time would go.
 *
 * @throws DomainError naming `serviceLevel[i]` etc. for a bad value, and the
 *   column whose length differs from `demandMean`
 */
export function safetyStockArrays(columns: SafetyStockColumns): { safetyStock: Float64Array; reorderPoint: Float64Array } {
  const n = columns.demandMean.length;
  for (const [name, column] of Object.entries(columns)) {
    if (column !== undefined && column.length !== n) {
      throw new DomainError(name, `expected ${n} values (one per item, as demandMean), got ${column.length}`);
    }
  }
  const { demandMean, demandSd, leadTime, serviceLevel, leadTimeSd, reviewPeriod } = columns;
  const safety = new Float64Array(n);
  const rop = new Float64Array(n);
  const zOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const d = demandMean[i];
    const sd = demandSd[i];
    const lt = leadTime[i];
    const csl = serviceLevel[i];
    const sdL = leadTimeSd ? leadTimeSd[i] : 0;
    const r = reviewPeriod ? reviewPeriod[i] : 0;
    // One combined test keeps the loop fast; the slow path names the culprit.
    if (!(d >= 0 && sd >= 0 && lt >= 0 && sdL >= 0 && r >= 0 && csl > 0 && csl < 1 && d < Infinity && sd < Infinity && lt < Infinity && sdL < Infinity && r < Infinity)) {
      checkNumber(d, `demandMean[${i}]`, { min: 0 });
      checkNumber(sd, `demandSd[${i}]`, { min: 0 });
      checkNumber(lt, `leadTime[${i}]`, { min: 0 });
      checkNumber(sdL, `leadTimeSd[${i}]`, { min: 0 });
      checkNumber(r, `reviewPeriod[${i}]`, { min: 0 });
      checkNumber(csl, `serviceLevel[${i}]`, { greaterThan: 0, lessThan: 1 });
    }
    let z = zOf.get(csl);
    if (z === undefined) {
      z = normalQuantile(csl);
      zOf.set(csl, z);
    }
    const ss = safetyStockOf(d, sd, lt, z, sdL, r);
    safety[i] = ss;
    rop[i] = d * (lt + r) + ss;
  }
  return { safetyStock: safety, reorderPoint: rop };
}
