import { DomainError, assertUnreachable, parseWith } from "../errors";
import { normalPdf } from "./normalDistribution";
import { normalQuantile } from "./normalQuantile";
import { discreteFractile, newsvendorCostAt, poissonDemand } from "./poissonCosts";
import { newsvendorInputSchema, type DemandDistribution, type NewsvendorInput } from "./schemas";

export interface NewsvendorResult {
  distribution: DemandDistribution;
  /** S*: the order-up-to level (an integer for the Poisson) */
  level: number;
  /** p/(p + h) */
  criticalRatio: number;
  /** g(S*) = h·E[(S* − D)⁺] + p·E[(D − S*)⁺] */
  cost: number;
}

/**
 * The single-period newsvendor at the critical ratio α = p/(p + h) (Snyder &
 * Shen, *Fundamentals of Supply Chain Theory*, 2nd ed., ch. 4):
 *
 * - normal demand N(μ, σ²): S* = μ + zσ with z = Φ⁻¹(α), and
 *   g(S*) = (h + p)·φ(z)·σ (Example 4.3: h 0.18, p 0.70, μ 50, σ 8 → 56.60, 2.00);
 * - Poisson demand: S* is the smallest integer S with F(S) ≥ α and
 *   g(S) = h·n̄(S) + p·n(S) = h(S − μ) + (h + p)·n(S) with the Poisson loss n
 *   (the discrete newsvendor; stockpyl `newsvendor_poisson(0.18, 0.70, 50)`
 *   → 56, 1.7972).
 *
 * @throws DomainError naming the field for a negative mean or sd, a cost ≤ 0,
 *   a normal without `demandSd`, or a Poisson mean beyond the tabulated range
 * @example newsvendor({ demandMean: 50, holdingCost: 0.18, stockoutCost: 0.7, distribution: "poisson" }).level // 56
 */
export function newsvendor(input: NewsvendorInput): NewsvendorResult {
  const v = parseWith(newsvendorInputSchema, input, "");
  const { holdingCost: h, stockoutCost: p } = v;
  const criticalRatio = p / (p + h);
  switch (v.distribution) {
    case "normal": {
      if (v.demandSd === undefined) throw new DomainError("demandSd", "required for the normal distribution", "missing");
      const z = normalQuantile(criticalRatio);
      const sigma = v.demandSd;
      return { distribution: "normal", level: v.demandMean + (sigma === 0 ? 0 : z * sigma), criticalRatio, cost: (h + p) * normalPdf(z) * sigma };
    }
    case "poisson": {
      const d = poissonDemand(v.demandMean, "demandMean");
      const level = discreteFractile(d, criticalRatio);
      return { distribution: "poisson", level, criticalRatio, cost: newsvendorCostAt(level, d, h, p) };
    }
    default:
      return assertUnreachable(v.distribution);
  }
}
