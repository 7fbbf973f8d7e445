import { parseWith } from "../errors";
import { checkIds } from "../validation";
import { demandPatternOptionsSchema, type DemandPatternOptions } from "./schemas";
import { toDemandMatrix } from "./xyz";

export type DemandPattern = "smooth" | "erratic" | "intermittent" | "lumpy" | "no demand";

export interface DemandPatternItem {
  id: string;
  /** average inter-demand interval: periods / periods with demand; null with no demand */
  adi: number | null;
  /** squared CV of the non-zero demand sizes (population sd); null with no demand */
  cv2: number | null;
  periodsWithDemand: number;
  pattern: DemandPattern;
}

/**
 * Demand pattern categorisation of Syntetos, Boylan & Croston (2005), "On the
 * categorization of demand patterns", JORS 56(5): 495–503:
 * ADI = periods / periods with demand, CV² = (σ / μ)² of the non-zero demand
 * sizes with the population σ. Below both cut-offs (ADI < 1.32, CV² < 0.49)
 * is smooth; ADI < 1.32 with CV² ≥ 0.49 erratic; ADI ≥ 1.32 with CV² < 0.49
 * intermittent; both at or above, lumpy. A row without demand is `no demand`.
 *
 * Blank cells are zero demand.
 *
 * @throws DomainError naming `demand[row][column]` for text, NaN, ±Infinity or a negative value.
 * @example classifyDemandPatterns([[5, 0, 5, 0, 5, 0]]).items[0] // { adi: 2, cv2: 0, pattern: "intermittent", … }
 */
export function classifyDemandPatterns(demand: ReadonlyArray<ReadonlyArray<unknown>>, options: DemandPatternOptions = {}): { adiCutoff: number; cv2Cutoff: number; items: DemandPatternItem[] } {
  const opts = parseWith(demandPatternOptionsSchema, options, "");
  const matrix = toDemandMatrix(demand, "demand", 1);
  const ids = checkIds(opts.ids, matrix.rows);
  const items = ids.map((id, r) => {
    const row = matrix.data.subarray(r * matrix.columns, (r + 1) * matrix.columns);
    return { id, ...demandPatternOfRow(row, opts.adiCutoff, opts.cv2Cutoff) };
  });
  return { adiCutoff: opts.adiCutoff, cv2Cutoff: opts.cv2Cutoff, items };
}

/** The pattern of one validated series. */
export function demandPatternOfRow(series: ArrayLike<number>, adiCutoff = 1.32, cv2Cutoff = 0.49): Omit<DemandPatternItem, "id"> {
  let count = 0;
  let sum = 0;
  for (let k = 0; k < series.length; k++) {
    if (series[k] > 0) {
      count++;
      sum += series[k];
    }
  }
  if (count === 0) return { adi: null, cv2: null, periodsWithDemand: 0, pattern: "no demand" };
  const mean = sum / count;
  let squares = 0;
  for (let k = 0; k < series.length; k++) {
    if (series[k] > 0) squares += (series[k] - mean) ** 2;
  }
  const cv2 = squares / count / (mean * mean);
  const adi = series.length / count;
  const intermittentTiming = adi >= adiCutoff;
  const variableSize = cv2 >= cv2Cutoff;
  const pattern: DemandPattern = intermittentTiming ? (variableSize ? "lumpy" : "intermittent") : variableSize ? "erratic" : "smooth";
  return { adi, cv2, periodsWithDemand: count, pattern };
}
