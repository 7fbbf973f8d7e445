import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { checkIds, mustBe } from "../validation";
import { groupKeys } from "./groupKeys";

export const COST_TO_SERVE_LEVERS = ["minimum order size", "surcharge pass-through", "service fee", "channel shift", "review"] as const;
export type CostToServeLever = (typeof COST_TO_SERVE_LEVERS)[number];

const money = z.number(mustBe.number).finite().min(0, mustBe.atLeast(0));

export const ctsCustomerSchema = z.object({
  id: z.union([z.string().trim().min(1, "an id may not be blank"), z.number(mustBe.number)]),
  segment: z.string().trim().min(1, "a segment may not be blank"),
  revenue: money,
  costToServe: money,
  /** orders in the period, for the per-order metrics */
  orders: money.optional(),
  /** cost-to-serve by activity (name → money), for `share:<activity>` conditions */
  activityCosts: z.record(z.string(), money).optional(),
});
export type CtsCustomer = z.input<typeof ctsCustomerSchema>;

/**
 * A metric a lever rule can test: `ctsPct` (cost-to-serve / revenue),
 * `revenue`, `orders`, `averageOrderValue` (revenue / orders),
 * `ctsPerOrder`, or `share:<activity>` (that activity's share of the
 * customer's cost-to-serve).
 */
const metricSchema = z.string().regex(/^(ctsPct|revenue|orders|averageOrderValue|ctsPerOrder|share:.+)$/, "must be ctsPct, revenue, orders, averageOrderValue, ctsPerOrder or share:<activity>");

export const leverRuleSchema = z.object({
  /** a segment, or "*" for any */
  segment: z.string().trim().min(1, "a segment may not be blank").default("*"),
  /** every condition must hold: min ≤ metric ≤ max */
  when: z.array(z.object({ metric: metricSchema, min: z.number(mustBe.number).finite().optional(), max: z.number(mustBe.number).finite().optional() })).default([]),
  lever: z.enum(COST_TO_SERVE_LEVERS),
});
export type LeverRule = z.input<typeof leverRuleSchema>;

export const ctsTargetSchema = z.object({
  segment: z.string().trim().min(1, "a segment may not be blank"),
  /** highest acceptable cost-to-serve as a share of revenue */
  maxCtsPct: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
});
export type CtsTarget = z.input<typeof ctsTargetSchema>;

export interface CtsAction {
  id: string;
  segment: string;
  revenue: number;
  costToServe: number;
  /** cost-to-serve / revenue; Infinity for cost with no revenue, 0 with neither */
  ctsPct: number;
  target: number;
  overTarget: boolean;
  /** cost-to-serve − target × revenue when over target: what the lever must remove */
  excess: number;
  /** null when within target; "review" when over target and no rule matches */
  lever: CostToServeLever | null;
  /** the rule (0-based) that chose the lever */
  rule: number | null;
}

export interface CtsActions {
  customers: CtsAction[];
  segments: Array<{ segment: string; revenue: number; costToServe: number; ctsPct: number; target: number; overTarget: boolean; customersOverTarget: number; excess: number }>;
}

/**
 * Customers and segments whose cost-to-serve exceeds a target share of
 * revenue, and the lever to pull for each customer, from a rules table with
 * the "first" hit policy (OMG, *Decision Model and Notation* 1.3, §8.2.8):
 * minimum order size (many small orders), surcharge pass-through (a costly
 * activity such as expedited freight), service fee (special handling),
 * channel shift (small accounts to a cheaper channel). These are the
 * levers of Kaplan & Cooper, *Cost & Effect* (1998), ch. 10 ("Managing
 * customer profitability": process improvement, activity-based pricing,
 * minimum order sizes, relationship management) and Kaplan & Narayanan,
 * "Measuring and managing customer profitability", Journal of Cost
 * Management 15(5), 2001.
 *
 *   ctsPct = CTS / revenue,  over target ⇔ ctsPct > target,  excess = CTS − target × revenue.
 *
 * @param targets the target per segment; `defaultTarget` covers the segments not listed
 * @throws DomainError naming `customers[i].field`, `rules[k].field`, `targets[k].field`, a duplicate id, or a segment with no target
 */
export function costToServeActions(customers: ReadonlyArray<CtsCustomer>, rules: ReadonlyArray<LeverRule>, targets: ReadonlyArray<CtsTarget> = [], defaultTarget?: number): CtsActions {
  const rows = parseWith(z.array(ctsCustomerSchema).min(1, "give at least one customer"), customers, "customers");
  const table = parseWith(z.array(leverRuleSchema), rules, "rules");
  const targetRows = parseWith(z.array(ctsTargetSchema), targets, "targets");
  const fallback = defaultTarget === undefined ? undefined : parseWith(z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)), defaultTarget, "defaultTarget");
  const ids = checkIds(
    rows.map((r) => String(r.id).trim()),
    rows.length,
    "customers.id",
  );
  const targetOf = new Map<string, number>();
  targetRows.forEach((t, k) => {
    if (targetOf.has(t.segment)) throw new DomainError(`targets[${k}].segment`, `duplicate segment "${t.segment}"`);
    targetOf.set(t.segment, t.maxCtsPct);
  });
  const pct = (cost: number, revenue: number) => (revenue > 0 ? cost / revenue : cost > 0 ? Infinity : 0);

  const actions = rows.map((r, i): CtsAction => {
    const target = targetOf.get(r.segment) ?? fallback;
    if (target === undefined) throw new DomainError(`customers[${i}].segment`, `"${r.segment}" has no target (add it to targets or give defaultTarget)`, "missing");
    const ctsPct = pct(r.costToServe, r.revenue);
    const overTarget = ctsPct > target;
    let rule: number | null = null;
    if (overTarget) {
      const k = table.findIndex((rl) => (rl.segment === "*" || rl.segment === r.segment) && rl.when.every((c) => inRange(metric(r, c.metric, ctsPct), c.min, c.max)));
      rule = k >= 0 ? k : null;
    }
    return {
      id: ids[i],
      segment: r.segment,
      revenue: r.revenue,
      costToServe: r.costToServe,
      ctsPct,
      target,
      overTarget,
      excess: overTarget ? r.costToServe - target * r.revenue : 0,
      lever: overTarget ? (rule === null ? "review" : table[rule].lever) : null,
      rule,
    };
  });

  const { keys, index } = groupKeys(
    rows.map((r) => r.segment),
    rows.length,
    "customers.segment",
  );
  const sums = keys.map((segment) => ({ segment, revenue: 0, costToServe: 0, customersOverTarget: 0, target: 0 }));
  actions.forEach((a, i) => {
    const s = sums[index[i]];
    s.revenue += a.revenue;
    s.costToServe += a.costToServe;
    s.target = a.target;
    if (a.overTarget) s.customersOverTarget++;
  });
  return {
    customers: actions,
    segments: sums.map((s) => {
      const ctsPct = pct(s.costToServe, s.revenue);
      const overTarget = ctsPct > s.target;
      return { ...s, ctsPct, overTarget, excess: overTarget ? s.costToServe - s.target * s.revenue : 0 };
    }),
  };
}

/** A metric that cannot be computed (per-order metrics without orders) fails every condition on it. */
function metric(r: z.output<typeof ctsCustomerSchema>, name: string, ctsPct: number): number {
  switch (name) {
    case "ctsPct":
      return ctsPct;
    case "revenue":
      return r.revenue;
    case "orders":
      return r.orders ?? NaN;
    case "averageOrderValue":
      return r.orders ? r.revenue / r.orders : NaN;
    case "ctsPerOrder":
      return r.orders ? r.costToServe / r.orders : NaN;
    default: {
      const cost = r.activityCosts?.[name.slice("share:".length)];
      return cost === undefined ? 0 : r.costToServe > 0 ? cost / r.costToServe : 0;
    }
  }
}

function inRange(value: number, min: number | undefined, max: number | undefined): boolean {
  if (Number.isNaN(value)) return false;
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}
