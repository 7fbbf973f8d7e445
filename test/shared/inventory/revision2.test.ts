/**
 * The inventory functions of contract revision 2 — EPQ, quantity discounts,
 * the newsvendor, periodic (s, S) and the Poisson (r, Q) — against worked
 * examples of Snyder & Shen, *Fundamentals of Supply Chain Theory* (2nd ed.)
 * as reproduced by the author's stockpyl (its doctests and unit tests name
 * the example), hand computations shown beside them, brute-force searches,
 * and properties.
 */
import fc from "fast-check";
import { DomainError } from "../../../shared/src/errors";
import { eoq, eoqDiscount, epq, MAX_POLICY_SPAN, newsvendor, newsvendorCostAt, poissonDemand, poissonRqCost, rqPolicy, ssPolicy } from "../../../shared/src/inventory";

/** c(s, S) by the same renewal formula, written out directly for the brute-force search. */
function ssCost(s: number, bigS: number, mean: number, k: number, h: number, p: number, leadTime = 0): number {
  const perPeriod = poissonDemand(mean, "demandMean");
  const protection = poissonDemand(mean * (leadTime + 1), "demandMean");
  const m: number[] = [1 / (1 - perPeriod.pmf(0))];
  for (let j = 1; j < bigS - s; j++) {
    let sum = 0;
    for (let l = 1; l <= j; l++) sum += perPeriod.pmf(l) * m[j - l];
    m.push(m[0] * sum);
  }
  let total = k;
  let renewal = 0;
  for (let j = 0; j < bigS - s; j++) {
    total += m[j] * newsvendorCostAt(bigS - j, protection, h, p);
    renewal += m[j];
  }
  return total / renewal;
}

describe("epq", () => {
  it("Example 3.1's data with P = 2000: Q 513.93, cost 40.47 (stockpyl economic_production_quantity)", () => {
    // By hand: √(2·8·1300 / (0.225·(1 − 1300/2000))) = √(20800/0.07875) = 513.93.
    const r = epq({ annualDemand: 1300, orderCost: 8, holdingCost: 0.225, productionRate: 2000 });
    expect(r.orderQuantity).toBeCloseTo(513.9328595516969, 9);
    expect(r.cost).toBeCloseTo(40.47221268969612, 9);
  });

  it("a production rate at or below demand names productionRate", () => {
    expect(() => epq({ annualDemand: 1300, orderCost: 8, holdingCost: 0.225, productionRate: 1300 })).toThrow(
      new DomainError("productionRate", "must be above annual demand 1300 (production must outpace demand), got 1300", "out_of_range"),
    );
  });

  it("property: EOQ ≤ EPQ, and the EPQ tends to the EOQ as P grows", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 1.0001, max: 1e3, noNaN: true }),
        (d, k, h, ratio) => {
          const base = eoq({ annualDemand: d, orderCost: k, holdingCost: h }).orderQuantity;
          expect(epq({ annualDemand: d, orderCost: k, holdingCost: h, productionRate: d * ratio }).orderQuantity).toBeGreaterThanOrEqual(base * (1 - 1e-12));
        },
      ),
    );
    expect(epq({ annualDemand: 1300, orderCost: 8, holdingCost: 0.225, productionRate: 1.3e12 }).orderQuantity).toBeCloseTo(eoq({ annualDemand: 1300, orderCost: 8, holdingCost: 0.225 }).orderQuantity, 6);
  });
});

describe("eoqDiscount", () => {
  const example35 = { annualDemand: 1300, orderCost: 8, holdingRate: 0.3, breakpoints: [0, 400, 800], unitCosts: [0.75, 0.72, 0.68] };

  it("all-units, Example 3.6: order 800 at the third price, 978.60 a year", () => {
    // By hand: 0.68·1300 + 8·1300/800 + 0.3·0.68·800/2 = 884 + 13 + 81.6 = 978.60; the regions' EOQs 304.05, 310.38, 319.79
    // fall below their breaks 400 and 800, so regions 2 and 3 are costed at their breaks (400: 1010.26).
    expect(eoqDiscount(example35)).toEqual({ orderQuantity: 800, priceBreak: 3, cost: expect.closeTo(978.6, 9) });
  });

  it("incremental, Example 3.7: the first region's EOQ 304.05, 1,043.41 a year", () => {
    // By hand: 0.75·1300 + √(2·8·1300·0.225) = 975 + 68.41.
    expect(eoqDiscount({ ...example35, discountType: "incremental" })).toEqual({ orderQuantity: expect.closeTo(304.0467800264368, 9), priceBreak: 1, cost: expect.closeTo(1043.4105255059483, 8) });
  });

  it("stockpyl's docstring instances: all-units (K 200, i 0.2, D 1000) → 500, 472,900; incremental (K 150, i 0.25, D 2400) → 1,481.89, 222,762.81", () => {
    expect(eoqDiscount({ annualDemand: 1000, orderCost: 200, holdingRate: 0.2, breakpoints: [0, 200, 500], unitCosts: [500, 475, 450] })).toEqual({ orderQuantity: 500, priceBreak: 3, cost: expect.closeTo(472900, 6) });
    expect(eoqDiscount({ annualDemand: 2400, orderCost: 150, holdingRate: 0.25, breakpoints: [0, 300, 600], unitCosts: [100, 90, 80], discountType: "incremental" })).toEqual({
      orderQuantity: expect.closeTo(1481.8906842274164, 8),
      priceBreak: 3,
      cost: expect.closeTo(222762.8136845483, 6),
    });
  });

  it("breaks not starting at 0, not ascending, or prices of another length name the field", () => {
    expect(() => eoqDiscount({ ...example35, breakpoints: [10, 400, 800] })).toThrow(new DomainError("breakpoints[0]", "the first break must be 0, got 10", "out_of_range"));
    expect(() => eoqDiscount({ ...example35, breakpoints: [0, 800, 400] })).toThrow(new DomainError("breakpoints[2]", "breaks must be ascending: 400 is not above 800", "out_of_range"));
    expect(() => eoqDiscount({ ...example35, unitCosts: [0.75, 0.72] })).toThrow(new DomainError("unitCosts", "one price per break: 3 breaks but 2 prices", "invalid"));
  });

  const instance = fc.record({
    annualDemand: fc.double({ min: 1, max: 1e5, noNaN: true }),
    orderCost: fc.double({ min: 0.1, max: 1e3, noNaN: true }),
    holdingRate: fc.double({ min: 0.01, max: 1, noNaN: true }),
    steps: fc.array(fc.record({ width: fc.double({ min: 1, max: 2000, noNaN: true }), cut: fc.double({ min: 0, max: 0.2, noNaN: true }) }), { minLength: 0, maxLength: 4 }),
    first: fc.double({ min: 1, max: 100, noNaN: true }),
    discountType: fc.constantFrom("all_units" as const, "incremental" as const),
  });
  const build = (x: typeof instance extends fc.Arbitrary<infer T> ? T : never) => {
    const breakpoints = [0];
    const unitCosts = [x.first];
    for (const s of x.steps) {
      breakpoints.push(breakpoints[breakpoints.length - 1] + s.width);
      unitCosts.push(unitCosts[unitCosts.length - 1] * (1 - s.cut));
    }
    return { annualDemand: x.annualDemand, orderCost: x.orderCost, holdingRate: x.holdingRate, breakpoints, unitCosts, discountType: x.discountType };
  };
  /** The true annual cost of ordering q, priced by the schedule. */
  const costOf = (v: ReturnType<typeof build>, q: number) => {
    let j = 0;
    while (j + 1 < v.breakpoints.length && q >= v.breakpoints[j + 1]) j++;
    let purchase = 0;
    if (v.discountType === "all_units") purchase = v.unitCosts[j] * q;
    else for (let i = 0; i <= j; i++) purchase += v.unitCosts[i] * (Math.min(q, i + 1 < v.breakpoints.length ? v.breakpoints[i + 1] : Infinity) - v.breakpoints[i]);
    return (v.annualDemand * (purchase + v.orderCost)) / q + (v.holdingRate * purchase) / 2;
  };

  it("property: the optimum lies on a break or on its region's EOQ, and no quantity on a fine grid is cheaper", () => {
    fc.assert(
      fc.property(instance, (x) => {
        const v = build(x);
        const best = eoqDiscount(v);
        const j = best.priceBreak - 1;
        const c = v.unitCosts;
        let cBar = 0;
        for (let i = 0; i < j; i++) cBar += c[i] * (v.breakpoints[i + 1] - v.breakpoints[i]);
        const fixed = v.orderCost + (v.discountType === "incremental" ? cBar - c[j] * v.breakpoints[j] : 0);
        const regionEoq = Math.sqrt((2 * v.annualDemand * fixed) / (v.holdingRate * c[j]));
        const onBreak = v.breakpoints.some((b) => Math.abs(b - best.orderQuantity) <= 1e-9 * Math.max(1, b));
        expect(onBreak || Math.abs(regionEoq - best.orderQuantity) <= 1e-9 * regionEoq).toBe(true);
        expect(best.cost).toBeCloseTo(costOf(v, best.orderQuantity), 6);
        const top = 2 * Math.max(best.orderQuantity, v.breakpoints[v.breakpoints.length - 1]) + 1;
        for (let i = 1; i <= 400; i++) expect(costOf(v, (top * i) / 400)).toBeGreaterThanOrEqual(best.cost * (1 - 1e-9));
      }),
      { numRuns: 200 },
    );
  });
});

describe("newsvendor", () => {
  it("normal, Example 4.3 (h 0.18, p 0.70, μ 50, σ 8): S* 56.60, cost (h + p)φ(z)σ = 2.00", () => {
    const r = newsvendor({ demandMean: 50, demandSd: 8, holdingCost: 0.18, stockoutCost: 0.7 });
    expect(r.level).toBeCloseTo(56.60395592743389, 9);
    expect(r.cost).toBeCloseTo(1.997605193176644, 9);
  });

  it("Poisson, the same costs and μ 50: S* 56, cost 1.7972 (stockpyl newsvendor_poisson doctest)", () => {
    const r = newsvendor({ demandMean: 50, holdingCost: 0.18, stockoutCost: 0.7, distribution: "poisson" });
    expect(r.level).toBe(56);
    expect(r.cost).toBeCloseTo(1.797235211809178, 9);
  });

  it("Poisson, Example 4.7's data (μ 6, h 1, p 4, α 0.8): S* 8, the smallest S with F(S) ≥ 0.8 (F(7) 0.744, F(8) 0.847)", () => {
    expect(newsvendor({ demandMean: 6, holdingCost: 1, stockoutCost: 4, distribution: "poisson" }).level).toBe(8);
  });

  it("property: the Poisson S* costs no more than S* ± 1, and is the smallest S with F(S) ≥ p/(p + h)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 500, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true }), (mean, h, p) => {
        const r = newsvendor({ demandMean: mean, holdingCost: h, stockoutCost: p, distribution: "poisson" });
        const d = poissonDemand(mean, "demandMean");
        expect(d.cdf(r.level)).toBeGreaterThanOrEqual(p / (p + h));
        if (r.level > 0) expect(d.cdf(r.level - 1)).toBeLessThan(p / (p + h));
        for (const s of [r.level - 1, r.level + 1]) expect(newsvendorCostAt(s, d, h, p)).toBeGreaterThanOrEqual(r.cost * (1 - 1e-12));
      }),
    );
  });

  it("the normal needs demandSd", () => {
    expect(() => newsvendor({ demandMean: 50, holdingCost: 0.18, stockoutCost: 0.7 })).toThrow(new DomainError("demandSd", "required for the normal distribution", "missing"));
  });
});

describe("ssPolicy (Zheng & Federgruen 1991)", () => {
  it("Example 4.7 (K 5, h 1, p 4, Poisson(6)): s 4, S 10, cost 8.0341 (stockpyl s_s_discrete_exact doctest)", () => {
    const r = ssPolicy({ demandMean: 6, orderCost: 5, holdingCost: 1, stockoutCost: 4 });
    expect(r).toEqual({ reorderPoint: 4, orderUpToLevel: 10, cost: expect.closeTo(8.034111561471642, 10) });
  });

  it.each([
    [6, 5, 1, 4, 0],
    [3, 40, 1, 9, 0],
    [2.5, 10, 0.5, 5, 2],
    [10, 64, 1, 10, 1],
  ])("equals a brute-force search over (s, S): μ %p, K %p, h %p, p %p, L %p", (mean, k, h, p, leadTime) => {
    const r = ssPolicy({ demandMean: mean, orderCost: k, holdingCost: h, stockoutCost: p, leadTime });
    let best = Infinity;
    const centre = Math.round(mean * (leadTime + 1));
    for (let s = centre - 25; s <= centre + 25; s++) for (let bigS = s + 1; bigS <= s + 60; bigS++) best = Math.min(best, ssCost(s, bigS, mean, k, h, p, leadTime));
    expect(r.cost).toBeCloseTo(best, 9);
    expect(r.cost).toBeCloseTo(ssCost(r.reorderPoint, r.orderUpToLevel, mean, k, h, p, leadTime), 9);
  });

  it("property: no neighbouring (s ± 1, S ± 1) costs less", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 40, noNaN: true }),
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        (mean, k, h, p, leadTime) => {
          const r = ssPolicy({ demandMean: mean, orderCost: k, holdingCost: h, stockoutCost: p, leadTime });
          for (const [ds, dS] of [
            [-1, 0],
            [1, 0],
            [0, -1],
            [0, 1],
            [-1, -1],
            [1, 1],
            [-1, 1],
            [1, -1],
          ]) {
            const s = r.reorderPoint + ds;
            const bigS = r.orderUpToLevel + dS;
            if (bigS > s) expect(ssCost(s, bigS, mean, k, h, p, leadTime)).toBeGreaterThanOrEqual(r.cost * (1 - 1e-10));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("refuses a policy wider than the cap, naming orderCost", () => {
    expect(() => ssPolicy({ demandMean: 400, orderCost: 500, holdingCost: 0.01, stockoutCost: 4 })).toThrow(
      new DomainError("orderCost", `the optimal (s, S) would span more than ${MAX_POLICY_SPAN.toLocaleString("en-US")} units of demand: order cost too large against holding cost`, "out_of_range"),
    );
  });

  it("a fractional lead time names leadTime", () => {
    expect(() => ssPolicy({ demandMean: 6, orderCost: 5, holdingCost: 1, stockoutCost: 4, leadTime: 1.5 })).toThrow(DomainError);
  });
});

describe("rqPolicy with Poisson demand (Federgruen & Zheng 1992)", () => {
  const example58 = { demandRate: 1.5, demandSd: 0, leadTime: 2, orderCost: 100, holdingCost: 20, stockoutCost: 150, distribution: "poisson" as const };

  it("Example 5.8 (h 20, p 150, K 100, λ 1.5, L 2): exact r 3, Q 5, g 107.92 (stockpyl r_q_poisson_exact doctest)", () => {
    const r = rqPolicy({ ...example58, method: "exact" });
    expect(r).toMatchObject({ reorderPoint: 3, orderQuantity: 5, cost: expect.closeTo(107.92358063314975, 9) });
  });

  it("equals a brute-force search over integer (r, Q), and every method's cost is the exact g at its (r, Q)", () => {
    const d = poissonDemand(3, "leadTime");
    const g1 = (y: number) => newsvendorCostAt(y, d, 20, 150);
    let best = Infinity;
    for (let r = -10; r <= 20; r++) for (let q = 1; q <= 40; q++) best = Math.min(best, poissonRqCost(r, q, g1, 1.5, 100));
    expect(rqPolicy({ ...example58, method: "exact" }).cost).toBeCloseTo(best, 10);
    for (const method of ["eoq_ss", "eil", "loss"] as const) {
      const r = rqPolicy({ ...example58, method });
      expect(Number.isInteger(r.reorderPoint) && Number.isInteger(r.orderQuantity)).toBe(true);
      expect(r.cost).toBeCloseTo(poissonRqCost(r.reorderPoint, r.orderQuantity, g1, 1.5, 100), 10);
      expect(r.cost).toBeGreaterThanOrEqual(best - 1e-9);
    }
  });

  it("eoq_ss on Example 5.8: Q the better neighbour of the EOQ √(2·100·1.5/20) = 3.87 → 4, r the smallest with F(r) ≥ 150/170 → 5", () => {
    expect(rqPolicy({ ...example58, method: "eoq_ss" })).toMatchObject({ reorderPoint: 5, orderQuantity: 4 });
  });

  it("property: the exact optimum costs no more than its neighbours (r ± 1, Q ± 1)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        (lambda, lead, k, h, p) => {
          const r = rqPolicy({ demandRate: lambda, demandSd: 0, leadTime: lead, orderCost: k, holdingCost: h, stockoutCost: p, method: "exact", distribution: "poisson" });
          const d = poissonDemand(lambda * lead, "leadTime");
          const g1 = (y: number) => newsvendorCostAt(y, d, h, p);
          for (const [dr, dq] of [
            [-1, 0],
            [1, 0],
            [0, -1],
            [0, 1],
            [-1, 1],
            [1, -1],
          ]) {
            const q = r.orderQuantity + dq;
            if (q >= 1) expect(poissonRqCost(r.reorderPoint + dr, q, g1, lambda, k)).toBeGreaterThanOrEqual(r.cost * (1 - 1e-10));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("a zero demand rate has no Poisson policy: demandRate named", () => {
    expect(() => rqPolicy({ ...example58, demandRate: 0, method: "exact" })).toThrow(new DomainError("demandRate", "a Poisson demand rate must be > 0, got 0", "out_of_range"));
  });
});
