import { DomainError, assertUnreachable } from "../errors";
import { MAX_POLICY_SPAN, discreteFractile, newsvendorCostAt, poissonDemand, type PoissonDemand } from "./poissonCosts";
import type { RqMethod } from "./schemas";

export interface RqPoissonInput {
  demandRate: number;
  leadTime: number;
  orderCost: number;
  holdingCost: number;
  stockoutCost: number;
  method: RqMethod;
}

const ITERATION_LIMIT = 1000;

/**
 * A continuous-review (r, Q) policy with unit Poisson demand at rate λ and
 * backorders: the inventory position is uniform on r + 1, …, r + Q, so
 * g(r, Q) = [Kλ + Σ_{y=r+1}^{r+Q} g₁(y)] / Q with g₁(y) = h·E[(y − D)⁺] +
 * p·E[(D − y)⁺], D ~ Poisson(λL) (Federgruen & Zheng 1992, "An efficient
 * algorithm for computing an optimal (r, Q) policy in continuous review
 * stochastic inventory systems", Operations Research 40(4); Snyder & Shen,
 * *Fundamentals of Supply Chain Theory*, 2nd ed., ch. 5).
 *
 * - `exact`: Federgruen & Zheng's algorithm. For Q = 1 the best window is
 *   {y*}, y* = argmin g₁; each step widens the window by whichever neighbour,
 *   r or r + Q + 1, has the smaller g₁, and stops when that g₁ is not below
 *   the current average g(r, Q): the average of the Q smallest values of the
 *   convex g₁ plus Kλ/Q is unimodal in Q (Federgruen & Zheng's key property). Example 5.8
 *   (h 20, p 150, K 100, λ 1.5, L 2) → r 3, Q 5, g 107.92.
 * - `eoq_ss`: Q the better of the EOQ's two neighbouring integers, r the
 *   smallest integer with F(r) ≥ p/(p + h).
 * - `eil`: iterate r = the smallest integer with F(r) ≥ 1 − Qh/(pλ) and Q the
 *   best integer for (K + p·n(r))λ/Q + hQ/2 (eqs. (5.17)–(5.18) on integers).
 * - `loss`: iterate r = the smallest integer with n(r) ≤ hQ/(h + p) and Q the
 *   best integer for [Kλ + (h + p)·n²(r)]/Q + hQ/2, n²(r) = Σ_{y>r} n(y) the
 *   discrete second-order loss (eqs. (5.28)–(5.29) on integers).
 * The approximations stop when (r, Q) repeats. The cost returned is always
 * the exact g(r, Q).
 *
 * Inputs are assumed checked by {@link rqPolicy}.
 */
export function rqPoisson(v: RqPoissonInput): { reorderPoint: number; orderQuantity: number; cost: number } {
  const { demandRate: lambda, orderCost: k, holdingCost: h, stockoutCost: p } = v;
  if (!(lambda > 0)) throw new DomainError("demandRate", `a Poisson demand rate must be > 0, got ${lambda}`, "out_of_range");
  const d = poissonDemand(lambda * v.leadTime, "leadTime");
  const g1 = (y: number) => newsvendorCostAt(y, d, h, p);
  let r: number;
  let q: number;
  switch (v.method) {
    case "exact":
      return exact(d, g1, lambda, k);
    case "eoq_ss":
      q = bestInteger((x) => (k * lambda) / x + (h * x) / 2, Math.sqrt((2 * k * lambda) / h));
      r = discreteFractile(d, p / (p + h));
      break;
    case "eil":
      [r, q] = iterate(Math.sqrt((2 * k * lambda) / h), (qq) => {
        const fractile = 1 - (qq * h) / (p * lambda);
        if (!(fractile > 0)) throw new DomainError("stockoutCost", `the expected-inventory-level approximation needs p·λ > h·Q (here ${p}·${lambda} ≤ ${h}·${qq}); use another method`, "out_of_range");
        const rr = discreteFractile(d, fractile);
        return [rr, bestInteger((x) => ((k + p * lossAt(d, rr)) * lambda) / x + (h * x) / 2, Math.sqrt((2 * lambda * (k + p * lossAt(d, rr))) / h))];
      });
      break;
    case "loss":
      [r, q] = iterate(Math.sqrt((2 * k * lambda) / h), (qq) => {
        const rr = reorderPointForLoss(d, (h * qq) / (h + p));
        const numerator = k * lambda + (h + p) * secondLossAt(d, rr);
        return [rr, bestInteger((x) => numerator / x + (h * x) / 2, Math.sqrt((2 * numerator) / h))];
      });
      break;
    default:
      return assertUnreachable(v.method);
  }
  return { reorderPoint: r, orderQuantity: q, cost: poissonRqCost(r, q, g1, lambda, k) };
}

/** g(r, Q) = [Kλ + Σ_{y=r+1}^{r+Q} g₁(y)] / Q. */
export function poissonRqCost(r: number, q: number, g1: (y: number) => number, lambda: number, k: number): number {
  if (q > MAX_POLICY_SPAN) throw tooWide();
  let total = k * lambda;
  for (let y = r + 1; y <= r + q; y++) total += g1(y);
  return total / q;
}

function tooWide(): DomainError {
  return new DomainError("orderCost", `the order quantity would exceed ${MAX_POLICY_SPAN.toLocaleString("en-US")} units: order cost too large against holding cost for whole-unit Poisson demand`, "out_of_range");
}

function exact(d: PoissonDemand, g1: (y: number) => number, lambda: number, k: number) {
  // The convex g₁'s minimiser, walked to from the mean.
  let y = Math.max(0, Math.floor(d.mean));
  while (y > 0 && g1(y - 1) <= g1(y)) y--;
  while (g1(y + 1) < g1(y)) y++;
  let r = y - 1;
  let q = 1;
  let sum = g1(y);
  for (;;) {
    const left = g1(r);
    const right = g1(r + q + 1);
    const next = Math.min(left, right);
    if (next >= (k * lambda + sum) / q) break;
    if (q >= MAX_POLICY_SPAN) throw tooWide();
    sum += next;
    if (left <= right) r--;
    q++;
  }
  return { reorderPoint: r, orderQuantity: q, cost: (k * lambda + sum) / q };
}

/** The better integer ≥ 1 next to x for a function convex in x. */
function bestInteger(f: (x: number) => number, x: number): number {
  if (!(x <= MAX_POLICY_SPAN)) throw tooWide();
  const lo = Math.max(1, Math.floor(x));
  const hi = Math.max(1, Math.ceil(x));
  return f(hi) < f(lo) ? hi : lo;
}

function iterate(q0: number, step: (q: number) => [number, number]): [number, number] {
  const seen = new Set<string>();
  let q = q0;
  let r = 0;
  for (let i = 0; i < ITERATION_LIMIT; i++) {
    [r, q] = step(q);
    const key = `${r},${q}`;
    if (seen.has(key)) break;
    seen.add(key);
  }
  return [r, q];
}

function lossAt(d: PoissonDemand, x: number): number {
  return x < 0 ? d.mean - x : d.loss(x);
}

/** The smallest integer r with n(r) ≤ target (n falls as r rises; n(r) = μ − r below 0). */
function reorderPointForLoss(d: PoissonDemand, target: number): number {
  if (lossAt(d, 0) <= target) return Math.ceil(d.mean - target);
  let r = 0;
  while (lossAt(d, r) > target) r++;
  return r;
}

/** n²(r) = ½E[(D − r)(D − r − 1); D > r] = Σ_{y>r} n(y); for r ≤ 0 every D counts: ½(σ² + (μ − r)² − (μ − r)). */
function secondLossAt(d: PoissonDemand, r: number): number {
  if (r <= 0) return 0.5 * (d.mean + (d.mean - r) ** 2 - (d.mean - r));
  let total = 0;
  for (let y = r + 1; ; y++) {
    const n = d.loss(y);
    if (n === 0) break;
    total += n;
  }
  return total;
}
