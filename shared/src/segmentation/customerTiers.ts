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
  return !!rule && rule.strategic === undefined && rule.maxCumulativeRevenueShare === undefined && rule.minMarginPct === undefined;
}

export interface CustomerTier {
  id: string;
  tier: string;
  revenue: number;
  marginPct: number;
  strategic: boolean;
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
 * within 95 % → Core; the rest → Transactional.
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
        (rule.minMarginPct === undefined || customer.marginPct >= rule.minMarginPct),
    );
    return {
      id: customer.id,
      tier: checkedRules[ruleIndex].label,
      revenue: customer.revenue,
      marginPct: customer.marginPct,
      strategic: customer.strategic,
      revenueRank: ranked.rank,
      cumulativeRevenueShare: ranked.cumulativeShare,
      ruleIndex,
    };
  });
}
