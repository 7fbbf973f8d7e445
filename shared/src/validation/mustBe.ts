import type { DomainErrorKind } from "../errors";

/**
 * The words of every number check, so a bad number reads the same in a cell,
 * a pane and a service 400: `must be ≥ 0, got -1`. Callers prefix the field
 * (`demand_sd row 17: …`) and, where they know the value, append `, got …`.
 */

// "≥" and "≤", as the worksheet-function contract (tier-functions.md) words them: `demand_sd row 17: must be ≥ 0`.

export interface NumberRule {
  /** inclusive lower bound */
  min?: number;
  /** exclusive lower bound */
  greaterThan?: number;
  /** inclusive upper bound */
  max?: number;
  /** exclusive upper bound */
  lessThan?: number;
  /** only whole numbers */
  integer?: boolean;
}

/**
 * The whole allowed range, not just the bound that failed: a planner who
 * typed 1.5 for a service level learns both ends at once.
 */
function inRange(rule: NumberRule): string {
  const { min, greaterThan, max, lessThan } = rule;
  if (min !== undefined && max !== undefined && greaterThan === undefined && lessThan === undefined) return `must be between ${min} and ${max}`;
  const parts: string[] = [];
  if (greaterThan !== undefined) parts.push(`> ${greaterThan}`);
  if (min !== undefined) parts.push(`≥ ${min}`);
  if (lessThan !== undefined) parts.push(`< ${lessThan}`);
  if (max !== undefined) parts.push(`≤ ${max}`);
  return parts.length ? `must be ${parts.join(" and ")}` : "must be a number";
}

export const mustBe = {
  /** text, a boolean, NaN or ±Infinity where a number belongs */
  number: "must be a number",
  wholeNumber: "must be a whole number",
  atLeast: (min: number) => inRange({ min }),
  above: (bound: number) => inRange({ greaterThan: bound }),
  atMost: (max: number) => inRange({ max }),
  below: (bound: number) => inRange({ lessThan: bound }),
  /** inclusive at both ends */
  between: (min: number, max: number) => inRange({ min, max }),
  /** a service level or fill rate: 0 and 1 themselves have no finite answer */
  probability: inRange({ greaterThan: 0, lessThan: 1 }),
  inRange,
} as const;

/** Whether a finite number lies outside the rule's bounds. */
export function outsideRange(value: number, rule: NumberRule): boolean {
  return (
    (rule.min !== undefined && value < rule.min) || (rule.greaterThan !== undefined && value <= rule.greaterThan) || (rule.max !== undefined && value > rule.max) || (rule.lessThan !== undefined && value >= rule.lessThan)
  );
}

/**
 * What is wrong with a number under a rule, worded and classified, or
 * undefined when nothing is: `must be a whole number, got 2.5`, `must be
 * between 0 and 1, got 1.5`. A whole-number rule is checked before the range,
 * as zod checks `.int()` before `.min()` in the schemas that use it.
 */
export function numberProblem(value: number, rule: NumberRule = {}): { kind: DomainErrorKind; detail: string } | undefined {
  if (!Number.isFinite(value)) return { kind: "invalid", detail: `${mustBe.number}, got ${value}` };
  if (rule.integer && !Number.isInteger(value)) return { kind: "invalid", detail: `${mustBe.wholeNumber}, got ${value}` };
  if (outsideRange(value, rule)) return { kind: "out_of_range", detail: `${inRange(rule)}, got ${value}` };
  return undefined;
}
