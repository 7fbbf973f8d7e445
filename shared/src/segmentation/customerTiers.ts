import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { classifyAbc } from "./abc";
import { mustBe } from "../validation";

export const customerTierInputSchema = z.object({
  id: z.union([z.string().trim().min(1), z.number(mustBe.number)]).transform(String),
  revenue: z.number(mustBe.number).finite(),
  /** contribution margin / revenue, as a fraction (0.25 = 25 %) */
  marginPct: z.number(mustBe.number).finite(),
  strategic: z.boolean().default(false),
  /** Net Promoter Score −100…100 from the customer's feedback; null when never measured */
  nps: z.number(mustBe.number).min(-100, mustBe.atLeast(-100)).max(100, mustBe.atMost(100)).nullable().default(null),
  /** customer satisfaction 0…100; null when never measured */
  csat: z.number(mustBe.number).min(0, mustBe.atLeast(0)).max(100, mustBe.atMost(100)).nullable().default(null),
});
export type CustomerTierInput = z.input<typeof customerTierInputSchema>;

/**
 * One tier rule; every condition given must hold. Rules are tried in order and
 * the first that matches wins, so the last rule must be a catch-all.
 */
export const tierRuleSchema = z.object({
  label: z.string().trim().min(1),
  /** only strategic accounts (true) or only non-strategic (false) */
  strategic: z.boolean().optional(),
  /** the customer's cumulative revenue share (customers ranked by revenue) is at most this */
  maxCumulativeRevenueShare: z.number(mustBe.number).gt(0).lte(1).optional(),
  /** margin % at least this */
  minMarginPct: z.number(mustBe.number).finite().optional(),
  /**
   * NPS at least this (−100…100). A customer whose NPS was never measured
   * does not meet it: a tier that promises more service on the strength of
   * loyalty needs the loyalty shown.
   */
  minNps: z.number(mustBe.number).min(-100, mustBe.atLeast(-100)).max(100, mustBe.atMost(100)).optional(),
  /** CSAT at least this (0…100); unmeasured does not meet it */
  minCsat: z.number(mustBe.number).min(0, mustBe.atLeast(0)).max(100, mustBe.atMost(100)).optional(),
});
export type TierRule = z.infer<typeof tierRuleSchema>;

export const DEFAULT_TIER_RULES: TierRule[] = [
  { label: "Strategic", strategic: true },
  { label: "Key", maxCumulativeRevenueShare: 0.8, minMarginPct: 0.1 },
  { label: "Core", maxCumulativeRevenueShare: 0.95 },
  { label: "Transactional" },
];

const rulesSchema = z
  .array(tierRuleSchema)
  .min(1, "at least one tier rule is needed")
  .refine((rules) => isCatchAll(rules[rules.length - 1]), "the last rule must have no condition, so that every customer gets a tier")
  .refine((rules) => new Set(rules.map((r) => r.label)).size === rules.length, "tier labels must be unique");

function isCatchAll(rule: TierRule | undefined): boolean {
  return !!rule && rule.strategic === undefined && rule.maxCumulativeRevenueShare === undefined && rule.minMarginPct === undefined && rule.minNps === undefined && rule.minCsat === undefined;
}

export interface CustomerTier {
  id: string;
  tier: string;
  revenue: number;
  marginPct: number;
  strategic: boolean;
  nps: number | null;
  csat: number | null;
  revenueRank: number;
  cumulativeRevenueShare: number;
  /** index of the rule that placed the customer */
  ruleIndex: number;
}

/**
 * Customer tiers from revenue contribution, margin % and the strategic flag.
 * Revenue contribution is the ABC cumulative revenue share (customers ranked
 * by revenue, ties by id; see classifyAbc). The default rules read: strategic
 * accounts → Strategic; within the top 80 % of revenue at ≥ 10 % margin → Key;
 * within 95 % → Core; the rest → Transactional. A rule may also ask for a
 * minimum NPS or CSAT (the customer-feedback import), e.g. Key only at NPS ≥ 0.
 *
 * @throws DomainError naming `customers[i].field` or `rules[i]`.
 */
export function assignCustomerTiers(customers: ReadonlyArray<CustomerTierInput>, rules: ReadonlyArray<TierRule> = DEFAULT_TIER_RULES): CustomerTier[] {
  const parsed = parseWith(z.array(customerTierInputSchema), customers, "customers");
  const checkedRules = parseWith(rulesSchema, rules, "rules");
  if (parsed.length === 0) return [];
  const anyPositive = parsed.some((c) => c.revenue > 0);
  if (!anyPositive) throw new DomainError("customers", "no customer has revenue above 0: revenue shares are undefined", "out_of_range");
  const abc = classifyAbc(
    parsed.map((c) => c.revenue),
    { ids: parsed.map((c) => c.id) },
  );
  return parsed.map((customer, i) => {
    const ranked = abc.items[i];
    const ruleIndex = checkedRules.findIndex(
      (rule) =>
        (rule.strategic === undefined || rule.strategic === customer.strategic) &&
        (rule.maxCumulativeRevenueShare === undefined || (!ranked.negative && ranked.cumulativeShare <= rule.maxCumulativeRevenueShare + 1e-12)) &&
        (rule.minMarginPct === undefined || customer.marginPct >= rule.minMarginPct) &&
        (rule.minNps === undefined || (customer.nps !== null && customer.nps >= rule.minNps)) &&
        (rule.minCsat === undefined || (customer.csat !== null && customer.csat >= rule.minCsat)),
    );
    return {
      id: customer.id,
      tier: checkedRules[ruleIndex].label,
      revenue: customer.revenue,
      marginPct: customer.marginPct,
      strategic: customer.strategic,
      nps: customer.nps,
      csat: customer.csat,
      revenueRank: ranked.rank,
      cumulativeRevenueShare: ranked.cumulativeShare,
      ruleIndex,
    };
  });
}

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

/** A rule in the words an approver reads: "Key: within the top 80 % of revenue, margin ≥ 10 %, NPS ≥ 0". */
export function describeTierRule(rule: TierRule): string {
  const conditions = [
    rule.strategic === true ? "strategic accounts" : rule.strategic === false ? "not strategic" : undefined,
    rule.maxCumulativeRevenueShare !== undefined ? `within the top ${pct(rule.maxCumulativeRevenueShare)} of revenue` : undefined,
    rule.minMarginPct !== undefined ? `margin ≥ ${pct(rule.minMarginPct)}` : undefined,
    rule.minNps !== undefined ? `NPS ≥ ${rule.minNps}` : undefined,
    rule.minCsat !== undefined ? `CSAT ≥ ${rule.minCsat}` : undefined,
  ].filter((c): c is string => c !== undefined);
  return `${rule.label}: ${conditions.length ? conditions.join(", ") : "everyone else"}`;
}
