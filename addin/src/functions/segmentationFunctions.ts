/* eslint-disable @typescript-eslint/no-explicit-any -- `any` is how custom-functions-metadata reads "any cell value"; every value is checked below. */
/**
 * The segmentation TIER.* worksheet functions: thin adapters over shared/. Each coerces its
 * ranges, calls the domain, and maps errors once (cells.ts). The JSDoc of each
 * function is its metadata: functions.json is generated from it, so parameter
 * names here are the names Excel shows (the public contract in
 * tier-functions.md).
 */
import { classifyAbc, paretoShares, classifyXyz, classifyDemandPatterns, scoreMultiCriteria, classifyMultiCriteriaAbc } from "../../../shared/src/segmentation";
import { optionalChoice, optionalNumber, optionalNumberList, optionalStringList, spillColumn, tableArgument, vectorArgument } from "./cells";


/**
 * ABC class of each item: items ranked by value; in "value" mode an item gets the first class whose cut-off is ≥ its cumulative share of the total, in "count" mode ≥ its share of items.
 * @customfunction ABC
 * @param values One column of values (revenue, margin, units…).
 * @param [cutoffs] Cut-offs as shares, increasing, e.g. {0.8,0.95} (default).
 * @param [labels] Class labels, one more than the cut-offs (default A, B, C…).
 * @param [mode] "value" (default) or "count".
 * @returns One class per row, in input order.
 */
export function abc(values: any[][], cutoffs?: any[][], labels?: any[][], mode?: any): any[][] {
  return spillColumn((context) => {
    const input = vectorArgument(values, "values");
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
 * @param values One column of values.
 * @returns One share per row, in input order.
 */
export function pareto(values: any[][]): any[][] {
  return spillColumn((context) => {
    const input = vectorArgument(values, "values");
    context.orientation = input.orientation;
    return paretoShares(input.values);
  });
}

/**
 * XYZ class of each item by the coefficient of variation of its demand (sample sd / mean); an all-zero row is "no demand".
 * @customfunction XYZ
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
 * @param demand Demand table: rows = items, columns = periods (blank = 0).
 * @param [adi_cutoff] Average demand interval cut-off (default 1.32).
 * @param [cv2_cutoff] Squared CV of demand sizes cut-off (default 0.49).
 * @returns One pattern per row.
 */
export function demandPattern(demand: any[][], adi_cutoff?: any, cv2_cutoff?: any): any[][] {
  return spillColumn(
    () =>
      classifyDemandPatterns(tableArgument(demand, "demand"), {
        adiCutoff: optionalNumber(adi_cutoff, "adi_cutoff"),
        cv2Cutoff: optionalNumber(cv2_cutoff, "cv2_cutoff"),
      }).items.map((item) => item.pattern),
    { adiCutoff: "adi_cutoff", cv2Cutoff: "cv2_cutoff" },
  );
}

/**
 * Multi-criteria score of each item (0 to 1, higher = more important).
 * @customfunction MCSCORE
 * @param criteria Criteria table: rows = items, columns = criteria.
 * @param [weights] One weight per criterion (default equal).
 * @param [directions] "benefit" or "cost" per criterion (default benefit).
 * @param [method] "weighted" (min-max normalised weighted sum, default) or "edas".
 * @returns One score per row.
 */
export function mcScore(criteria: any[][], weights?: any[][], directions?: any[][], method?: any): any[][] {
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
 * @param criteria Criteria table: rows = items, columns = criteria.
 * @param [weights] One weight per criterion (default equal).
 * @param [directions] "benefit" or "cost" per criterion (default benefit).
 * @param [cutoffs] Cut-offs as shares, increasing (default {0.2,0.5} in count mode, {0.8,0.95} in value mode).
 * @param [method] "weighted" (default) or "edas".
 * @param [mode] "count" (default) or "value".
 * @returns One class per row.
 */
export function mcAbc(criteria: any[][], weights?: any[][], directions?: any[][], cutoffs?: any[][], method?: any, mode?: any): any[][] {
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
