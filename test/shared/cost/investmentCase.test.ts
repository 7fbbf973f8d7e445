/**
 * Investment cases for cost-to-serve proposals, checked by hand and against
 * a published capital-budgeting problem.
 *
 * Automation, by hand: "order handling" at 12 a order; the change removes 60 %
 * of the orders of segment A (10,000 a year) and B (5,000): 6,000 and 3,000
 * orders, saving 72,000 and 36,000 a year, 108,000 in all; the software adds
 * 18,000 a year → net 90,000. One-off 225,000, 8 %, 5 years:
 *   payback = 225,000 / 90,000 = 2.5 years;
 *   annuity factor (1 − 1.08⁻⁵) / 0.08 = 3.992710 → NPV = 90,000 × 3.992710 − 225,000 = 134,343.90.
 *   −20 % volume: 86,400 − 18,000 = 68,400 → NPV 48,101.37, payback 3.289 years;
 *   +20 %: 129,600 − 18,000 = 111,600 → NPV 220,586.44, payback 2.016 years.
 *
 * Published: Shim & Siegel, *Schaum's Outline of Financial Management*, ch. 8
 * (capital budgeting), solved problem: cash flows −31,000, 10,000, 20,000,
 * 10,000, 10,000, 5,000 → payback 2.1 years, NPV at 14 % = 8,430 with the
 * book's four-digit present-value factors.
 */
import fc from "fast-check";
import { investmentCase, npv, paybackYears, type InvestmentCaseInput } from "../../../shared/src/cost";
import { DomainError } from "../../../shared/src/errors";

const automation = (over: Partial<InvestmentCaseInput> = {}): InvestmentCaseInput => ({
  proposal: {
    kind: "automation",
    activity: "order handling",
    rate: 12,
    shareRemoved: 0.6,
    segments: [
      { segment: "A", yearlyVolume: 10_000 },
      { segment: "B", yearlyVolume: 5_000 },
    ],
  },
  oneOffCost: 225_000,
  yearlyRunningCost: 18_000,
  discountRate: 0.08,
  horizonYears: 5,
  ...over,
});

const errorOf = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError");
};

describe("npv and payback on a published problem", () => {
  const flows = [-31_000, 10_000, 20_000, 10_000, 10_000, 5_000];
  it("matches Schaum's NPV at 14 % to the book's rounding and its 2.1-year payback", () => {
    expect(Math.abs(npv(0.14, flows) - 8_430)).toBeLessThan(5);
    expect(paybackYears(flows)).toBeCloseTo(2.1, 10);
  });
  it("says never when the flows do not repay the outlay", () => {
    expect(paybackYears([-100, 30, 30, 30])).toBe("never");
    expect(npv(0.1, [-100, 110])).toBeCloseTo(0, 10);
  });
});

describe("investment case of an automation", () => {
  it("prices the removed driver volume at the activity rate, per segment, with NPV, payback and the ±20 % rows", () => {
    const c = investmentCase(automation());
    expect(c.segments).toEqual([
      { segment: "A", volumeRemoved: 6_000, yearlySaving: 72_000 },
      { segment: "B", volumeRemoved: 3_000, yearlySaving: 36_000 },
    ]);
    expect([c.yearlySaving, c.netYearlySaving]).toEqual([108_000, 90_000]);
    expect(c.cashFlows).toEqual([-225_000, 90_000, 90_000, 90_000, 90_000, 90_000]);
    expect(c.npv).toBeCloseTo(134_343.9, 1);
    expect(c.paybackYears).toBe(2.5);
    expect(c.paysBackWithinHorizon).toBe(true);
    expect(c.sensitivity.map((s) => [s.volumeChange, +s.netYearlySaving.toFixed(6), +s.npv.toFixed(2), +(s.paybackYears as number).toFixed(3)])).toEqual([
      [-0.2, 68_400, 48_101.37, 3.289],
      [0, 90_000, 134_343.9, 2.5],
      [0.2, 111_600, 220_586.44, 2.016],
    ]);
  });

  it("never pays back when the running cost eats the saving", () => {
    const c = investmentCase(automation({ yearlyRunningCost: 108_000 }));
    expect([c.netYearlySaving, c.paybackYears, c.paysBackWithinHorizon]).toEqual([0, "never", false]);
    expect(c.npv).toBe(-225_000);
  });
});

describe("investment case of a network change", () => {
  it("scales the transport and handling saving with volume, not the fixed cost", () => {
    const c = investmentCase({
      proposal: {
        kind: "network",
        segments: [
          { segment: "A", currentVariableCost: 100_000, chosenVariableCost: 80_000, currentFixedCost: 50_000, chosenFixedCost: 40_000 },
          // farther from its DC in the chosen network: dearer to ship, cheaper to house
          { segment: "B", currentVariableCost: 40_000, chosenVariableCost: 45_000, currentFixedCost: 20_000, chosenFixedCost: 10_000 },
        ],
      },
      oneOffCost: 70_000,
      discountRate: 0.1,
      horizonYears: 3,
    });
    expect(c.segments.map((s) => [s.segment, s.yearlySaving])).toEqual([
      ["A", 30_000],
      ["B", 5_000],
    ]);
    expect(c.paybackYears).toBe(2);
    // 35,000 × (1/1.1 + 1/1.21 + 1/1.331) − 70,000 = 35,000 × 2.486852 − 70,000
    expect(c.npv).toBeCloseTo(17_039.82, 1);
    // +20 %: A 24,000 + 10,000, B −6,000 + 10,000
    expect(c.sensitivity[2].netYearlySaving).toBeCloseTo(38_000, 6);
  });
});

describe("properties", () => {
  const caseArb = fc.record({
    volumes: fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 5 }),
    rate: fc.double({ min: 0, max: 100, noNaN: true }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    oneOff: fc.double({ min: 0, max: 1e7, noNaN: true }),
    running: fc.double({ min: 0, max: 1e5, noNaN: true }),
    horizon: fc.integer({ min: 1, max: 30 }),
  });
  const build = (a: { volumes: number[]; rate: number; share: number; oneOff: number; running: number; horizon: number }, discountRate: number) =>
    investmentCase({
      proposal: { kind: "automation", activity: "picking", rate: a.rate, shareRemoved: a.share, segments: a.volumes.map((v, i) => ({ segment: `S${i}`, yearlyVolume: v })) },
      oneOffCost: a.oneOff,
      yearlyRunningCost: a.running,
      discountRate,
      horizonYears: a.horizon,
    });

  it("NPV falls as the discount rate rises when the savings are positive", () => {
    fc.assert(
      fc.property(caseArb, fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), (a, r, step) => {
        const low = build(a, r);
        const high = build(a, Math.min(1, r + step));
        if (low.netYearlySaving > 0) expect(high.npv).toBeLessThanOrEqual(low.npv + 1e-9 * Math.abs(low.npv));
      }),
    );
  });

  it("+20 % volume never lowers a positive segment saving, and payback × saving = one-off cost", () => {
    fc.assert(
      fc.property(caseArb, (a) => {
        const c = build(a, 0.08);
        expect(c.sensitivity[2].netYearlySaving).toBeGreaterThanOrEqual(c.netYearlySaving);
        if (c.paybackYears !== "never") expect(c.paybackYears * c.netYearlySaving).toBeCloseTo(c.oneOffCost, 6 - Math.ceil(Math.log10(Math.max(1, c.oneOffCost))));
        else expect(c.oneOffCost > 0 && (c.netYearlySaving <= 0 || !Number.isFinite(c.oneOffCost / c.netYearlySaving))).toBe(true);
      }),
    );
  });
});

describe("bad input", () => {
  it("names the field and row", () => {
    const bad = automation();
    (bad.proposal as { segments: Array<{ segment: string; yearlyVolume: unknown }> }).segments[1].yearlyVolume = -5;
    expect(errorOf(() => investmentCase(bad)).field).toBe("proposal.segments[1].yearlyVolume");
    expect(errorOf(() => investmentCase(automation({ discountRate: Number.NaN }))).field).toBe("discountRate");
    expect(errorOf(() => investmentCase(automation({ horizonYears: 2.5 }))).field).toBe("horizonYears");
    expect(errorOf(() => investmentCase({ ...automation(), proposal: { kind: "automation", activity: "x", rate: 1, shareRemoved: 1.5, segments: [{ segment: "A", yearlyVolume: 1 }] } })).field).toBe(
      "proposal.shareRemoved",
    );
    const twice = errorOf(() =>
      investmentCase({
        ...automation(),
        proposal: {
          kind: "automation",
          activity: "x",
          rate: 1,
          shareRemoved: 0.5,
          segments: [
            { segment: "A", yearlyVolume: 1 },
            { segment: "A", yearlyVolume: 2 },
          ],
        },
      }),
    );
    expect(twice.field).toBe("proposal.segments[1].segment");
    expect(errorOf(() => investmentCase({ ...automation(), proposal: { kind: "lease" } as never })).field).toMatch(/^proposal/);
  });
});
