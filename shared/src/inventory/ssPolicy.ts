import { DomainError, parseWith } from "../errors";
import { MAX_POLICY_SPAN, discreteFractile, newsvendorCostAt, poissonDemand, type PoissonDemand } from "./poissonCosts";
import { ssPolicyInputSchema, type SsPolicyInput } from "./schemas";

export interface SsPolicy {
  /** s: order when the inventory position falls to s or below */
  reorderPoint: number;
  /** S: order up to S */
  orderUpToLevel: number;
  /** c(s, S): expected ordering, holding and backorder cost per period */
  cost: number;
}

/**
 * The cost c(s, S) of periodic-review (s, S) policies with i.i.d. integer
 * demand per period and backorders, by renewal theory (Zheng & Federgruen
 * 1991, "Finding optimal (s, S) policies is about as simple as evaluating a
 * single policy", Operations Research 39(4); Snyder & Shen, *Fundamentals of
 * Supply Chain Theory*, 2nd ed., ch. 4):
 * c(s, S) = [K + Σ_{j=0}^{S−s−1} m(j)·G(S − j)] / M(S − s), with
 * m(0) = 1/(1 − φ₀), m(j) = m(0)·Σ_{l=1}^{j} φ_l·m(j − l), M(n) = Σ_{j<n} m(j)
 * (φ the demand pmf per period) and G(y) the one-period newsvendor cost at
 * inventory position y over the demand of L + 1 periods.
 */
class SsCosts {
  private readonly m: number[] = [];
  private readonly cumulative: number[] = [0];
  private readonly g = new Map<number, number>();

  constructor(
    private readonly perPeriod: PoissonDemand,
    private readonly protection: PoissonDemand,
    private readonly k: number,
    private readonly h: number,
    private readonly p: number,
  ) {}

  /** G(y) */
  oneStep(y: number): number {
    let value = this.g.get(y);
    if (value === undefined) this.g.set(y, (value = newsvendorCostAt(y, this.protection, this.h, this.p)));
    return value;
  }

  private grow(n: number): void {
    if (n > MAX_POLICY_SPAN)
      throw new DomainError("orderCost", `the optimal (s, S) would span more than ${MAX_POLICY_SPAN.toLocaleString("en-US")} units of demand: order cost too large against holding cost`, "out_of_range");
    const m0 = 1 / (1 - this.perPeriod.pmf(0));
    while (this.m.length < n) {
      const j = this.m.length;
      let sum = 0;
      for (let l = 1; l <= j; l++) sum += this.perPeriod.pmf(l) * this.m[j - l];
      this.m.push(j === 0 ? m0 : m0 * sum);
      this.cumulative.push(this.cumulative[j] + this.m[j]);
    }
  }

  /** c(s, S) for s < S. */
  cost(s: number, bigS: number): number {
    const span = bigS - s;
    this.grow(span);
    let total = this.k;
    for (let j = 0; j < span; j++) total += this.m[j] * this.oneStep(bigS - j);
    return total / this.cumulative[span];
  }
}

/**
 * The optimal periodic-review (s, S) policy for Poisson demand per period
 * with backorders and a lead time of L whole periods, by the algorithm of
 * Zheng & Federgruen (1991; Snyder & Shen's Algorithm 4.2): start at
 * y* = argmin G, lower s until c(s, y*) ≤ G(s), then raise S while
 * G(S) ≤ the incumbent cost, moving s up whenever S improves. It is exact, not a
 * heuristic. Example 4.7 of Snyder & Shen (K 5, h 1, p 4, Poisson(6), L 0) → s 4, S 10, cost 8.0341.
 *
 * @throws DomainError naming the field for a mean or cost ≤ 0, a negative or
 *   fractional lead time, a lead-time demand beyond the tabulated range, or
 *   (`orderCost`) a policy spanning more than {@link MAX_POLICY_SPAN} units
 * @example ssPolicy({ demandMean: 6, orderCost: 5, holdingCost: 1, stockoutCost: 4 }) // { reorderPoint: 4, orderUpToLevel: 10, cost: 8.0341… }
 */
export function ssPolicy(input: SsPolicyInput): SsPolicy {
  const v = parseWith(ssPolicyInputSchema, input, "");
  const perPeriod = poissonDemand(v.demandMean, "demandMean");
  const protection = poissonDemand(v.demandMean * (v.leadTime + 1), v.leadTime > 0 ? "leadTime" : "demandMean");
  const costs = new SsCosts(perPeriod, protection, v.orderCost, v.holdingCost, v.stockoutCost);
  // y*, the minimiser of the convex G, is the newsvendor fractile of the protection-period demand.
  const yStar = discreteFractile(protection, v.stockoutCost / (v.stockoutCost + v.holdingCost));
  let s = yStar - 1;
  while (costs.cost(s, yStar) > costs.oneStep(s)) s--;
  let bestS = yStar;
  let best = costs.cost(s, bestS);
  for (let bigS = yStar + 1; costs.oneStep(bigS) <= best; bigS++) {
    if (costs.cost(s, bigS) < best) {
      bestS = bigS;
      while (costs.cost(s, bestS) <= costs.oneStep(s + 1)) s++;
      best = costs.cost(s, bestS);
    }
  }
  return { reorderPoint: s, orderUpToLevel: bestS, cost: best };
}
