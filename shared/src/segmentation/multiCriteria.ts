import { DomainError, describeValue, parseWith } from "../errors";
import { checkNumber, mustBe } from "../validation";
import { classifyAbc, type AbcResult } from "./abc";
import { abcModeSchema, cutoffsSchema, labelsSchema, multiCriteriaOptionsSchema, type AbcMode, type CriterionDirection, type MultiCriteriaOptions } from "./schemas";
import { z } from "zod";

interface CriteriaTable {
  rows: number;
  columns: number;
  /** columns[j][i]: criterion j of item i */
  byColumn: Float64Array[];
}

function toCriteriaTable(criteria: ReadonlyArray<ReadonlyArray<unknown>>): CriteriaTable {
  if (!Array.isArray(criteria) || criteria.length === 0) {
    throw new DomainError("criteria", `expected a table (rows = items, columns = criteria), got ${describeValue(criteria)}`, "missing");
  }
  const rows = criteria.length;
  const columns = Array.isArray(criteria[0]) ? criteria[0].length : 0;
  if (columns === 0) throw new DomainError("criteria[0]", "expected at least one criterion column");
  const byColumn = Array.from({ length: columns }, () => new Float64Array(rows));
  for (let i = 0; i < rows; i++) {
    const row = criteria[i];
    if (!Array.isArray(row) || row.length !== columns) {
      throw new DomainError(`criteria[${i}]`, `expected ${columns} criteria like the first row, got ${Array.isArray(row) ? row.length : describeValue(row)}`);
    }
    for (let j = 0; j < columns; j++) byColumn[j][i] = checkNumber(row[j], `criteria[${i}][${j}]`);
  }
  return { rows, columns, byColumn };
}

function resolveWeights(weights: number[] | undefined, columns: number): number[] {
  if (weights === undefined) return Array(columns).fill(1 / columns);
  if (weights.length !== columns) {
    throw new DomainError("weights", `expected ${columns} weights (one per criterion column), got ${weights.length}`);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new DomainError("weights", "at least one weight must be above 0", "out_of_range");
  return weights.map((w) => w / total);
}

function resolveDirections(directions: CriterionDirection[] | undefined, columns: number): CriterionDirection[] {
  if (directions === undefined) return Array(columns).fill("benefit");
  if (directions.length !== columns) {
    throw new DomainError("directions", `expected ${columns} directions (one per criterion column), got ${directions.length}`);
  }
  return directions;
}

/**
 * Weighted sum of min-max normalised criteria: benefit criteria
 * (x − min)/(max − min), cost criteria (max − x)/(max − min); a criterion on
 * which every item ties contributes 0 (it ranks nobody). Weights are
 * normalised to sum to 1, so scores lie in [0, 1]. This is the simple additive
 * weighting used for multi-criteria ABC, e.g. Ramanathan (2006), "ABC
 * inventory classification with multiple-criteria using weighted linear
 * optimization", Computers & OR 33: 695–700 (there with optimised weights).
 */
function weightedScores(table: CriteriaTable, weights: number[], directions: CriterionDirection[]): number[] {
  const scores = new Array<number>(table.rows).fill(0);
  table.byColumn.forEach((col, j) => {
    let min = Infinity;
    let max = -Infinity;
    for (const v of col) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const range = max - min;
    if (range === 0) return;
    for (let i = 0; i < table.rows; i++) {
      const normalised = directions[j] === "benefit" ? (col[i] - min) / range : (max - col[i]) / range;
      scores[i] += weights[j] * normalised;
    }
  });
  return scores;
}

/**
 * EDAS, Evaluation based on Distance from Average Solution: Keshavarz
 * Ghorabaee, Zavadskas, Olfat & Turskis (2015), Informatica 26(3): 435–451,
 * eqs. (1)–(9). With AVⱼ the mean of criterion j:
 * PDAᵢⱼ = max(0, xᵢⱼ − AVⱼ)/AVⱼ and NDAᵢⱼ = max(0, AVⱼ − xᵢⱼ)/AVⱼ for a benefit
 * criterion (swapped for a cost criterion); SPᵢ = Σ wⱼ PDAᵢⱼ, SNᵢ = Σ wⱼ NDAᵢⱼ;
 * NSPᵢ = SPᵢ / maxₖ SPₖ, NSNᵢ = 1 − SNᵢ / maxₖ SNₖ; appraisal score
 * ASᵢ = (NSPᵢ + NSNᵢ) / 2 in [0, 1]. When every item sits at the average
 * (max SP = 0 or max SN = 0) that term carries no information: NSP = 0, NSN = 1.
 */
function edasScores(table: CriteriaTable, weights: number[], directions: CriterionDirection[]): number[] {
  const sp = new Float64Array(table.rows);
  const sn = new Float64Array(table.rows);
  table.byColumn.forEach((col, j) => {
    let sum = 0;
    for (const v of col) sum += v;
    const average = sum / table.rows;
    if (!(average > 0)) {
      throw new DomainError(`criteria column ${j + 1}`, `EDAS divides by the criterion's average, which must be above 0, got ${average}`, "out_of_range");
    }
    for (let i = 0; i < table.rows; i++) {
      const above = Math.max(0, col[i] - average) / average;
      const below = Math.max(0, average - col[i]) / average;
      const [positive, negative] = directions[j] === "benefit" ? [above, below] : [below, above];
      sp[i] += weights[j] * positive;
      sn[i] += weights[j] * negative;
    }
  });
  const maxSp = Math.max(...sp);
  const maxSn = Math.max(...sn);
  return Array.from(sp, (s, i) => {
    const nsp = maxSp > 0 ? s / maxSp : 0;
    const nsn = maxSn > 0 ? 1 - sn[i] / maxSn : 1;
    return (nsp + nsn) / 2;
  });
}

/**
 * One score per item (row) from several criteria (columns): method
 * `weighted` (min-max normalised weighted sum) or `edas`. Higher is more
 * important. Weights default to equal, directions to `benefit`.
 *
 * @throws DomainError naming `criteria[i][j]`, `weights`, `directions` or a criterion column.
 * @example scoreMultiCriteria([[10, 1], [0, 0]]) // [1, 0]
 */
export function scoreMultiCriteria(criteria: ReadonlyArray<ReadonlyArray<unknown>>, options: MultiCriteriaOptions = {}): number[] {
  const opts = parseWith(multiCriteriaOptionsSchema, options, "");
  const table = toCriteriaTable(criteria);
  const weights = resolveWeights(opts.weights, table.columns);
  const directions = resolveDirections(opts.directions, table.columns);
  return opts.method === "edas" ? edasScores(table, weights, directions) : weightedScores(table, weights, directions);
}

const mcAbcOptionsSchema = z.object({
  cutoffs: cutoffsSchema.optional(),
  labels: labelsSchema.optional(),
  mode: abcModeSchema.default("count"),
  ids: z.array(z.union([z.string(), z.number(mustBe.number)])).optional(),
});

export type MultiCriteriaAbcOptions = MultiCriteriaOptions & {
  cutoffs?: number[];
  labels?: string[];
  mode?: AbcMode;
  ids?: Array<string | number>;
};

/** Default cut-offs per mode: 20 % / 30 % / 50 % of items (Flores & Whybark's proportions) or 80 / 95 % of score. */
export const MC_ABC_DEFAULT_CUTOFFS: Record<AbcMode, number[]> = { count: [0.2, 0.5], value: [0.8, 0.95] };

/**
 * Multi-criteria ABC: the multi-criteria score, then ABC on the score.
 * The default mode is `count` — scores are dimensionless, so classes are
 * usually set by item proportions (20 % A, 30 % B, 50 % C by default), as in
 * the MCIC literature; `value` mode uses cumulative score shares (80 / 95 %).
 */
export function classifyMultiCriteriaAbc(criteria: ReadonlyArray<ReadonlyArray<unknown>>, options: MultiCriteriaAbcOptions = {}): AbcResult & { scores: number[] } {
  const { cutoffs, labels, mode, ids } = parseWith(mcAbcOptionsSchema, { cutoffs: options.cutoffs, labels: options.labels, mode: options.mode, ids: options.ids }, "");
  const scores = scoreMultiCriteria(criteria, { weights: options.weights, directions: options.directions, method: options.method });
  const abc = classifyAbc(scores, { cutoffs: cutoffs ?? MC_ABC_DEFAULT_CUTOFFS[mode], labels, mode, ids });
  return { ...abc, scores };
}
