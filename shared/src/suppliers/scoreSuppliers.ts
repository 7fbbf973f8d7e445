import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { rankDescending } from "../numeric";
import { checkIds, checkNumber, mustBe } from "../validation";
import { toDriverTable } from "../cost/driverTable";

export const scorecardDirectionSchema = z.enum(["benefit", "cost"]);
export type ScorecardDirection = z.infer<typeof scorecardDirectionSchema>;
export const normalisationSchema = z.enum(["minmax", "target"]);
export type Normalisation = z.infer<typeof normalisationSchema>;

/** Weights must sum to 1 within this: a scorecard's weights are shares of 100 points. */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

export const scorecardOptionsSchema = z.object({
  directions: z.array(scorecardDirectionSchema).optional(),
  normalisation: normalisationSchema.default("minmax"),
  /** one target per metric (> 0), for `target` normalisation */
  targets: z.array(z.number(mustBe.number).finite().gt(0, mustBe.above(0))).optional(),
  ids: z.array(z.union([z.string(), z.number(mustBe.number)])).optional(),
});
export type ScorecardOptions = z.input<typeof scorecardOptionsSchema>;

export interface SupplierScore {
  id: string;
  /** 0–100 */
  score: number;
  /** 1 = best; ties keep input order */
  rank: number;
  /** points from each metric: 100 × weight × normalised value; they sum to the score */
  contributions: number[];
}

/**
 * Check a weight vector: one per metric, each ≥ 0, summing to 1. Unlike
 * TIER.MCSCORE, weights are not rescaled: a scorecard whose weights do not
 * add up is a typo the buyer should see, not something to paper over.
 */
export function checkWeights(weights: ReadonlyArray<unknown>, metrics: number, field = "weights"): Float64Array {
  if (!Array.isArray(weights)) throw new DomainError(field, `expected ${metrics} weights (one per metric column)`, "missing");
  if (weights.length !== metrics) throw new DomainError(field, `expected ${metrics} weights (one per metric column), got ${weights.length}`);
  const w = Float64Array.from(weights, (v, j) => checkNumber(v, `${field}[${j}]`, { min: 0, max: 1 }));
  const sum = w.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) throw new DomainError(field, `must sum to 1, got ${+sum.toPrecision(12)}`, "out_of_range");
  return w;
}

/**
 * Normalise each metric to [0, 1], 1 = best. `minmax`: (x − min)/(max − min)
 * for a benefit metric (on-time rate, fill rate), (max − x)/(max − min) for a
 * cost metric (ppm, lead-time sd, price variance); when every supplier ties
 * on a metric each is the best observed and gets 1. `target`: the achievement
 * ratio capped at 1, x/target for a benefit metric and target/x for a cost
 * metric (a value of 0 meets any cost target); metrics must then be ≥ 0.
 */
export function normaliseMetrics(
  table: { rows: number; columns: number; values: Float64Array },
  directions: readonly ScorecardDirection[],
  normalisation: Normalisation,
  targets: readonly number[] | undefined,
): Float64Array {
  const { rows, columns, values } = table;
  const out = new Float64Array(rows * columns);
  for (let j = 0; j < columns; j++) {
    const benefit = directions[j] === "benefit";
    if (normalisation === "minmax") {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < rows; i++) {
        const v = values[i * columns + j];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const range = max - min;
      for (let i = 0; i < rows; i++) {
        const v = values[i * columns + j];
        out[i * columns + j] = range === 0 ? 1 : benefit ? (v - min) / range : (max - v) / range;
      }
    } else {
      const target = targets![j];
      for (let i = 0; i < rows; i++) {
        const v = values[i * columns + j];
        out[i * columns + j] = benefit ? Math.min(1, v / target) : v <= target ? 1 : target / v;
      }
    }
  }
  return out;
}

/**
 * Resolve directions and targets, validate the table; shared by the plain and
 * the segment-weighted scorecard.
 */
export function prepareScorecard(metrics: ReadonlyArray<ReadonlyArray<unknown>>, options: ScorecardOptions) {
  const opts = parseWith(scorecardOptionsSchema, options, "");
  const table = toMetricTable(metrics, opts.normalisation);
  const directions = opts.directions ?? new Array<ScorecardDirection>(table.columns).fill("benefit");
  if (directions.length !== table.columns) {
    throw new DomainError("directions", `expected ${table.columns} directions (one per metric column), got ${directions.length}`);
  }
  if (opts.normalisation === "target") {
    if (!opts.targets) throw new DomainError("targets", "target normalisation needs one target per metric column", "missing");
    if (opts.targets.length !== table.columns) throw new DomainError("targets", `expected ${table.columns} targets (one per metric column), got ${opts.targets.length}`);
  }
  const ids = checkIds(opts.ids, table.rows, "ids");
  const normalised = normaliseMetrics(table, directions, opts.normalisation, opts.targets);
  return { table, ids, normalised };
}

function toMetricTable(metrics: ReadonlyArray<ReadonlyArray<unknown>>, normalisation: Normalisation) {
  if (normalisation === "target") return toDriverTable(metrics, "metrics");
  // Min-max accepts any sign (a price variance of −2 % is a saving).
  const rows = Array.isArray(metrics) ? metrics.length : 0;
  if (rows === 0) throw new DomainError("metrics", "expected a table (rows = suppliers, columns = metrics)", "missing");
  const columns = Array.isArray(metrics[0]) ? metrics[0].length : 0;
  if (columns === 0) throw new DomainError("metrics[0]", "expected at least one metric column");
  const values = new Float64Array(rows * columns);
  metrics.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== columns) throw new DomainError(`metrics[${i}]`, `expected ${columns} metrics like the first row, got ${Array.isArray(row) ? row.length : typeof row}`);
    for (let j = 0; j < columns; j++) values[i * columns + j] = checkNumber(row[j], `metrics[${i}][${j}]`);
  });
  return { rows, columns, values };
}

/** Score rows with their own weight vectors (row-major, rows × columns), rank them. */
export function scoreWithWeights(normalised: Float64Array, rows: number, columns: number, weightOf: (i: number) => Float64Array, ids: string[]): SupplierScore[] {
  const scores = new Float64Array(rows);
  const contributions: number[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const w = weightOf(i);
    const points = new Array<number>(columns);
    let s = 0;
    for (let j = 0; j < columns; j++) {
      points[j] = 100 * w[j] * normalised[i * columns + j];
      s += points[j];
    }
    contributions[i] = points;
    scores[i] = s;
  }
  const order = rankDescending(scores);
  const rank = new Uint32Array(rows);
  order.forEach((i, r) => (rank[i] = r + 1));
  return ids.map((id, i) => ({ id, score: scores[i], rank: rank[i], contributions: contributions[i] }));
}

/**
 * Supplier scorecard by the weighted-point method: each metric normalised to
 * [0, 1] (1 = best), weighted, summed and scaled to 0–100,
 *
 *   scoreᵢ = 100 · Σⱼ wⱼ · normⱼ(xᵢⱼ),   Σⱼ wⱼ = 1,
 *
 * with the points of each metric reported so a buyer sees why a supplier
 * ranks where it does. Timmerman (1986), "An approach to vendor performance
 * evaluation", Journal of Purchasing and Materials Management 22(4): 2–8
 * (the weighted-point plan); min-max normalisation as in simple additive
 * weighting (Hwang & Yoon, *Multiple Attribute Decision Making*, 1981).
 *
 * @param metrics rows = suppliers, columns = metrics (on-time %, fill rate, ppm, lead-time mean and sd, price variance, responsiveness…)
 * @param weights one per metric, ≥ 0, summing to 1
 * @throws DomainError naming `metrics[i][j]`, `weights` / `weights[j]`, `directions`, `targets` or `ids[i]`
 * @example scoreSuppliers([[0.98, 200], [0.90, 50]], [0.5, 0.5], { directions: ["benefit", "cost"] }).map((s) => s.score) // [50, 50]
 */
export function scoreSuppliers(metrics: ReadonlyArray<ReadonlyArray<unknown>>, weights: ReadonlyArray<unknown>, options: ScorecardOptions = {}): SupplierScore[] {
  const { table, ids, normalised } = prepareScorecard(metrics, options);
  const w = checkWeights(weights, table.columns);
  return scoreWithWeights(normalised, table.rows, table.columns, () => w, ids);
}
