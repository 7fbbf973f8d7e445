/**
 * Slow movers: Poisson and negative-binomial lead-time demand. Expected values
 * come from Snyder & Shen Example 4.7 and stockpyl's doctests
 * (test/fixtures/inventory/snyder_shen_discrete.json says where each was read),
 * from hand computations (said so where used) and from properties.
 */
import fc from "fast-check";
import { discreteDemand, poissonFillRate, reorderPoint, slowMoverReorderPoint, type SlowMoverInput } from "../../../shared/src/inventory";
import book from "../../fixtures/inventory/snyder_shen_discrete.json";
import { expectDomainError } from "../../helpers/domainErrors";

/** Straight from the definition: e^(−μ) Σ_{k≤x} μᵏ/k!, the reference for the tabulated cdf. */
function poissonCdfByDefinition(mean: number, x: number): number {
  let term = Math.exp(-mean);
  let sum = term;
  for (let k = 1; k <= x; k++) sum += term *= mean / k;
  return sum;
}

describe("discreteDemand: Poisson and negative-binomial tables", () => {
  // Hand-computed: F(0) = e⁻⁶ = 0.0024787522, F(1) = 7e⁻⁶ = 0.0173512652, F(2) = 25e⁻⁶ = 0.0619688044, F(3) = 61e⁻⁶.
  it("Poisson(6) cdf at 0–3 is e⁻⁶·{1, 7, 25, 61}", () => {
    const d = discreteDemand("poisson", 6);
    [1, 7, 25, 61].forEach((c, k) => expect(d.cdf(k)).toBeCloseTo(c * Math.exp(-6), 15));
    expect(d.cdf(-1)).toBe(0);
  });

  // Hand-computed: Σ_{k≤7} 6ᵏ/k! = 300.142857 → F(7) = 0.743980; + 6⁸/8! = 41.657143 → F(8) = 0.847237.
  it("Poisson(6) F(7) = 0.74398 and F(8) = 0.84724, matching the definition", () => {
    const d = discreteDemand("poisson", 6);
    expect(d.cdf(7)).toBeCloseTo(0.74398, 5);
    expect(d.cdf(8)).toBeCloseTo(0.84724, 5);
    for (let k = 0; k <= 30; k++) expect(Math.abs(d.cdf(k) - poissonCdfByDefinition(6, k))).toBeLessThan(1e-14);
  });

  // Hand-computed: NB(r = 2, p = ½) has P(k) = (k + 1)·¼·½ᵏ, mean r(1 − p)/p = 2, variance r(1 − p)/p² = 4,
  // so F(0) = 0.25, F(1) = 0.5, F(2) = 0.6875.
  it("negative binomial with mean 2, variance 4 is NB(2, ½): F = 0.25, 0.5, 0.6875", () => {
    const d = discreteDemand("negative_binomial", 2, 4);
    expect(d.size).toBeCloseTo(2, 14);
    expect(d.probability).toBeCloseTo(0.5, 14);
    [0.25, 0.5, 0.6875].forEach((f, k) => expect(d.cdf(k)).toBeCloseTo(f, 14));
  });

  it.each(book.poisson_loss)("stockpyl poisson_loss($x, $mean) = $n ($where)", ({ x, mean, n, nBar }) => {
    const d = discreteDemand("poisson", mean);
    expect(d.loss(x)).toBeCloseTo(n, 13);
    expect(x - mean + d.loss(x)).toBeCloseTo(nBar, 13);
  });

  it.each(book.negative_binomial_loss)("stockpyl negative_binomial_loss: n($x) = $n ($where)", ({ x, mean, variance, n, nBar }) => {
    const d = discreteDemand("negative_binomial", mean, variance);
    expect(d.loss(x)).toBeCloseTo(n, 12);
    expect(x - mean + d.loss(x)).toBeCloseTo(nBar, 12);
  });

  it("sums to 1, has n(0) = μ, n(x) − n(x + 1) = 1 − F(x), and n linear between integers", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 60, noNaN: true }), fc.double({ min: 1.001, max: 5, noNaN: true }), (mean, dispersion) => {
        for (const d of [discreteDemand("poisson", mean), discreteDemand("negative_binomial", mean, mean * dispersion)]) {
          let total = 0;
          for (let k = 0; k < 2000; k++) total += d.pmf(k);
          expect(total).toBeCloseTo(1, 12);
          expect(d.loss(0)).toBeCloseTo(mean, 10);
          for (let x = 0; x < 3 * mean + 5; x++) {
            expect(d.loss(x) - d.loss(x + 1)).toBeCloseTo(d.survival(x), 12);
            expect(d.loss(x + 0.25)).toBeCloseTo(0.75 * d.loss(x) + 0.25 * d.loss(x + 1), 12);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("the negative binomial tends to the Poisson as its variance falls to the mean", () => {
    const poisson = discreteDemand("poisson", 4.5);
    const gap = (excess: number) => {
      const nb = discreteDemand("negative_binomial", 4.5, 4.5 * (1 + excess));
      let worst = 0;
      for (let k = 0; k < 40; k++) worst = Math.max(worst, Math.abs(nb.cdf(k) - poisson.cdf(k)));
      return worst;
    };
    const gaps = [1, 0.1, 0.01, 1e-3, 1e-5].map(gap);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeLessThan(gaps[i - 1]);
    expect(gaps[gaps.length - 1]).toBeLessThan(1e-5);
  });

  it("stays exact where e^(−μ) would underflow", () => {
    const d = discreteDemand("poisson", 2000);
    expect(d.cdf(2000)).toBeGreaterThan(0.5);
    expect(d.cdf(2000)).toBeLessThan(0.51);
    expect(d.loss(0)).toBeCloseTo(2000, 8);
  });

  it("refuses a mean ≤ 0 and an NB that is not over-dispersed", () => {
    expectDomainError(() => discreteDemand("poisson", 0), "leadTimeDemandMean", "out_of_range");
    expectDomainError(() => discreteDemand("negative_binomial", 5, 5), "leadTimeDemandVariance", "out_of_range");
  });
});

describe("slowMoverReorderPoint", () => {
  it("Snyder & Shen Example 4.7: Poisson(6), h = 1, p = 4 → S* = 8, cost 3.5701 (5 costs 6.5903)", () => {
    const e = book.example_4_7;
    const alpha = e.stockoutCost / (e.stockoutCost + e.holdingCost);
    const r = slowMoverReorderPoint({ demandMean: e.mean, leadTime: 1, serviceLevel: alpha });
    expect(r.distribution).toBe("poisson");
    expect(r.reorderPoint).toBe(e.S);
    // g(S) = h·n̄(S) + p·n(S) with n̄(S) = S − μ + n(S) (Snyder & Shen eq. (4.6), as stockpyl evaluates it).
    const d = discreteDemand("poisson", e.mean);
    const cost = (s: number) => e.holdingCost * (s - e.mean + d.loss(s)) + e.stockoutCost * d.loss(s);
    expect(cost(e.S)).toBeCloseTo(e.cost, 12);
    expect(cost(5)).toBeCloseTo(e.costAt5, 12);
    for (let s = 0; s < 20; s++) expect(cost(s)).toBeGreaterThanOrEqual(cost(e.S));
  });

  it("returns the smallest r with F(r) ≥ the target, for Poisson and negative binomial", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 4, noNaN: true }), { nil: undefined }),
        fc.double({ min: 0.01, max: 0.999, noNaN: true }),
        (demandMean, leadTime, demandSd, serviceLevel) => {
          const r = slowMoverReorderPoint({ demandMean, demandSd, leadTime, serviceLevel, slowMoverThreshold: 1e9 });
          if (r.distribution === "normal") return; // σ² = 0
          const d = discreteDemand(r.distribution, r.leadTimeDemandMean, r.leadTimeDemandVariance);
          expect(Number.isInteger(r.reorderPoint)).toBe(true);
          expect(d.cdf(r.reorderPoint)).toBeGreaterThanOrEqual(serviceLevel);
          expect(d.cdf(r.reorderPoint - 1)).toBeLessThan(serviceLevel);
          expect(r.cycleServiceLevel).toBe(d.cdf(r.reorderPoint));
          expect(r.safetyStock).toBeCloseTo(r.reorderPoint - r.leadTimeDemandMean, 12);
        },
      ),
    );
  });

  it("is non-decreasing in the service level and in the fill rate", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 9, noNaN: true }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.integer({ min: 1, max: 30 }), (mean, level, step, q) => {
        const higher = Math.min(level + step, 0.999);
        for (const demandSd of [undefined, 2 * Math.sqrt(mean)]) {
          const at = (serviceLevel: number) => slowMoverReorderPoint({ demandMean: mean, demandSd, leadTime: 1, serviceLevel }).reorderPoint;
          expect(at(higher)).toBeGreaterThanOrEqual(at(level));
        }
        const fr = (fillRate: number) => slowMoverReorderPoint({ demandMean: mean, leadTime: 1, fillRate, orderQuantity: q }).reorderPoint;
        expect(fr(higher)).toBeGreaterThanOrEqual(fr(level));
      }),
    );
  });

  describe("Poisson fill rate, β(r) = 1 − [n(r) − n(r + Q)]/Q = P(IL > 0)", () => {
    it("equals (1/Q) Σ_{y=r+1}^{r+Q} F(y − 1), the inventory position uniform on r + 1 … r + Q", () => {
      const d = discreteDemand("poisson", 3.2);
      for (const q of [1, 2, 5, 12]) {
        for (let r = -q; r < 15; r++) {
          let direct = 0;
          for (let y = r + 1; y <= r + q; y++) direct += d.cdf(y - 1);
          expect(poissonFillRate(d, r, q)).toBeCloseTo(direct / q, 13);
        }
      }
    });

    // Hand-computed: with Q = 1 the position is always r + 1, so β = P(D ≤ r) = F(r): the (S − 1, S) result.
    it("with Q = 1 is the cycle service level F(r)", () => {
      const d = discreteDemand("poisson", 6);
      for (let r = 0; r < 15; r++) expect(poissonFillRate(d, r, 1)).toBeCloseTo(d.cdf(r), 14);
      const r = slowMoverReorderPoint({ demandMean: 6, leadTime: 1, fillRate: 0.8, orderQuantity: 1 });
      expect(r.reorderPoint).toBe(8); // the same fractile as Example 4.7
    });

    it("meets the target with the smallest r, and the fill rate of the computed stock is ≥ the target", () => {
      fc.assert(
        fc.property(fc.double({ min: 0.1, max: 9.9, noNaN: true }), fc.double({ min: 0.5, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 50 }), (mean, beta, q) => {
          const r = slowMoverReorderPoint({ demandMean: mean, leadTime: 1, fillRate: beta, orderQuantity: q });
          const d = discreteDemand("poisson", mean);
          expect(r.fillRate).toBeGreaterThanOrEqual(beta);
          expect(poissonFillRate(d, r.reorderPoint - 1, q)).toBeLessThan(beta);
        }),
      );
    });

    // Hand-computed: Poisson(2), Q = 2. β(r) = (F(r) + F(r + 1))/2; F(1) = 3e⁻² = 0.40601, F(2) = 5e⁻² = 0.67668,
    // F(3) = 19e⁻²/3 = 0.85712: β(1) = 0.54134, β(2) = 0.76690 → for β ≥ 0.75 the reorder point is 2.
    it("Poisson(2), Q = 2, β = 0.75 → r = 2 with β = 0.7669", () => {
      const r = slowMoverReorderPoint({ demandMean: 2, leadTime: 1, fillRate: 0.75, orderQuantity: 2 });
      expect(r.reorderPoint).toBe(2);
      expect(r.fillRate).toBeCloseTo((5 * Math.exp(-2) + (19 / 3) * Math.exp(-2)) / 2, 14);
    });
  });

  describe("the automatic choice", () => {
    it("uses the Poisson below the threshold without a demand sd, the normal at or above it", () => {
      expect(slowMoverReorderPoint({ demandMean: 2, leadTime: 4, serviceLevel: 0.9 }).distribution).toBe("poisson");
      expect(slowMoverReorderPoint({ demandMean: 2.5, leadTime: 4, serviceLevel: 0.9 }).distribution).toBe("normal");
      expect(slowMoverReorderPoint({ demandMean: 2.5, leadTime: 4, serviceLevel: 0.9, slowMoverThreshold: 20 }).distribution).toBe("poisson");
    });

    it("uses the negative binomial when lead-time demand is over-dispersed, the Poisson when not", () => {
      expect(slowMoverReorderPoint({ demandMean: 1, demandSd: 2, leadTime: 3, serviceLevel: 0.9 }).distribution).toBe("negative_binomial");
      expect(slowMoverReorderPoint({ demandMean: 1, demandSd: 0.5, leadTime: 3, serviceLevel: 0.9 }).distribution).toBe("poisson");
      // A variable lead time over-disperses Poisson arrivals: σ² = μ + d²σL².
      const r = slowMoverReorderPoint({ demandMean: 1, leadTime: 3, leadTimeSd: 1, serviceLevel: 0.9 });
      expect(r.distribution).toBe("negative_binomial");
      expect(r.leadTimeDemandVariance).toBeCloseTo(4, 14);
    });

    it("gives zero safety stock when lead-time demand is certain", () => {
      const r = slowMoverReorderPoint({ demandMean: 2, demandSd: 0, leadTime: 3, serviceLevel: 0.99 });
      expect(r).toMatchObject({ distribution: "normal", reorderPoint: 6, safetyStock: 0 });
    });

    it("on the normal side agrees with reorderPoint", () => {
      const input = { demandMean: 40, demandSd: 12, leadTime: 2, serviceLevel: 0.95, reviewPeriod: 1 };
      const r = slowMoverReorderPoint(input);
      expect(r.distribution).toBe("normal");
      expect(r.reorderPoint).toBeCloseTo(reorderPoint(input), 10);
      expect(r.cycleServiceLevel).toBeCloseTo(0.95, 12);
    });
  });

  it.each<[Partial<SlowMoverInput>, string, string]>([
    [{ serviceLevel: undefined }, "serviceLevel", "missing"],
    [{ fillRate: 0.9, orderQuantity: 3 }, "serviceLevel", "invalid"],
    [{ serviceLevel: undefined, fillRate: 0.9 }, "orderQuantity", "missing"],
    [{ serviceLevel: undefined, fillRate: 0.9, orderQuantity: 2.5 }, "orderQuantity", "invalid"],
    [{ serviceLevel: undefined, fillRate: 0.9, orderQuantity: 2, demandSd: 3 }, "fillRate", "invalid"],
    [{ serviceLevel: undefined, fillRate: 0.9, orderQuantity: 2, reviewPeriod: 1 }, "reviewPeriod", "invalid"],
    [{ distribution: "negative_binomial" }, "demandSd", "out_of_range"],
    [{ distribution: "poisson", demandMean: 0 }, "demandMean", "out_of_range"],
    [{ distribution: "poisson", demandMean: 1e6 }, "demandMean", "out_of_range"],
    [{ demandMean: 0.5, demandSd: 2000 }, "demandSd", "out_of_range"],
    [{ serviceLevel: 1 }, "serviceLevel", "out_of_range"],
    [{ demandMean: -1 }, "demandMean", "out_of_range"],
    [{ leadTime: Number.NaN }, "leadTime", "invalid"],
    [{ distribution: "gamma" as "poisson" }, "distribution", "invalid"],
    [{ slowMoverThreshold: 0 }, "slowMoverThreshold", "out_of_range"],
  ])("bad input %j → DomainError naming %s", (patch, field, kind) => {
    expectDomainError(() => slowMoverReorderPoint({ demandMean: 1, leadTime: 2, serviceLevel: 0.9, ...patch }), field, kind);
  });
});
