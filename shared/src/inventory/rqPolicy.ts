import { DomainError, assertUnreachable, parseWith } from "../errors";
import { normalQuantile } from "./normalQuantile";
import { lossAt, rqCostOf, secondLossAt, type LeadTimeDemand } from "./rqCost";
import { rqInputSchema, type RqInput, type RqMethod } from "./schemas";
import { solveDecreasing } from "./solveDecreasing";
import { goldenSection } from "../numeric/goldenSection";
import { rqPoisson } from "./rqPoisson";

export interface RqPolicy {
  method: RqMethod;
  distribution: "normal" | "poisson";
  reorderPoint: number;
  orderQuantity: number;
  /** exact expected cost per unit time g(r, Q) at the returned (r, Q), whatever the method */
  cost: number;
}

const ITERATION_LIMIT = 1000;

/**
 * A continuous-review (r, Q) policy with normal demand and backorders, by one
 * of four methods (Snyder & Shen, *Fundamentals of Supply Chain Theory*, 2nd
 * ed., ch. 5; σ = τ√L, μ = λL):
 *
 * - `eoq_ss`: Q = √(2Kλ/h) (eq. (3.4)) and r = μ + zσ with z = Φ⁻¹(p/(p + h))
 *   (eq. (5.21)); Example 5.5.
 * - `eil`, the expected-inventory-level approximation: iterate
 *   r = F⁻¹(1 − Qh/(pλ)) (eq. (5.17)) and Q = √(2λ[K + p·n(r)]/h) (eq. (5.18))
 *   from Q = EOQ (Algorithm 5.1); Example 5.2 of the approximation. Needs
 *   Qh < pλ at every step; otherwise the approximation has no solution.
 * - `loss`, the loss-function approximation: iterate n(r) = hQ/(h + p)
 *   (eq. (5.29)) and Q = √(2[Kλ + (h + p)n²(r)]/h) (eq. (5.28)); Example 5.6.
 * - `exact`: minimise the exact cost (eq. (5.7)). For each Q the best r solves
 *   g(r) = g(r + Q) (eq. (5.9)), i.e. n(r) − n(r + Q) = hQ/(h + p); the
 *   resulting cost is convex in Q (Zheng 1992, "On properties of stochastic
 *   inventory systems", Management Science 38(1)), so a golden-section search
 *   over Q finds the optimum; Example 5.1.
 *
 * The returned cost is always the exact g(r, Q) of {@link rqCostOf}. With
 * `distribution: "poisson"` the demand is unit Poisson at rate λ (τ ignored)
 * and r, Q are integers: see {@link rqPoisson}.
 *
 * @throws DomainError naming the field for negative demand, sd or lead time,
 *   a cost ≤ 0, an unknown method, or (`stockoutCost`) when the EIL
 *   approximation has no solution
 * @example rqPolicy({ demandRate: 1300, demandSd: 150, leadTime: 1 / 12, orderCost: 8, holdingCost: 0.225, stockoutCost: 7.5, method: "eoq_ss" }) // r 190.34, Q 304.05
 */
export function rqPolicy(input: RqInput): RqPolicy {
  const v = parseWith(rqInputSchema, input, "");
  if (v.distribution === "poisson") return { method: v.method, distribution: "poisson", ...rqPoisson(v) };
  const ltd: LeadTimeDemand = { mean: v.demandRate * v.leadTime, sd: v.demandSd * Math.sqrt(v.leadTime) };
  const { demandRate: lambda, orderCost: k, holdingCost: h, stockoutCost: p } = v;
  const eoqQ = Math.sqrt((2 * k * lambda) / h);
  let r: number;
  let q: number;
  switch (v.method) {
    case "eoq_ss":
      q = eoqQ;
      r = ltd.mean + (ltd.sd === 0 ? 0 : normalQuantile(p / (p + h)) * ltd.sd);
      break;
    case "eil":
      [r, q] = eil(ltd, lambda, k, h, p, eoqQ);
      break;
    case "loss":
      [r, q] = lossApproximation(ltd, lambda, k, h, p, eoqQ);
      break;
    case "exact":
      [r, q] = exact(ltd, lambda, k, h, p, eoqQ);
      break;
    default:
      return assertUnreachable(v.method);
  }
  if (!(q > 0)) throw new DomainError("demandRate", `no positive order quantity exists for demand rate ${lambda}`, "out_of_range");
  return { method: v.method, distribution: "normal", reorderPoint: r, orderQuantity: q, cost: rqCostOf(r, q, ltd, lambda, k, h, p) };
}

function converged(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
}

function eil(ltd: LeadTimeDemand, lambda: number, k: number, h: number, p: number, q0: number): [number, number] {
  let q = q0;
  let r = Number.NaN;
  for (let i = 0; i < ITERATION_LIMIT; i++) {
    const fractile = 1 - (q * h) / (p * lambda);
    if (!(fractile > 0 && fractile < 1)) {
      throw new DomainError("stockoutCost", `the expected-inventory-level approximation needs p·λ > h·Q (here ${p}·${lambda} ≤ ${h}·${q.toPrecision(6)}); use another method`, "out_of_range");
    }
    const rNext = ltd.sd === 0 ? ltd.mean : ltd.mean + normalQuantile(fractile) * ltd.sd;
    const qNext = Math.sqrt((2 * lambda * (k + p * lossAt(rNext, ltd))) / h);
    const done = converged(rNext, r) && converged(qNext, q);
    r = rNext;
    q = qNext;
    if (done) break;
  }
  return [r, q];
}

/** r with n(r) = target, n decreasing in r. */
function rForLoss(target: number, ltd: LeadTimeDemand): number {
  if (ltd.sd === 0) return ltd.mean - target;
  return solveDecreasing((x) => lossAt(x, ltd), target, ltd.mean);
}

function lossApproximation(ltd: LeadTimeDemand, lambda: number, k: number, h: number, p: number, q0: number): [number, number] {
  let q = q0;
  let r = Number.NaN;
  for (let i = 0; i < ITERATION_LIMIT; i++) {
    const rNext = rForLoss((h * q) / (h + p), ltd);
    const qNext = Math.sqrt((2 * (k * lambda + (h + p) * secondLossAt(rNext, ltd))) / h);
    const done = converged(rNext, r) && converged(qNext, q);
    r = rNext;
    q = qNext;
    if (done) break;
  }
  return [r, q];
}

/** r(Q): n(r) − n(r + Q) = hQ/(h + p), the r at which g(r) = g(r + Q) (eq. (5.9)). */
function bestReorderPoint(q: number, ltd: LeadTimeDemand, h: number, p: number): number {
  return solveDecreasing((x) => lossAt(x, ltd) - lossAt(x + q, ltd), (h * q) / (h + p), ltd.mean);
}

function exact(ltd: LeadTimeDemand, lambda: number, k: number, h: number, p: number, eoqQ: number): [number, number] {
  const costAt = (q: number) => rqCostOf(bestReorderPoint(q, ltd, h, p), q, ltd, lambda, k, h, p);
  // Q* ≥ EOQ (Zheng 1992); double the upper end until the convex cost turns up.
  let lo = eoqQ;
  let hi = 2 * eoqQ;
  while (costAt(hi) < costAt(hi / 2 + lo / 2) || costAt(hi) < costAt(lo)) hi *= 2;
  lo = lo / 2;
  const bracket = goldenSection(costAt, lo, hi, (a, b) => b - a > 1e-10 * b, 200);
  const q = 0.5 * (bracket.lo + bracket.hi);
  return [bestReorderPoint(q, ltd, h, p), q];
}
