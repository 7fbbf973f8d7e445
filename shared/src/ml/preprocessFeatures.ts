import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { mustBe } from "../validation";

export const featureSpecSchema = z.object({
  name: z.string().trim().min(1),
  /** money amounts (revenue, margin €) are log-transformed: they span orders of magnitude */
  money: z.boolean().default(false),
});
export type FeatureSpec = z.input<typeof featureSpecSchema>;

export const preprocessOptionsSchema = z.object({
  /** "median": a missing value takes the feature's median; "drop": the row is left out (and listed) */
  missing: z.enum(["median", "drop"]).default("median"),
  /** "zscore": (x − mean) / sd; "robust": (x − median) / IQR */
  scaling: z.enum(["zscore", "robust"]).default("zscore"),
});
export type PreprocessOptions = z.input<typeof preprocessOptionsSchema>;

/** How one feature was transformed, so centres can be mapped back to original units. */
export interface FeatureTransform {
  name: string;
  log: boolean;
  centre: number;
  /** 1 when the feature had no spread, or one below 1e-12 of its magnitude (every scaled value is then 0) */
  scale: number;
  /** values that were missing (null, undefined, NaN) */
  missing: number;
  /** the value imputed for them (original units), or null when rows were dropped */
  imputed: number | null;
  constant: boolean;
}

export interface PreprocessedFeatures {
  /** kept rows × features, row-major, transformed and scaled */
  matrix: Float64Array;
  rows: number;
  dimensions: number;
  /** index into the input of each kept row */
  kept: number[];
  /** input rows left out because a value was missing (missing: "drop") */
  dropped: number[];
  transforms: FeatureTransform[];
}

/** Signed log: log(1 + |x|) with x's sign, so a negative margin stays negative and 0 stays 0. */
export const signedLog = (x: number) => Math.sign(x) * Math.log1p(Math.abs(x));
export const signedExp = (y: number) => Math.sign(y) * Math.expm1(Math.abs(y));

function quantile(sorted: Float64Array, p: number): number {
  // Hyndman & Fan (1996) definition 7, R's and numpy's default: linear between order statistics.
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/**
 * Turn a table of entity features into the matrix k-means reads: missing
 * values imputed with the median or their rows dropped (explicitly, and
 * reported), money features passed through a signed log (Gelman & Hill 2007,
 * Data Analysis Using Regression and Multilevel/Hierarchical Models, §4.4:
 * log scale for positive quantities spanning orders of magnitude; the signed
 * form keeps losses), then each feature standardised so no unit dominates the
 * Euclidean distance: z = (x − x̄)/s (sample sd), or robustly z = (x − median)/IQR
 * (Hastie, Tibshirani & Friedman, ESL 2nd ed., §14.3.3 on standardising before
 * clustering). A feature without spread gets scale 1 and is flagged `constant`.
 *
 * @param rows one object per entity, feature name → number (null/undefined/NaN = missing)
 * @throws DomainError (`features`) when empty or a name repeats; (`rows`) when no row remains; (`rows[i].name`) for a value that is not a number or is infinite
 * @example
 * preprocessFeatures([{ revenue: 10 }, { revenue: 1000 }], [{ name: "revenue", money: true }]).matrix; // [−0.7071…, 0.7071…]
 */
export function preprocessFeatures(rows: ReadonlyArray<Record<string, unknown>>, features: FeatureSpec[], options: PreprocessOptions = {}): PreprocessedFeatures {
  const specs = parseWith(z.array(featureSpecSchema).min(1, "at least one feature is needed"), features, "features");
  const o = parseWith(preprocessOptionsSchema, options, "options");
  const seen = new Set<string>();
  specs.forEach((f, j) => {
    if (seen.has(f.name)) throw new DomainError(`features[${j}].name`, `"${f.name}" is listed twice`);
    seen.add(f.name);
  });
  const d = specs.length;
  const raw = new Float64Array(rows.length * d);
  const isMissing = new Uint8Array(rows.length * d);
  rows.forEach((row, i) => {
    specs.forEach((f, j) => {
      const v = row?.[f.name];
      if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) {
        isMissing[i * d + j] = 1;
        return;
      }
      if (typeof v !== "number" || !Number.isFinite(v)) throw new DomainError(`rows[${i}].${f.name}`, `${mustBe.number} or nothing, got ${typeof v === "string" ? JSON.stringify(v) : String(v)}`, "invalid");
      raw[i * d + j] = f.money ? signedLog(v) : v;
    });
  });
  const kept: number[] = [];
  const dropped: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const any = isMissing.subarray(i * d, (i + 1) * d).some((m) => m === 1);
    if (any && o.missing === "drop") dropped.push(i);
    else kept.push(i);
  }
  if (kept.length === 0) throw new DomainError("rows", rows.length === 0 ? "expected at least one row" : "every row has a missing value", "missing");
  const n = kept.length;
  const matrix = new Float64Array(n * d);
  const transforms: FeatureTransform[] = specs.map((f, j) => {
    const present: number[] = [];
    let missing = 0;
    for (const i of kept) {
      if (isMissing[i * d + j]) missing++;
      else present.push(raw[i * d + j]);
    }
    if (present.length === 0) throw new DomainError(`features[${j}]`, `"${f.name}" is missing in every row`, "missing");
    const sorted = Float64Array.from(present).sort();
    const median = quantile(sorted, 0.5);
    let centre: number;
    let spread: number;
    if (o.scaling === "robust") {
      centre = median;
      spread = quantile(sorted, 0.75) - quantile(sorted, 0.25);
    } else {
      centre = present.reduce((a, b) => a + b, 0) / present.length;
      spread = present.length > 1 ? Math.sqrt(present.reduce((a, b) => a + (b - centre) ** 2, 0) / (present.length - 1)) : 0;
    }
    // A spread below rounding noise of the values' magnitude is no spread: dividing by it would amplify that noise.
    const magnitude = Math.max(Math.abs(sorted[0]), Math.abs(sorted[sorted.length - 1]));
    const constant = !(spread > 1e-12 * magnitude) || spread === 0;
    const scale = constant ? 1 : spread;
    kept.forEach((i, r) => {
      const v = isMissing[i * d + j] ? median : raw[i * d + j];
      matrix[r * d + j] = (v - centre) / scale;
    });
    const imputed = missing === 0 ? null : f.money ? signedExp(median) : median;
    return { name: f.name, log: f.money, centre, scale, missing, imputed, constant };
  });
  return { matrix, rows: n, dimensions: d, kept, dropped, transforms };
}

/** Centres (or any rows) of the scaled matrix back in the features' original units. */
export function toOriginalUnits(scaled: Float64Array, transforms: readonly FeatureTransform[]): number[][] {
  const d = transforms.length;
  const out: number[][] = [];
  for (let r = 0; r < scaled.length / d; r++) {
    out.push(
      transforms.map((t, j) => {
        const v = scaled[r * d + j] * t.scale + t.centre;
        return t.log ? signedExp(v) : v;
      }),
    );
  }
  return out;
}
