import { DomainError } from "../errors";
import { normalCdf } from "./normalDistribution";
import { mustBe } from "../validation";

// Acklam's rational approximations (relative error < 1.15e-9 before refinement).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Acklam's starting point for p in (0, 0.5]. */
function acklam(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/**
 * Standard normal quantile z = Φ⁻¹(p): the safety factor of a cycle service level.
 *
 * Acklam's rational approximation (P. J. Acklam, "An algorithm for computing
 * the inverse normal cumulative distribution function", 2003; relative error
 * 1.15e-9) followed by one Halley step on Φ(z) − p, which has cubic
 * convergence and brings the result to double precision. The upper half is
 * computed as −Φ⁻¹(1 − p): 1 − p is exact for p ≥ ½ (Sterbenz), and the
 * refinement then works on a small tail probability where Φ is accurate to
 * the last digits.
 *
 * @throws DomainError (`probability`, out_of_range) unless 0 < p < 1
 * @example normalQuantile(0.95) // 1.6448536269514722
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    throw new DomainError("probability", `${mustBe.probability}, got ${p}`, Number.isNaN(p) ? "invalid" : "out_of_range");
  }
  if (p > 0.5) return -lowerQuantile(1 - p);
  return lowerQuantile(p);
}

function lowerQuantile(p: number): number {
  if (p === 0.5) return 0;
  const x = acklam(p);
  // Halley: u = (Φ(x) − p)/φ(x); x ← x − u/(1 + x·u/2).
  const e = normalCdf(x) - p;
  const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}
