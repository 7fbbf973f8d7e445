import { normalLoss, normalSecondLoss } from "./normalLoss";

/** Lead-time demand of an (r, Q) system: mean μ = λL, sd σ = τ√L. */
export interface LeadTimeDemand {
  mean: number;
  sd: number;
}

/** n(x) = E[(D − x)⁺] for D ~ N(μ, σ²); the deterministic limit when σ = 0. */
export function lossAt(x: number, d: LeadTimeDemand): number {
  // Beyond 40 sd the normal tail is below 1e-300: use the limits, which also
  // keeps (x − μ)/σ from overflowing when σ is tiny.
  if (Math.abs(x - d.mean) >= FAR * d.sd) return Math.max(0, d.mean - x);
  return d.sd * normalLoss((x - d.mean) / d.sd);
}

const FAR = 40;

/** n²(x) = ½E[((D − x)⁺)²] = σ²·G²((x − μ)/σ); ½((μ − x)² + σ²) far below the mean, 0 far above. */
export function secondLossAt(x: number, d: LeadTimeDemand): number {
  if (Math.abs(x - d.mean) >= FAR * d.sd) return x >= d.mean ? 0 : 0.5 * ((d.mean - x) ** 2 + d.sd * d.sd);
  return d.sd * d.sd * normalSecondLoss((x - d.mean) / d.sd);
}

/**
 * Exact expected cost per unit time of an (r, Q) policy with normal
 * lead-time demand and backorders:
 * g(r, Q) = (Kλ + ∫ᵣ^{r+Q} g(y) dy)/Q (Snyder & Shen, *Fundamentals of Supply
 * Chain Theory*, 2nd ed., eq. (5.7)), g(y) = h·n̄(y) + p·n(y) the newsvendor
 * cost. Integrating with n̄(y) = y − μ + n(y) and ∫n = −n² gives the closed
 * form g(r, Q) = h(r − μ + Q/2) + [Kλ + (h + p)(n²(r) − n²(r + Q))]/Q
 * (the same identity behind the book's loss-function approach, eqs. (5.28)–(5.29)),
 * so no numerical quadrature is needed.
 *
 * Inputs are assumed checked by the caller ({@link rqPolicy} or the adapter).
 * @example rqCostOf(126.8, 328.5, { mean: 1300 / 12, sd: 150 * Math.sqrt(1 / 12) }, 1300, 8, 0.225, 7.5) // 78.0711625… (Example 5.1)
 */
export function rqCostOf(r: number, q: number, ltd: LeadTimeDemand, demandRate: number, orderCost: number, holdingCost: number, stockoutCost: number): number {
  const tail = secondLossAt(r, ltd) - secondLossAt(r + q, ltd);
  return holdingCost * (r - ltd.mean + q / 2) + (orderCost * demandRate + (holdingCost + stockoutCost) * tail) / q;
}
