import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { proposeReclassifications } from "../segmentation/reclassification";
import { typicalRanges, type TypicalRange } from "./recommendRanges";
import { mustBe, numberSchema } from "../validation";

export const ruleRecommendationOptionsSchema = z.object({
  /** what the metric is, for the rule text and the rationale */
  metricName: z.string().trim().min(1),
  /** the dimension's classes, best first: ["A", "B", "C"] */
  classes: z.array(z.string().trim().min(1)).min(2, "at least two classes are needed"),
  direction: z.enum(["higherIsBetter", "lowerIsBetter"]).default("higherIsBetter"),
  /** "log": boundaries are geometric means (money); "linear": arithmetic means (ratios such as CoV) */
  scale: z.enum(["log", "linear"]).default("linear"),
  /** how far past a boundary, as a fraction of it, each period of the window must be */
  margin: numberSchema({ min: 0, max: 1 }).default(0.25),
  /** N: consecutive latest periods that must all be past the boundary */
  consecutivePeriods: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).default(3),
});
export type RuleRecommendationOptions = z.input<typeof ruleRecommendationOptionsSchema>;

export interface RuleEntity {
  entityId: string;
  /** the class currently in force; entities in a class not listed are not judged (Strategic, no demand) */
  current: string;
  /** the metric in each period, oldest first; NaN where it is undefined (no demand) */
  metric: ArrayLike<number>;
}

export interface RuleRecommendation {
  entityId: string;
  from: string;
  to: string;
  change: "upgrade" | "downgrade";
  /** persistence × strength, in [0.25, 1]: a score, not a probability */
  confidence: number;
  /** the bound each window value passed (boundary ± margin) and the boundary itself */
  bound: number;
  boundary: number;
  /** latest periods in a row past the bound (≥ N) */
  run: number;
  evidence: Array<{ period: string; value: number }>;
  /** the metric's mean over the window against the target class's typical range */
  value: number;
  targetRange: TypicalRange;
  rule: string;
}

/**
 * Rule recommendations of class changes: class boundaries are read from the
 * current members (between adjacent classes k and k+1, the mean, geometric on
 * a log scale, of class k's lower quartile and class k+1's upper quartile for
 * higher-is-better metrics, the mirror for lower-is-better: quartiles, so that
 * up to a quarter of a class drifting away does not move its boundary), then the
 * reclassification-with-hysteresis engine (`proposeReclassifications`) fires
 * where the metric has been past a boundary by the margin in each of the last
 * N periods. Reading the boundaries off the members keeps a rank-based rule
 * (ABC's cumulative-share cut-offs, customer tiers) in the metric's own units,
 * so a per-period value can be compared with it.
 *
 * Confidence = persistence × strength: persistence = min(run, 2N)/(2N) ∈ [½, 1]
 * (how many latest periods in a row were past the bound), strength =
 * min(1, ½ + ½·e) ∈ [½, 1] with e the median distance past the bound over the
 * window in units of the margin band |boundary − bound| (or of |boundary| when
 * the margin is 0). Hand-chosen so that a bare N-period crossing scores ¼ and a
 * crossing held for 2N periods by a full band scores 1.
 *
 * @throws DomainError (`classes`) when the members' ranges overlap so that the boundaries are not ordered; (`entities[i].metric`) with the wrong length; option fields out of range
 * @example
 * // two A items near 100 a period, two C items near 1; one A item has sold 1 a period for three periods:
 * recommendByRule(["1", "2", "3"], [{ entityId: "a", current: "A", metric: [100, 110, 90] }, …, { entityId: "x", current: "A", metric: [1, 1, 1] }], { metricName: "revenue", classes: ["A", "C"], scale: "log" }); // x: A → C
 */
export function recommendByRule(periods: readonly string[], entities: readonly RuleEntity[], options: RuleRecommendationOptions) {
  const o = parseWith(ruleRecommendationOptionsSchema, options, "options");
  const higher = o.direction === "higherIsBetter";
  const p = periods.length;
  entities.forEach((e, i) => {
    if (e.metric.length !== p) throw new DomainError(`entities[${i}].metric`, `expected ${p} values (one per period), got ${e.metric.length}`);
  });
  const means = entities.map((e) => meanOfFinite(e.metric, 0, p));
  const ranges = typicalRanges(
    means,
    entities.map((e) => e.current),
  );
  // A class with no member carries no evidence of where it starts: it is left out of the ladder.
  const classes = o.classes.filter((c) => ranges.has(c));
  if (classes.length < 2 || p < o.consecutivePeriods) return { boundaries: [] as number[], classes, ranges, recommendations: [] as RuleRecommendation[], skipped: entities.length };
  const combine = (x: number, y: number) => (o.scale === "log" && x > 0 && y > 0 ? Math.sqrt(x * y) : (x + y) / 2);
  const boundaries = classes.slice(1).map((c, k) => {
    const better = ranges.get(classes[k])!;
    const worse = ranges.get(c)!;
    return higher ? combine(better.p25, worse.p75) : combine(better.p75, worse.p25);
  });
  boundaries.forEach((b, k) => {
    if (k > 0 && (higher ? b >= boundaries[k - 1] : b <= boundaries[k - 1])) {
      throw new DomainError("classes", `the typical ranges of ${classes[k]} and ${classes[k + 1]} overlap those of ${classes[k - 1]}: no ordered ${o.metricName} boundary separates them`);
    }
  });
  const n = o.consecutivePeriods;
  const windowLabels = periods.slice(p - n);
  const judged: number[] = [];
  const items = [];
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    if (!classes.includes(e.current)) continue;
    const window = Array.from({ length: n }, (_, w) => e.metric[p - n + w]);
    if (!window.every(Number.isFinite)) continue;
    judged.push(i);
    items.push({ itemId: String(i), classes: windowLabels.map(() => e.current), metric: window });
  }
  const { proposals } = proposeReclassifications(
    { periods: windowLabels, items },
    { metricName: o.metricName, classes, thresholds: boundaries, direction: o.direction, margin: o.margin, marginType: "relative", consecutivePeriods: n, minimumDwellPeriods: 0 },
  );
  const recommendations = proposals.map((proposal): RuleRecommendation => {
    const e = entities[Number(proposal.itemId)];
    const target = classes.indexOf(proposal.to);
    const boundary = proposal.change === "upgrade" ? boundaries[target] : boundaries[target - 1];
    const past = (v: number) => ((proposal.change === "upgrade") === higher ? v >= proposal.bound : v <= proposal.bound);
    let run = 0;
    for (let k = p - 1; k >= 0 && Number.isFinite(e.metric[k]) && past(e.metric[k]); k--) run++;
    const band = Math.abs(boundary - proposal.bound) || Math.abs(boundary) || 1;
    const excess = median(proposal.evidence.map((x) => Math.abs(x.value - proposal.bound) / band));
    const persistence = Math.min(run, 2 * n) / (2 * n);
    const strength = Math.min(1, 0.5 + 0.5 * excess);
    return {
      entityId: e.entityId,
      from: proposal.from,
      to: proposal.to,
      change: proposal.change,
      confidence: Math.round(persistence * strength * 1e4) / 1e4,
      bound: proposal.bound,
      boundary,
      run,
      evidence: proposal.evidence,
      value: meanOfFinite(window(e.metric, p - n, p), 0, n) ?? Number.NaN,
      targetRange: ranges.get(proposal.to)!,
      // The hysteresis engine is given the current class for the N periods judged only, so its "after N periods in C"
      // would say N whatever the truth: the run the data show is said instead.
      rule: `${proposal.rule.replace(/, after \d+ periods in \S+$/, "")}; past the bound at the last ${run} of the ${p} periods read (since ${periods[p - run]})`,
    };
  });
  return { boundaries, classes, ranges, recommendations, skipped: entities.length - judged.length };
}

function window(values: ArrayLike<number>, from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => values[from + k]);
}

function meanOfFinite(values: ArrayLike<number>, from: number, to: number): number | null {
  let sum = 0;
  let count = 0;
  for (let k = from; k < to; k++) {
    if (Number.isFinite(values[k])) {
      sum += values[k];
      count++;
    }
  }
  return count ? sum / count : null;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
