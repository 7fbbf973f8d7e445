import { normalCdf, normalPdf } from "./normalDistribution";

/**
 * Standard normal (first-order) loss function G(z) = E[(Z − z)⁺] = φ(z) − z(1 − Φ(z)):
 * the expected shortage per unit of σ when stock is z standard deviations
 * above the mean (Silver, Pyke & Thomas, *Inventory and Production Management
 * in Supply Chains*, 4th ed., ch. 6 and its appendix of normal tables,
 * written G_u(k); Snyder & Shen, *Fundamentals of Supply Chain Theory*, 2nd
 * ed., the standard normal loss function L(z)).
 *
 * 1 − Φ(z) is taken as Φ(−z), and for z < 0 the identity G(z) = G(−z) − z
 * keeps the subtraction away from two nearly equal numbers.
 *
 * @example normalLoss(0) // 0.3989422804014327 (= φ(0))
 */
export function normalLoss(z: number): number {
  if (z < 0) return normalLoss(-z) - z;
  if (z < TAIL) return normalPdf(z) - z * normalCdf(-z);
  // In the tail φ(z) and z(1 − Φ(z)) agree in their leading digits. With the
  // Mills ratio R(z) = 1/(z + c), c = 1/(z + 2/(z + 3/(z + …))) (A&S 26.2.14),
  // G(z) = φ(z)(1 − zR(z)) = φ(z)·c/(z + c): no subtraction left.
  let tail = z;
  for (let n = 60; n >= 2; n--) tail = z + n / tail;
  const c = 1 / tail;
  return (normalPdf(z) * c) / (z + c);
}

/** Where the continued fraction takes over (the same point, 2√2, as in erfc). */
const TAIL = 2 * Math.SQRT2;

/**
 * Standard normal second-order loss function G²(z) = ½E[((Z − z)⁺)²]
 * = ½[(z² + 1)(1 − Φ(z)) − zφ(z)] (Snyder & Shen, the second-order loss function of the standard normal); for a normal
 * with mean μ and sd σ, n²(x) = σ²·G²((x − μ)/σ). It is the integral of G
 * from z to ∞, which is what makes the exact (r, Q) cost closed-form.
 *
 * @example normalSecondLoss(0) // 0.25
 */
export function normalSecondLoss(z: number): number {
  // E[((Z−z)⁺)²] + E[((z−Z)⁺)²] = E[(Z−z)²] = 1 + z², and E[((z−Z)⁺)²] = 2·G²(−z) by symmetry.
  if (z < 0) return 0.5 * (1 + z * z) - normalSecondLoss(-z);
  if (z < TAIL) return 0.5 * ((z * z + 1) * normalCdf(-z) - z * normalPdf(z));
  // Tail: with R(z) = 1/(z + c), c = 1/(z + d), d = 2/(z + 3/(z + 4/(z + …))),
  // (z² + 1)R − z = (1 − zc)/(z + c) and 1 − zc = d/(z + d): again no subtraction.
  let tail = z;
  for (let n = 60; n >= 3; n--) tail = z + n / tail;
  const d = 2 / tail;
  const c = 1 / (z + d);
  return (0.5 * normalPdf(z) * d) / ((z + d) * (z + c));
}
