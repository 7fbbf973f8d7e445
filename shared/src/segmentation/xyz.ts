import { DomainError, describeValue, parseWith } from "../errors";
import { checkIds, checkNumber } from "../validation";
import { firstClassAtOrAbove } from "./firstClassAtOrAbove";
import { xyzOptionsSchema, type XyzOptions } from "./schemas";

/** classIndex value of an all-zero row in {@link classifyXyzMatrix}. */
export const NO_DEMAND = 255;

export interface XyzItem {
  id: string;
  mean: number;
  /** sample standard deviation (n − 1) */
  standardDeviation: number;
  /** sd / mean; null for an all-zero row */
  coefficientOfVariation: number | null;
  class: string;
  noDemand: boolean;
}

export interface XyzResult {
  cutoffs: number[];
  labels: string[];
  noDemandLabel: string;
  items: XyzItem[];
}

/**
 * XYZ classification by the coefficient of variation of demand,
 * CV = s / x̄ with the sample standard deviation s (n − 1 denominator) over
 * the periods of each row (rows = items, columns = periods). An item gets the
 * first class whose cut-off is ≥ its CV; default cut-offs 0.5 and 1.0 → X, Y, Z
 * (the common practice defaults).
 * An all-zero row has no CV: it is its own class, `no demand`.
 *
 * A blank cell (null/undefined/"") is a period without demand: 0.
 *
 * @throws DomainError naming `demand[row][column]` for text, NaN, ±Infinity or a
 *   negative value; `demand` when rows differ in length or have fewer than 2 periods.
 * @example classifyXyz([[10, 10, 10], [0, 0, 30]]).items.map((i) => i.class) // ["X", "Z"]
 */
export function classifyXyz(demand: ReadonlyArray<ReadonlyArray<unknown>>, options: XyzOptions = {}): XyzResult {
  const opts = parseWith(xyzOptionsSchema, options, "");
  const matrix = toDemandMatrix(demand, "demand");
  const ids = checkIds(opts.ids, matrix.rows);
  const labels = opts.labels ?? defaultXyzLabels(opts.cutoffs.length + 1);
  const out = classifyXyzMatrix(matrix.data, matrix.rows, matrix.columns, { cutoffs: opts.cutoffs, labels });
  return {
    cutoffs: opts.cutoffs,
    labels,
    noDemandLabel: opts.noDemandLabel,
    items: ids.map((id, r) => {
      const noDemand = out.classIndex[r] === NO_DEMAND;
      return {
        id,
        mean: out.mean[r],
        standardDeviation: out.standardDeviation[r],
        coefficientOfVariation: noDemand ? null : out.coefficientOfVariation[r],
        class: noDemand ? opts.noDemandLabel : labels[out.classIndex[r]],
        noDemand,
      };
    }),
  };
}

function defaultXyzLabels(count: number): string[] {
  if (count > 3) throw new DomainError("labels", `give ${count} labels: the defaults X, Y, Z cover at most 3 classes`, "missing");
  return ["X", "Y", "Z"].slice(0, count);
}

export interface DemandMatrix {
  rows: number;
  columns: number;
  /** row-major */
  data: Float64Array;
}

/**
 * Validate a rows × periods demand range into a row-major Float64Array.
 * Blank cells are zero demand; negative demand (returns) must be netted
 * before segmentation, so it is refused.
 */
export function toDemandMatrix(demand: ReadonlyArray<ReadonlyArray<unknown>>, field: string, minColumns = 2): DemandMatrix {
  if (!Array.isArray(demand) || demand.length === 0) {
    throw new DomainError(field, `expected a table of demand (rows = items, columns = periods), got ${describeValue(demand)}`, "missing");
  }
  const rows = demand.length;
  const first = demand[0];
  if (!Array.isArray(first)) throw new DomainError(`${field}[0]`, `expected a row of periods, got ${describeValue(first)}`);
  const columns = first.length;
  if (columns < minColumns) {
    throw new DomainError(field, `expected at least ${minColumns} periods (columns), got ${columns}`);
  }
  const data = new Float64Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const row = demand[r];
    if (!Array.isArray(row) || row.length !== columns) {
      throw new DomainError(`${field}[${r}]`, `expected ${columns} periods like the first row, got ${Array.isArray(row) ? row.length : describeValue(row)}`);
    }
    for (let c = 0; c < columns; c++) {
      const v = row[c];
      if (v === null || v === undefined || v === "") continue;
      data[r * columns + c] = checkNumber(v, `${field}[${r}][${c}]`, { min: 0 });
    }
  }
  return { rows, columns, data };
}

export interface XyzArrays {
  mean: Float64Array;
  standardDeviation: Float64Array;
  /** 0 where classIndex is NO_DEMAND */
  coefficientOfVariation: Float64Array;
  classIndex: Uint8Array;
}

/**
 * The kernel of {@link classifyXyz} on a row-major Float64Array (values
 * already checked): two passes per row (mean, then squared deviations), the
 * textbook algorithm that stays accurate when the mean is large next to the
 * spread (the one-pass Σx² − (Σx)²/n formula cancels catastrophically there).
 */
export function classifyXyzMatrix(data: Float64Array, rows: number, columns: number, options: { cutoffs?: number[]; labels?: string[] } = {}): XyzArrays {
  const cutoffs = options.cutoffs ?? [0.5, 1.0];
  const labels = options.labels ?? defaultXyzLabels(cutoffs.length + 1);
  if (labels.length !== cutoffs.length + 1) {
    throw new DomainError("labels", `expected ${cutoffs.length + 1} labels (one more than the ${cutoffs.length} cut-offs), got ${labels.length}`);
  }
  if (columns < 2) throw new DomainError("demand", `expected at least 2 periods (columns), got ${columns}`);
  const mean = new Float64Array(rows);
  const standardDeviation = new Float64Array(rows);
  const coefficientOfVariation = new Float64Array(rows);
  const classIndex = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const start = r * columns;
    const end = start + columns;
    const sum = sumRange(data, start, end);
    if (sum === 0) {
      classIndex[r] = NO_DEMAND;
      continue;
    }
    const m = sum / columns;
    const squares = sumSquaredDeviations(data, start, end, m);
    const sd = Math.sqrt(squares / (columns - 1));
    const cv = sd / m;
    mean[r] = m;
    standardDeviation[r] = sd;
    coefficientOfVariation[r] = cv;
    classIndex[r] = firstClassAtOrAbove(cv, cutoffs);
  }
  return { mean, standardDeviation, coefficientOfVariation, classIndex };
}

/*
 * Four independent accumulators break the floating-point add-latency chain,
 * which doubles the speed of the XYZ kernel at a million rows; integer demand
 * sums are exact in any order.
 */
function sumRange(data: Float64Array, start: number, end: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let k = start;
  for (; k + 3 < end; k += 4) {
    a += data[k];
    b += data[k + 1];
    c += data[k + 2];
    d += data[k + 3];
  }
  for (; k < end; k++) a += data[k];
  return a + b + (c + d);
}

function sumSquaredDeviations(data: Float64Array, start: number, end: number, mean: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let k = start;
  for (; k + 3 < end; k += 4) {
    const x = data[k] - mean;
    const y = data[k + 1] - mean;
    const z = data[k + 2] - mean;
    const w = data[k + 3] - mean;
    a += x * x;
    b += y * y;
    c += z * z;
    d += w * w;
  }
  for (; k < end; k++) a += (data[k] - mean) ** 2;
  return a + b + (c + d);
}
