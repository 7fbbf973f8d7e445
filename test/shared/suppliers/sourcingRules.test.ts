import fc from "fast-check";
import { sourcingRules, type SourcingLine } from "../../../shared/src/suppliers";
import { DomainError } from "../../../shared/src/errors";

const segments = [
  { segment: "Key", criticality: 0.9 },
  { segment: "Core", criticality: 0.5 },
  { segment: "Tail", criticality: 0.1 },
];

const lines: SourcingLine[] = [
  // Key × high risk, single-sourced: strategic; exposure 0.8 × 0.9 = 0.72 → dual source and buffer.
  { item: "i1", supplier: "S1", segment: "Key", annualSpend: 400_000, annualVolume: 20_000, supplyRisk: 0.8, abcClass: "A", xyzClass: "X", supplierScore: 55 },
  // Key × low risk: leverage; exposure 0.2 × 0.9 = 0.18 → neither flag; AX with volume → VMI.
  { item: "i2", supplier: "S2", segment: "Key", annualSpend: 300_000, annualVolume: 50_000, supplyRisk: 0.2, abcClass: "A", xyzClass: "X", supplierScore: 85 },
  // Tail × high risk: bottleneck; exposure 0.9 × 0.1 = 0.09 → no flag; CZ → no VMI.
  { item: "i3", supplier: "S3", segment: "Tail", annualSpend: 5_000, supplyRisk: 0.9, abcClass: "C", xyzClass: "Z", supplierScore: 40 },
  // Core (criticality 0.5 = the impact threshold: high) × risk 0.5 with two suppliers: strategic; exposure 0.25 → buffer, no dual sourcing (already two).
  { item: "i4", supplier: "S1", segment: "Core", annualSpend: 100_000, supplyRisk: 0.5, qualifiedSuppliers: 2, supplierScore: 55 },
  // Tail × low risk: non-critical.
  { item: "i5", supplier: "S4", segment: "Tail", annualSpend: 2_000, supplyRisk: 0.1 },
];

const approvalRules = [
  { segment: "Key", minSupplyRisk: 0.5, approvalLimit: 10_000, approver: "category director" },
  { segment: "Key", approvalLimit: 25_000, approver: "category manager" },
  { segment: "*", minAnnualSpend: 50_000, approvalLimit: 50_000, approver: "buyer lead" },
];

describe("sourcingRules: a hand-checked policy table", () => {
  const plan = sourcingRules(lines, segments, { approvalRules });

  it("places each line on the Kraljic matrix (impact = segment criticality ≥ 0.5, risk ≥ 0.5) and assigns the buyer", () => {
    expect(plan.lines.map((l) => [l.item, l.quadrant, l.buyer])).toEqual([
      ["i1", "strategic", "strategic"],
      ["i2", "leverage", "transactional"],
      ["i3", "bottleneck", "strategic"],
      ["i4", "strategic", "strategic"],
      ["i5", "non-critical", "transactional"],
    ]);
  });

  it("flags dual sourcing (single-sourced, exposure ≥ 0.3), strategic buffers (exposure ≥ 0.2) and VMI (AX/BX)", () => {
    expect(plan.lines.map((l) => [l.item, +l.exposure.toFixed(4), l.dualSourcing, l.strategicBuffer, l.vmi])).toEqual([
      ["i1", 0.72, true, true, true],
      ["i2", 0.18, false, false, true],
      ["i3", 0.09, false, false, false],
      ["i4", 0.25, false, true, false],
      ["i5", 0.01, false, false, false],
    ]);
  });

  it("takes the approval limit from the first matching row", () => {
    expect(plan.lines.map((l) => [l.item, l.approvalLimit, l.approver, l.approvalRule])).toEqual([
      ["i1", 10_000, "category director", 0],
      ["i2", 25_000, "category manager", 1],
      ["i3", null, null, null],
      ["i4", 50_000, "buyer lead", 2],
      ["i5", null, null, null],
    ]);
  });

  it("shortlists weak suppliers of high-impact segments: S1 (score 55, all spend in Key and Core), not S3 (weak but Tail)", () => {
    expect(plan.developmentShortlist).toEqual([{ supplier: "S1", score: 55, spend: 500_000, highImpactSpend: 500_000, highImpactShare: 1 }]);
  });
});

describe("sourcingRules: properties", () => {
  const line = fc.record({
    supplyRisk: fc.double({ min: 0, max: 1, noNaN: true }),
    segment: fc.constantFrom("Key", "Core", "Tail"),
    qualifiedSuppliers: fc.integer({ min: 1, max: 3 }),
  });
  it("more supply risk never removes a dual-sourcing or buffer flag, nor moves a line from high to low risk", () => {
    fc.assert(
      fc.property(line, fc.double({ min: 0, max: 1, noNaN: true }), (l, extra) => {
        const base = { item: "x", supplier: "s", annualSpend: 1, ...l };
        const riskier = { ...base, supplyRisk: Math.min(1, l.supplyRisk + extra) };
        const [a, b] = [base, riskier].map((x) => sourcingRules([x], segments).lines[0]);
        if (a.dualSourcing) expect(b.dualSourcing).toBe(true);
        if (a.strategicBuffer) expect(b.strategicBuffer).toBe(true);
        if (a.quadrant === "strategic" || a.quadrant === "bottleneck") expect(["strategic", "bottleneck"]).toContain(b.quadrant);
      }),
    );
  });
});

describe("sourcingRules: bad input", () => {
  const bad = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof DomainError) return [e.field, e.kind];
      throw e;
    }
    throw new Error("expected a DomainError");
  };
  it("names the field and row", () => {
    expect(bad(() => sourcingRules([{ ...lines[0], supplyRisk: 1.2 }], segments))).toEqual(["lines[0].supplyRisk", "out_of_range"]);
    expect(bad(() => sourcingRules([{ ...lines[0], annualSpend: -1 }], segments))).toEqual(["lines[0].annualSpend", "out_of_range"]);
    expect(bad(() => sourcingRules([lines[0], lines[0]], segments))).toEqual(["lines[1]", "invalid"]);
    expect(bad(() => sourcingRules([{ ...lines[0], segment: "Gold" }], segments))).toEqual(["lines[0].segment", "missing"]);
    expect(bad(() => sourcingRules([lines[0], { ...lines[3], supplierScore: 70 }], segments))).toEqual(["lines[1].supplierScore", "invalid"]);
    expect(bad(() => sourcingRules(lines, [...segments, { segment: "Key", criticality: 0.2 }]))).toEqual(["segments[3].segment", "invalid"]);
    expect(bad(() => sourcingRules(lines, segments, { approvalRules: [{ approvalLimit: 1, approver: "" }] }))).toEqual(["policy.approvalRules[0].approver", "invalid"]);
    expect(bad(() => sourcingRules(lines, segments, { riskThreshold: Number.NaN }))).toEqual(["policy.riskThreshold", "invalid"]);
  });
});
