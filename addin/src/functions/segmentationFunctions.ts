/* eslint-disable @typescript-eslint/no-explicit-any -- `any` is how custom-functions-metadata reads "any cell value"; every value is checked below. */
/**
 * The segmentation TIER.* worksheet functions: thin adapters over shared/. Each coerces its
 * ranges, calls the domain, and maps errors once (cells.ts). The JSDoc of each
 * function is its metadata: functions.json is generated from it, so parameter
 * names here are the names Excel shows (the public contract in
 * tier-functions.md).
 */
import { classifyAbc, paretoShares, classifyXyz, classifyDemandPatterns, scoreMultiCriteria, classifyMultiCriteriaAbc } from "../../../shared/src/segmentation";
import { dataVector, optionalChoice, optionalNumber, optionalNumberList, optionalStringList, spillColumn, tableArgument } from "./cells";

/**
 * How TIER.ABC and TIER.MCABC turn a cumulative share into a class.
 * @customenum {string}
 */
export enum AbcMode {
  /** Cumulative share of the total value (TIER.ABC's default). */
  value = "value",
  /** Share of items, ranked by value (TIER.MCABC's default). */
  count = "count",
}

/**
 * How TIER.MCSCORE and TIER.MCABC combine the criteria.
 * @customenum {string}
 */
export enum ScoreMethod {
  /** Min-max normalised weighted sum (default). */
  weighted = "weighted",
  /** EDAS: distance from the average solution. */
  edas = "edas",
}

/**
 * Whether more of a criterion is better or worse.
 * @customenum {string}
 */
export enum CriterionDirection {
  /** Higher is better (default). */
  benefit = "benefit",
  /** Lower is better. */
  cost = "cost",
}

/**
 * ABC class of each item: items ranked by value; in "value" mode an item gets the first class whose cut-off is ≥ its cumulative share of the total, in "count" mode ≥ its share of items.
 * @customfunction ABC
 * @helpurl https://localhost:3000/functions.html#tier-abc
 * @param values One column of values (revenue, margin, units…); a blank cell reads as 0.
 * @param [cutoffs] Cut-offs as shares, increasing, e.g. {0.8,0.95} (default).
 * @param [labels] Class labels, one more than the cut-offs (default A, B, C…).
 * @param [mode] "value" (default) or "count".
 * @returns One class per row, in input order.
 */
export function abc(values: any[][], cutoffs?: any[][], labels?: any[][], mode?: AbcMode): any[][] {
  return spillColumn((context) => {
    const input = dataVector(values, "values");
    context.orientation = input.orientation;
    const result = classifyAbc(input.values, {
      cutoffs: optionalNumberList(cutoffs, "cutoffs"),
      labels: optionalStringList(labels, "labels"),
      mode: optionalChoice(mode, "mode", ["value", "count"] as const),
    });
    return result.items.map((item) => item.class);
  });
}

/**
 * Cumulative share of the total of each item, items ranked by value, up to and including the item (the Pareto curve).
 * @customfunction PARETO
 * @helpurl https://localhost:3000/functions.html#tier-pareto
 * @param values One column of values; a blank cell reads as 0.
 * @returns One share per row, in input order.
 */
export function pareto(values: any[][]): any[][] {
  return spillColumn((context) => {
    const input = dataVector(values, "values");
    context.orientation = input.orientation;
    return paretoShares(input.values);
  });
}

/**
 * XYZ class of each item by the coefficient of variation of its demand (sample sd / mean); an all-zero row is "no demand".
 * @customfunction XYZ
 * @helpurl https://localhost:3000/functions.html#tier-xyz
 * @param demand Demand table: rows = items, columns = periods (blank = 0).
 * @param [cutoffs] CV cut-offs, increasing (default {0.5,1}).
 * @param [labels] Class labels, one more than the cut-offs (default X, Y, Z).
 * @returns One class per row.
 */
export function xyz(demand: any[][], cutoffs?: any[][], labels?: any[][]): any[][] {
  return spillColumn(() =>
    classifyXyz(tableArgument(demand, "demand"), {
      cutoffs: optionalNumberList(cutoffs, "cutoffs"),
      labels: optionalStringList(labels, "labels"),
    }).items.map((item) => item.class),
  );
}

/**
 * Syntetos–Boylan demand pattern of each item: smooth, erratic, intermittent, lumpy or no demand.
 * @customfunction DEMANDPATTERN
 * @helpurl https://localhost:3000/functions.html#tier-demandpattern
 * @param demand Demand table: rows = items, columns = periods (blank = 0).
 * @param [adi_cutoff] Average demand interval cut-off (default 1.32).
 * @param [cv2_cutoff] Squared CV of demand sizes cut-off (default 0.49).
 * @returns One pattern per row.
 */
export function demandPattern(demand: any[][], adi_cutoff?: any, cv2_cutoff?: any): any[][] {
  return spillColumn(
    () =>
      classifyDemandPatterns(tableArgument(demand, "demand"), {
        adiCutoff: optionalNumber(adi_cutoff, "adi_cutoff", true),
        cv2Cutoff: optionalNumber(cv2_cutoff, "cv2_cutoff", true),
      }).items.map((item) => item.pattern),
    { adiCutoff: "adi_cutoff", cv2Cutoff: "cv2_cutoff" },
  );
}

/**
 * Multi-criteria score of each item (0 to 1, higher = more important).
 * @customfunction MCSCORE
 * @helpurl https://localhost:3000/functions.html#tier-mcscore
 * @param criteria Criteria table: rows = items, columns = criteria (blank = 0).
 * @param [weights] One weight per criterion (default equal; a blank weight reads as 0).
 * @param [directions] "benefit" or "cost" per criterion (default and blank: benefit).
 * @param [method] "weighted" (min-max normalised weighted sum, default) or "edas".
 * @returns One score per row.
 */
export function mcScore(criteria: any[][], weights?: any[][], directions?: CriterionDirection[][], method?: ScoreMethod): any[][] {
  return spillColumn(() =>
    scoreMultiCriteria(tableArgument(criteria, "criteria"), {
      weights: optionalNumberList(weights, "weights"),
      directions: directionList(directions),
      method: optionalChoice(method, "method", ["weighted", "edas"] as const),
    }),
  );
}

/**
 * Multi-criteria ABC class of each item: the multi-criteria score, then ABC on the score ("count" mode by default: 20% A, 30% B, 50% C).
 * @customfunction MCABC
 * @helpurl https://localhost:3000/functions.html#tier-mcabc
 * @param criteria Criteria table: rows = items, columns = criteria (blank = 0).
 * @param [weights] One weight per criterion (default equal; a blank weight reads as 0).
 * @param [directions] "benefit" or "cost" per criterion (default and blank: benefit).
 * @param [cutoffs] Cut-offs as shares, increasing (default {0.2,0.5} in count mode, {0.8,0.95} in value mode).
 * @param [method] "weighted" (default) or "edas".
 * @param [mode] "count" (default) or "value".
 * @returns One class per row.
 */
export function mcAbc(criteria: any[][], weights?: any[][], directions?: CriterionDirection[][], cutoffs?: any[][], method?: ScoreMethod, mode?: AbcMode): any[][] {
  return spillColumn(() =>
    classifyMultiCriteriaAbc(tableArgument(criteria, "criteria"), {
      weights: optionalNumberList(weights, "weights"),
      directions: directionList(directions),
      cutoffs: optionalNumberList(cutoffs, "cutoffs"),
      method: optionalChoice(method, "method", ["weighted", "edas"] as const),
      mode: optionalChoice(mode, "mode", ["value", "count"] as const),
    }).items.map((item) => item.class),
  );
}

function directionList(range: unknown): Array<"benefit" | "cost"> | undefined {
  return optionalStringList(range, "directions")?.map((d, i) => optionalChoice(d, `directions item ${i + 1}`, ["benefit", "cost"] as const) ?? "benefit");
}
