import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { mustBe } from "../validation";

export const hysteresisRuleSchema = z
  .object({
    /** what the metric is, for the rule text: "revenue", "CV" */
    metricName: z.string().trim().min(1).default("metric"),
    /** class labels, best first: ["A", "B", "C"] */
    classes: z.array(z.string().trim().min(1)).min(2, "at least two classes are needed"),
    /** thresholds[k] is the boundary between classes[k] and classes[k + 1] */
    thresholds: z.array(z.number(mustBe.number).finite()),
    /** higherIsBetter: class k needs metric ≥ thresholds[k] (revenue); lowerIsBetter: ≤ (CV) */
    direction: z.enum(["higherIsBetter", "lowerIsBetter"]).default("higherIsBetter"),
    /** how far past a boundary the metric must be: a fraction of it (relative) or in metric units (absolute) */
    margin: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).default(0.1),
    marginType: z.enum(["relative", "absolute"]).default("relative"),
    /** N: the crossing must hold in each of the last N periods */
    consecutivePeriods: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).default(3),
    /** no change until an item has been in its class this many periods */
    minimumDwellPeriods: z.number(mustBe.number).int(mustBe.wholeNumber).min(0, mustBe.atLeast(0)).default(6),
    /** periods (labels) in which nothing is proposed: peak season, year-end close */
    freezePeriods: z.array(z.string()).default([]),
  })
  .superRefine((rule, ctx) => {
    if (rule.thresholds.length !== rule.classes.length - 1) {
      ctx.addIssue({ code: "custom", path: ["thresholds"], message: `expected ${rule.classes.length - 1} thresholds (one between each pair of classes), got ${rule.thresholds.length}` });
      return;
    }
    const descending = rule.direction === "higherIsBetter";
    rule.thresholds.forEach((t, k) => {
      if (k > 0 && (descending ? t >= rule.thresholds[k - 1] : t <= rule.thresholds[k - 1])) {
        ctx.addIssue({ code: "custom", path: ["thresholds", k], message: `must be ${descending ? "below" : "above"} the previous threshold (${rule.direction})` });
      }
    });
  });
export type HysteresisRule = z.input<typeof hysteresisRuleSchema>;

export const reclassificationInputSchema = z.object({
  /** period labels, oldest first, shared by every item */
  periods: z.array(z.string().trim().min(1)).min(1, "at least one period is needed"),
  items: z.array(
    z.object({
      itemId: z.string().trim().min(1),
      /** the class in force in each period */
      classes: z.array(z.string()),
      /** the metric in each period */
      metric: z.array(z.number(mustBe.number).finite()),
    }),
  ),
  /** evaluate as of this period (default: the last) */
  asOf: z.string().optional(),
});
export type ReclassificationInput = z.input<typeof reclassificationInputSchema>;

export interface ReclassificationProposal {
  itemId: string;
  from: string;
  to: string;
  change: "upgrade" | "downgrade";
  period: string;
  /** the metric in each period of the window that fired */
  evidence: Array<{ period: string; value: number }>;
  /** the bound each value had to pass (boundary ± margin) */
  bound: number;
  rule: string;
}

export interface HeldChange {
  itemId: string;
  from: string;
  to: string;
  reason: "minimum dwell" | "freeze window";
  detail: string;
}

/**
 * Reclassification with hysteresis: an item moves to another class only when
 * its metric has been past the class boundary by a margin in each of the last
 * N periods, it has stayed in its class for a minimum dwell time, and the
 * evaluation period is not frozen. The margin band (a Schmitt trigger, in
 * control terms) keeps an item that oscillates around a boundary from
 * flapping between classes every period; the dwell time and N-period
 * persistence follow the review-cycle practice of dynamic ABC-XYZ
 * classification. A multi-class jump is proposed when every period of the
 * window clears the farther boundary.
 *
 * Returns the proposals and, for transparency, the changes the data supports
 * but dwell time or a freeze window holds back.
 */
export function proposeReclassifications(input: ReclassificationInput, rule: HysteresisRule): { asOf: string; proposals: ReclassificationProposal[]; held: HeldChange[] } {
  const data = parseWith(reclassificationInputSchema, input, "");
  const r = parseWith(hysteresisRuleSchema, rule, "rule");
  const t = data.asOf === undefined ? data.periods.length - 1 : data.periods.indexOf(data.asOf);
  if (t < 0) throw new DomainError("asOf", `"${data.asOf}" is not one of the periods`, "missing");
  const asOf = data.periods[t];
  const classIndex = new Map(r.classes.map((c, k) => [c, k]));
  const higher = r.direction === "higherIsBetter";
  const widen = (threshold: number) => (r.marginType === "relative" ? Math.abs(threshold) * r.margin : r.margin);
  // Bounds a value must pass to be in class k (upgrade) or to leave class k−1 (downgrade).
  const upgradeBound = (k: number) => (higher ? r.thresholds[k] + widen(r.thresholds[k]) : r.thresholds[k] - widen(r.thresholds[k]));
  const downgradeBound = (k: number) => (higher ? r.thresholds[k - 1] - widen(r.thresholds[k - 1]) : r.thresholds[k - 1] + widen(r.thresholds[k - 1]));
  const passesUp = (v: number, k: number) => (higher ? v >= upgradeBound(k) : v <= upgradeBound(k));
  const passesDown = (v: number, k: number) => (higher ? v < downgradeBound(k) : v > downgradeBound(k));
  const frozen = new Set(r.freezePeriods);

  const proposals: ReclassificationProposal[] = [];
  const held: HeldChange[] = [];
  data.items.forEach((item, i) => {
    if (item.classes.length !== data.periods.length) {
      throw new DomainError(`items[${i}].classes`, `expected ${data.periods.length} classes (one per period), got ${item.classes.length}`);
    }
    if (item.metric.length !== data.periods.length) {
      throw new DomainError(`items[${i}].metric`, `expected ${data.periods.length} values (one per period), got ${item.metric.length}`);
    }
    const from = item.classes[t];
    const c = classIndex.get(from);
    if (c === undefined) throw new DomainError(`items[${i}].classes[${t}]`, `"${from}" is not one of ${r.classes.join(", ")}`);
    if (t + 1 < r.consecutivePeriods) return;
    const window = Array.from({ length: r.consecutivePeriods }, (_, w) => t - r.consecutivePeriods + 1 + w);

    let target = c;
    // Upgrade: the least ambitious class every period of the window clears.
    let up = -1;
    for (const p of window) {
      let best = -1;
      for (let k = 0; k < c; k++) {
        if (passesUp(item.metric[p], k)) {
          best = k;
          break;
        }
      }
      if (best < 0) {
        up = -1;
        break;
      }
      up = Math.max(up, best);
    }
    if (up >= 0) target = up;
    else {
      let down = r.classes.length;
      for (const p of window) {
        let worst = -1;
        for (let k = r.classes.length - 1; k > c; k--) {
          if (passesDown(item.metric[p], k)) {
            worst = k;
            break;
          }
        }
        if (worst < 0) {
          down = -1;
          break;
        }
        down = Math.min(down, worst);
      }
      if (down > c && down < r.classes.length) target = down;
    }
    if (target === c) return;

    const to = r.classes[target];
    const change = target < c ? "upgrade" : "downgrade";
    let dwell = 0;
    for (let p = t; p >= 0 && item.classes[p] === from; p--) dwell++;
    if (frozen.has(asOf)) {
      held.push({ itemId: item.itemId, from, to, reason: "freeze window", detail: `${asOf} is a freeze period` });
      return;
    }
    if (dwell < r.minimumDwellPeriods) {
      held.push({ itemId: item.itemId, from, to, reason: "minimum dwell", detail: `in ${from} for ${dwell} of the ${r.minimumDwellPeriods} periods required` });
      return;
    }
    const bound = change === "upgrade" ? upgradeBound(target) : downgradeBound(target);
    const boundary = change === "upgrade" ? r.thresholds[target] : r.thresholds[target - 1];
    const cmp = change === "upgrade" ? (higher ? "≥" : "≤") : higher ? "<" : ">";
    const marginText = r.marginType === "relative" ? `${+(r.margin * 100).toFixed(6)}%` : `${r.margin}`;
    const sign = (change === "upgrade") === higher ? "+" : "−";
    proposals.push({
      itemId: item.itemId,
      from,
      to,
      change,
      period: asOf,
      evidence: window.map((p) => ({ period: data.periods[p], value: item.metric[p] })),
      bound,
      rule: `${change} ${from}→${to}: ${r.metricName} ${cmp} ${bound} (boundary ${boundary} ${sign} ${marginText}) in each of the last ${r.consecutivePeriods} periods, after ${dwell} periods in ${from}`,
    });
  });
  return { asOf, proposals, held };
}
