/**
 * Φ, φ, Φ⁻¹ and the loss functions against reference values computed with
 * mpmath at 40+ digits (test/fixtures/inventory/normal_reference_mpmath.json
 * says how), plus the identities that tie them together.
 */
import fc from "fast-check";
import { DomainError } from "../../../shared/src/errors";
import { erfc, normalCdf, normalLoss, normalPdf, normalQuantile, normalSecondLoss } from "../../../shared/src/inventory";
import reference from "../../fixtures/inventory/normal_reference_mpmath.json";

const relativeError = (got: number, want: number) => (want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want));

describe("normalCdf", () => {
  it.each(Object.entries(reference.cdf))("Φ(%s) to 1e-12 relative (mpmath)", (x, want) => {
    // Φ's own condition number at x is about x², so −30 and −37 need the 1e-12 budget.
    expect(relativeError(normalCdf(Number(x)), Number(want))).toBeLessThan(Math.abs(Number(x)) > 15 ? 1e-12 : 1e-14);
  });

  it("is symmetric, Φ(x) + Φ(−x) = 1, and monotone", () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, step) => {
        expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThan(2e-16 * 4);
        expect(normalCdf(x + step)).toBeGreaterThanOrEqual(normalCdf(x));
      }),
    );
  });

  it("erfc meets its textbook values: erfc(0) = 1, erfc(1) = 0.157299207050285… (A&S Table 7.1: erf(1) = 0.8427007929)", () => {
    expect(erfc(0)).toBe(1);
    expect(Math.abs(erfc(1) - (1 - 0.842700792949715))).toBeLessThan(1e-15);
    expect(erfc(-1) + erfc(1)).toBeCloseTo(2, 15);
  });

  it("φ(0) = 1/√(2π)", () => {
    expect(normalPdf(0)).toBe(1 / Math.sqrt(2 * Math.PI));
  });
});

describe("normalQuantile", () => {
  it.each(Object.entries(reference.quantile))("Φ⁻¹(%s) to 1e-13 relative (mpmath)", (p, want) => {
    const got = normalQuantile(Number(p));
    if (Number(want) === 0) expect(got).toBe(0);
    else expect(relativeError(got, Number(want))).toBeLessThan(1e-13);
  });

  it("inverts Φ: Φ(Φ⁻¹(p)) = p", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        const z = normalQuantile(p);
        const back = p > 0.5 ? 1 - normalCdf(-z) : normalCdf(z);
        expect(Math.abs(back - p)).toBeLessThan(1e-15 + 1e-13 * Math.min(p, 1 - p));
      }),
    );
  });

  it.each([0, 1, -0.1, 1.5, Number.NaN])("refuses p = %s", (p) => {
    expect(() => normalQuantile(p)).toThrow(DomainError);
  });
});

describe("normalLoss G(z) = φ(z) − z(1 − Φ(z))", () => {
  it.each(Object.entries(reference.loss))("G(%s) to 1e-12 relative (mpmath)", (x, want) => {
    expect(relativeError(normalLoss(Number(x)), Number(want))).toBeLessThan(1e-12);
  });

  it.each(Object.entries(reference.secondLoss))("G²(%s) to 1e-11 relative (mpmath)", (x, want) => {
    expect(relativeError(normalSecondLoss(Number(x)), Number(want))).toBeLessThan(1e-11);
  });

  it("G(0) = φ(0), G(−z) = G(z) + z, and G is decreasing and convex", () => {
    expect(normalLoss(0)).toBe(normalPdf(0));
    fc.assert(
      fc.property(fc.double({ min: 0, max: 6, noNaN: true }), fc.double({ min: 1e-3, max: 1, noNaN: true }), (z, d) => {
        expect(normalLoss(-z)).toBeCloseTo(normalLoss(z) + z, 12);
        expect(normalLoss(z + d)).toBeLessThan(normalLoss(z));
        expect(normalLoss(z - d) + normalLoss(z + d)).toBeGreaterThanOrEqual(2 * normalLoss(z) - 1e-15);
      }),
    );
  });

  it("G(1) and G(2) from the definition, by hand", () => {
    // Hand-checked from the definition: φ(1) − (1 − Φ(1)) = 0.2419707245 − 0.1586552539 = 0.0833154706.
    expect(normalLoss(1)).toBeCloseTo(0.0833154706, 10);
    // φ(2) − 2(1 − Φ(2)) = 0.0539909665 − 2·0.0227501319 = 0.0084907026.
    expect(normalLoss(2)).toBeCloseTo(0.0084907026, 10);
  });
});
