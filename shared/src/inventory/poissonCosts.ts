import { DomainError } from "../errors";
import { discreteDemand, type DiscreteDemand } from "./discreteDemand";

/** The part of DiscreteDemand the Poisson policies use: pmf, cdf and first-order loss. */
export type PoissonDemand = Pick<DiscreteDemand, "mean" | "pmf" | "cdf" | "loss">;

/**
 * Poisson demand with mean μ ≥ 0 (μ = 0: no demand at all, e.g. a zero lead
 * time), with a bad mean reported against `field` instead of the table's own name.
 */
export function poissonDemand(mean: number, field: string): PoissonDemand {
  if (mean === 0) return { mean: 0, pmf: (k) => (k === 0 ? 1 : 0), cdf: (k) => (k < 0 ? 0 : 1), loss: (x) => Math.max(0, -x) };
  try {
    return discreteDemand("poisson", mean);
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(field, error.detail, error.kind);
    throw error;
  }
}

/** The smallest integer S with F(S) ≥ α (α < 1): the newsvendor fractile of a discrete demand. */
export function discreteFractile(d: PoissonDemand, alpha: number): number {
  let s = Math.max(0, Math.floor(d.mean));
  while (s > 0 && d.cdf(s - 1) >= alpha) s--;
  while (d.cdf(s) < alpha) s++;
  return s;
}

/**
 * g(y) = h·E[(y − D)⁺] + p·E[(D − y)⁺], the expected holding and shortage
 * cost at inventory position y; E[(y − D)⁺] = y − μ + n(y) (Snyder & Shen,
 * *Fundamentals of Supply Chain Theory*, 2nd ed., ch. 4, the newsvendor cost
 * with the complementary loss function n̄).
 */
export function newsvendorCostAt(y: number, d: PoissonDemand, h: number, p: number): number {
  const n = y < 0 ? d.mean - y : d.loss(y);
  return h * (y - d.mean + n) + p * n;
}

/** Above this many units an order-quantity search is refused: its cost tables would grow quadratically. */
export const MAX_POLICY_SPAN = 2000;
