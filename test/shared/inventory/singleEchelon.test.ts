/**
 * Safety stock, reorder point, fill rate, CSL, EOQ, base stock and (r, Q)
 * against Snyder & Shen's worked examples (test/fixtures/inventory/snyder_shen_rq.json
 * names where each number was read) and hand computations, plus properties.
 */
import fc from "fast-check";
import { DomainError } from "../../../shared/src/errors";
import { baseStock, cycleServiceLevel, eoq, fillRate, fillRateSafetyStock, normalLoss, reorderPoint, rqCostOf, rqPolicy, safetyStock, safetyStockArrays } from "../../../shared/src/inventory";
import book from "../../fixtures/inventory/snyder_shen_rq.json";

const Z90 = 1.2815515655446004; // Φ⁻¹(0.9), mpmath (normal_reference_mpmath.json)

describe("safetyStock and reorderPoint", () => {
  // Hand-computed from the formula: σ over 2 weeks = 500·√2 = 707.107; ss = 1.28155·707.107 = 906.19.
  it("fixed lead time: ss = z·σd·√L", () => {
    const input = { demandMean: 2500, demandSd: 500, leadTime: 2, serviceLevel: 0.9 };
    expect(safetyStock(input)).toBeCloseTo(Z90 * 500 * Math.SQRT2, 9);
    expect(reorderPoint(input)).toBeCloseTo(5000 + Z90 * 500 * Math.SQRT2, 9);
  });

  // Hand-computed: √(7·500² + 2500²·7²) = √(1,750,000 + 306,250,000) = √308,000,000 = 17,549.93 (the
  // lead-time term dominates), ss = 1.28155 × 17,549.93 = 22,491.0.
  it("lead-time uncertainty adds d²·σL²", () => {
    const ss = safetyStock({ demandMean: 2500, demandSd: 500, leadTime: 7, serviceLevel: 0.9, leadTimeSd: 7 });
    expect(ss).toBeCloseTo(Z90 * Math.sqrt(308_000_000), 8);
    expect(Math.round(ss)).toBe(22491);
  });

  it("periodic review protects L + R periods: order-up-to = d(L + R) + z·σd·√(L + R)", () => {
    const input = { demandMean: 100, demandSd: 20, leadTime: 2, serviceLevel: 0.9, reviewPeriod: 2 };
    expect(reorderPoint(input)).toBeCloseTo(400 + Z90 * 20 * 2, 10);
  });

  it("zero variability means zero safety stock, even below 50 %", () => {
    expect(safetyStock({ demandMean: 10, demandSd: 0, leadTime: 3, serviceLevel: 0.3 })).toBe(0);
    expect(reorderPoint({ demandMean: 10, demandSd: 0, leadTime: 3, serviceLevel: 0.99 })).toBe(30);
  });

  it("is non-decreasing in the service level and in every σ", () => {
    fc.assert(
      fc.property(
        fc.record({
          demandMean: fc.double({ min: 0, max: 1e4, noNaN: true }),
          demandSd: fc.double({ min: 0, max: 1e3, noNaN: true }),
          leadTime: fc.double({ min: 0, max: 52, noNaN: true }),
          leadTimeSd: fc.double({ min: 0, max: 10, noNaN: true }),
          serviceLevel: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        }),
        fc.double({ min: 0, max: 0.0009, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (x, dCsl, dSd) => {
          const base = safetyStock(x);
          expect(safetyStock({ ...x, serviceLevel: x.serviceLevel + dCsl })).toBeGreaterThanOrEqual(base - 1e-9 * (1 + base));
          expect(safetyStock({ ...x, demandSd: x.demandSd + dSd })).toBeGreaterThanOrEqual(base - 1e-9 * (1 + base));
          expect(safetyStock({ ...x, leadTimeSd: x.leadTimeSd + dSd })).toBeGreaterThanOrEqual(base - 1e-9 * (1 + base));
        },
      ),
    );
  });

  it.each([
    [{ serviceLevel: 1 }, "serviceLevel", "out_of_range"],
    [{ serviceLevel: 0 }, "serviceLevel", "out_of_range"],
    [{ demandSd: -1 }, "demandSd", "out_of_range"],
    [{ leadTime: -0.5 }, "leadTime", "out_of_range"],
    [{ demandMean: Number.NaN }, "demandMean", "invalid"],
    [{ demandMean: "12" }, "demandMean", "invalid"],
  ])("bad input %j → DomainError naming the field", (patch, field, kind) => {
    const input = { demandMean: 10, demandSd: 2, leadTime: 1, serviceLevel: 0.95, ...patch };
    try {
      safetyStock(input as Parameters<typeof safetyStock>[0]);
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect({ field: (e as DomainError).field, kind: (e as DomainError).kind }).toEqual({ field, kind });
    }
  });

  it("does not mutate its input", () => {
    const input = Object.freeze({ demandMean: 10, demandSd: 2, leadTime: 1, serviceLevel: 0.95 });
    expect(() => safetyStock(input)).not.toThrow();
  });
});

describe("safetyStockArrays (the million-item kernel)", () => {
  it("equals the scalar functions item by item", () => {
    const cols = {
      demandMean: Float64Array.from([2500, 10, 0]),
      demandSd: Float64Array.from([500, 0, 3]),
      leadTime: Float64Array.from([7, 3, 2]),
      serviceLevel: Float64Array.from([0.9, 0.95, 0.9]),
      leadTimeSd: Float64Array.from([7, 0, 1]),
    };
    const out = safetyStockArrays(cols);
    for (let i = 0; i < 3; i++) {
      const item = { demandMean: cols.demandMean[i], demandSd: cols.demandSd[i], leadTime: cols.leadTime[i], serviceLevel: cols.serviceLevel[i], leadTimeSd: cols.leadTimeSd[i] };
      expect(out.safetyStock[i]).toBe(safetyStock(item));
      expect(out.reorderPoint[i]).toBe(reorderPoint(item));
    }
  });

  it("names the row of a bad value and a column of the wrong length", () => {
    const ok = Float64Array.from([1, 2]);
    expect(() => safetyStockArrays({ demandMean: ok, demandSd: Float64Array.from([1, -2]), leadTime: ok, serviceLevel: Float64Array.from([0.9, 0.9]) })).toThrow("demandSd[1]: must be ≥ 0, got -2");
    expect(() => safetyStockArrays({ demandMean: ok, demandSd: ok, leadTime: ok, serviceLevel: Float64Array.from([0.9, 1]) })).toThrow("serviceLevel[1]");
    expect(() => safetyStockArrays({ demandMean: ok, demandSd: ok, leadTime: Float64Array.from([1]), serviceLevel: ok })).toThrow("leadTime: expected 2 values");
  });
});

describe("fill rate (Silver, Pyke & Thomas eqs. 6.28 and 6.29)", () => {
  // Hand-computed: σL = 10·√1 = 10, Q(1 − β)/σL = 100·0.01/10 = 0.1 → k with G(k) = 0.1.
  it("β > 0.9 solves σL·G(k) = Q(1 − β) (eq. 6.28)", () => {
    const r = fillRateSafetyStock({ demandMean: 0, demandSd: 10, leadTime: 1, fillRate: 0.99, orderQuantity: 100 });
    expect(r.equation).toBe("6.28");
    expect(normalLoss(r.safetyFactor)).toBeCloseTo(0.1, 14);
    expect(r.safetyStock).toBeCloseTo(10 * r.safetyFactor, 12);
    // G(0.9) = 0.1004… and G(0.91) = 0.0987… bracket the root (hand-checked from the definition).
    expect(r.safetyFactor).toBeGreaterThan(0.9);
    expect(r.safetyFactor).toBeLessThan(0.91);
  });

  it("β ≤ 0.9 solves σL·[G(k) − G(k + Q/σL)] = Q(1 − β) (eq. 6.29)", () => {
    const r = fillRateSafetyStock({ demandMean: 0, demandSd: 50, leadTime: 1, fillRate: 0.8, orderQuantity: 40 });
    expect(r.equation).toBe("6.29");
    expect(normalLoss(r.safetyFactor) - normalLoss(r.safetyFactor + 40 / 50)).toBeCloseTo((40 * 0.2) / 50, 14);
  });

  it("round-trips: the fill rate of the computed stock is the target, and never below it (eq. 6.29 form)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 0.9999, noNaN: true }), fc.double({ min: 0.1, max: 100, noNaN: true }), fc.double({ min: 1, max: 1000, noNaN: true }), (beta, sd, q) => {
        const r = fillRateSafetyStock({ demandMean: 10, demandSd: sd, leadTime: 4, fillRate: beta, orderQuantity: q });
        const exactRate = fillRate({ safetyStock: r.safetyStock, leadTimeDemandSd: r.leadTimeDemandSd, orderQuantity: q, method: "exact" });
        expect(exactRate).toBeGreaterThanOrEqual(beta - 1e-9);
        if (r.equation === "6.28") expect(fillRate({ safetyStock: r.safetyStock, leadTimeDemandSd: r.leadTimeDemandSd, orderQuantity: q })).toBeCloseTo(beta, 9);
      }),
    );
  });

  it("is non-decreasing in the fill rate and zero without variability", () => {
    const at = (beta: number) => fillRateSafetyStock({ demandMean: 5, demandSd: 3, leadTime: 2, fillRate: beta, orderQuantity: 20 }).safetyStock;
    for (const [a, b] of [
      [0.5, 0.7],
      [0.7, 0.9],
      [0.9, 0.91],
      [0.95, 0.99],
    ])
      expect(at(b)).toBeGreaterThanOrEqual(at(a));
    expect(fillRateSafetyStock({ demandMean: 5, demandSd: 0, leadTime: 2, fillRate: 0.99, orderQuantity: 20 }).safetyStock).toBe(0);
  });

  // Hand-computed: ss = 0 → ESPRC = σL·G(0) = 100·0.398942 = 39.894; 1 − 39.894/500 = 0.920212.
  it("fillRate at zero safety stock is 1 − σL·φ(0)/Q", () => {
    expect(fillRate({ safetyStock: 0, leadTimeDemandSd: 100, orderQuantity: 500 })).toBeCloseTo(1 - (100 * 0.3989422804014327) / 500, 14);
    expect(fillRate({ safetyStock: 5, leadTimeDemandSd: 0, orderQuantity: 10 })).toBe(1);
    expect(fillRate({ safetyStock: -5, leadTimeDemandSd: 0, orderQuantity: 10 })).toBe(0.5);
  });

  it("refuses Q ≤ 0, a fill rate outside (0, 1) and a negative sd", () => {
    expect(() => fillRate({ safetyStock: 1, leadTimeDemandSd: 1, orderQuantity: 0 })).toThrow("orderQuantity: must be > 0, got 0");
    expect(() => fillRateSafetyStock({ demandMean: 1, demandSd: 1, leadTime: 1, fillRate: 1, orderQuantity: 5 })).toThrow("fillRate: must be > 0 and < 1, got 1");
    expect(() => fillRateSafetyStock({ demandMean: 1, demandSd: -1, leadTime: 1, fillRate: 0.9, orderQuantity: 5 })).toThrow("demandSd: must be ≥ 0, got -1");
  });
});

describe("cycleServiceLevel", () => {
  // Hand-computed: Φ(1000/707.107) = Φ(1.41421) = 0.92135.
  it("is Φ(ss/σL)", () => {
    expect(cycleServiceLevel({ safetyStock: 1000, leadTimeDemandSd: 500 * Math.SQRT2 })).toBeCloseTo(0.9213503964748575, 12);
    expect(cycleServiceLevel({ safetyStock: 0, leadTimeDemandSd: 3 })).toBe(0.5);
    expect(cycleServiceLevel({ safetyStock: 0, leadTimeDemandSd: 0 })).toBe(1);
  });

  it("inverts safetyStock", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0.1, max: 100, noNaN: true }), (csl, sd) => {
        const ss = safetyStock({ demandMean: 1, demandSd: sd, leadTime: 1, serviceLevel: csl });
        expect(cycleServiceLevel({ safetyStock: ss, leadTimeDemandSd: sd })).toBeCloseTo(csl, 12);
      }),
    );
  });
});

describe("EOQ (Snyder & Shen Examples 3.1 and 3.8)", () => {
  it("Example 3.1: K = 8, h = 0.225, λ = 1300 → Q* = 304.05, g* = 68.41", () => {
    const r = eoq({ annualDemand: book.eoq.annualDemand, orderCost: book.eoq.orderCost, holdingCost: book.eoq.holdingCost });
    expect(r.orderQuantity).toBeCloseTo(book.eoq.Q, 10);
    expect(r.cost).toBeCloseTo(book.eoq.cost, 10);
  });

  it("Example 3.8: with p = 5 → Q* = 310.81, x* = 0.0431, g* = 66.92", () => {
    const e = book.eoqb;
    const r = eoq({ annualDemand: e.annualDemand, orderCost: e.orderCost, holdingCost: e.holdingCost, backorderCost: e.backorderCost });
    expect(r.orderQuantity).toBeCloseTo(e.Q, 10);
    expect(r.backorderFraction).toBeCloseTo(e.x, 14);
    expect(r.cost).toBeCloseTo(e.cost, 10);
  });

  it("refuses a holding cost of 0 and a negative demand", () => {
    expect(() => eoq({ annualDemand: 1, orderCost: 1, holdingCost: 0 })).toThrow("holdingCost: must be > 0, got 0");
    expect(() => eoq({ annualDemand: -1, orderCost: 1, holdingCost: 1 })).toThrow(DomainError);
  });
});

describe("baseStock (Snyder & Shen Example 4.3)", () => {
  it("h = 0.18, p = 0.70, N(50, 8²), L = 0 → S* = 56.60, g* = 2.00", () => {
    const n = book.newsvendor;
    const r = baseStock({ demandMean: n.demandMean, demandSd: n.demandSd, holdingCost: n.holdingCost, stockoutCost: n.stockoutCost });
    expect(r.level).toBeCloseTo(n.S, 10);
    expect(r.cost).toBeCloseTo(n.cost, 10);
  });

  // Hand-computed: over L + 1 = 5 periods, μ = 250, σ = 8√5; S* = 250 + z(0.7/0.88)·8√5 (same z as Example 4.3).
  it("a lead time protects L + 1 periods", () => {
    const z = (56.60395592743389 - 50) / 8;
    expect(baseStock({ demandMean: 50, demandSd: 8, holdingCost: 0.18, stockoutCost: 0.7, leadTime: 4 }).level).toBeCloseTo(250 + z * 8 * Math.sqrt(5), 10);
  });
});

describe("(r, Q) policies (Snyder & Shen ch. 5, Example 5.1 instance)", () => {
  const inst = book.example_5_1_instance;
  const ltd = { mean: inst.demandRate * inst.leadTime, sd: inst.demandSd * Math.sqrt(inst.leadTime) };

  it.each(book.rq_cost)("exact cost g($r, $Q) = $cost (eq. 5.7, closed form)", ({ r, Q, cost }) => {
    expect(rqCostOf(r, Q, ltd, inst.demandRate, inst.orderCost, inst.holdingCost, inst.stockoutCost)).toBeCloseTo(cost, 9);
  });

  it.each(Object.entries(book.methods))("method %s reproduces the book's (r, Q)", (method, expected) => {
    const r = rqPolicy({ ...inst, method: method as "eoq_ss" | "eil" | "loss" | "exact" });
    expect(Math.abs(r.reorderPoint - expected.r)).toBeLessThan(expected.tolerance);
    expect(Math.abs(r.orderQuantity - expected.Q)).toBeLessThan(expected.tolerance);
    expect(r.cost).toBeCloseTo(rqCostOf(r.reorderPoint, r.orderQuantity, ltd, inst.demandRate, inst.orderCost, inst.holdingCost, inst.stockoutCost), 12);
  });

  it("Example 5.1: the exact optimum costs 78.07 and no approximation beats it", () => {
    const exact = rqPolicy({ ...inst, method: "exact" });
    expect(exact.cost).toBeCloseTo(78.07, 2);
    for (const m of ["eoq_ss", "eil", "loss"] as const) expect(rqPolicy({ ...inst, method: m }).cost).toBeGreaterThanOrEqual(exact.cost - 1e-9);
  });

  it("exact beats every approximation on random instances", () => {
    fc.assert(
      fc.property(
        fc.record({
          demandRate: fc.double({ min: 10, max: 5000, noNaN: true }),
          demandSd: fc.double({ min: 0, max: 500, noNaN: true }),
          leadTime: fc.double({ min: 0.01, max: 1, noNaN: true }),
          orderCost: fc.double({ min: 1, max: 200, noNaN: true }),
          holdingCost: fc.double({ min: 0.05, max: 5, noNaN: true }),
          stockoutCost: fc.double({ min: 1, max: 50, noNaN: true }),
        }),
        (x) => {
          const exact = rqPolicy({ ...x, method: "exact" }).cost;
          for (const m of ["eoq_ss", "loss"] as const) expect(rqPolicy({ ...x, method: m }).cost).toBeGreaterThanOrEqual(exact - 1e-7 * exact);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("refuses a fixed cost of 0 and an unknown method", () => {
    expect(() => rqPolicy({ ...inst, orderCost: 0 })).toThrow("orderCost: must be > 0, got 0");
    expect(() => rqPolicy({ ...inst, method: "best" as "exact" })).toThrow(DomainError);
  });
});
