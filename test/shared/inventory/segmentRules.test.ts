/**
 * Segment rules: push vs pull (P:D ratio and CoV), inventory turns and days of
 * supply against target, aging/obsolescence with ranked actions. These are
 * rules rather than published examples: every expected value is computed by
 * hand from the rule (said so in each test), plus properties.
 */
import fc from "fast-check";
import { agingRisk, defaultAgingRules, inventoryTurns, pushPull, type AgingItem } from "../../../shared/src/inventory";
import { expectDomainError } from "../../helpers/domainErrors";

describe("pushPull", () => {
  // Hand-computed from the rule: A P:D = 10/14 ≤ 1 → pull; B 20/5 = 4 > 1, CoV 0.3 ≤ 0.5 → push, stock covers 15;
  // C 20/5 = 4, CoV 1.2 > 0.5 → push-pull, stock covers 15, the last 5 pulled; D P = D → pull; E D = 0 → P:D ∞.
  it("classifies by P:D, then by CoV", () => {
    const out = pushPull([
      { id: "A", demandCv: 0.9, leadTime: 10, toleratedLeadTime: 14 },
      { id: "B", demandCv: 0.3, leadTime: 20, toleratedLeadTime: 5 },
      { id: "C", demandCv: 1.2, leadTime: 20, toleratedLeadTime: 5 },
      { id: "D", demandCv: 2, leadTime: 7, toleratedLeadTime: 7 },
      { id: 5, demandCv: 0.1, leadTime: 3, toleratedLeadTime: 0 },
    ]);
    expect(out.map((o) => [o.id, o.strategy, o.supplyMode, o.stockedLeadTime])).toEqual([
      ["A", "pull", "pull", 0],
      ["B", "push", "push", 15],
      ["C", "push_pull", "push", 15],
      ["D", "pull", "pull", 0],
      ["5", "push", "push", 3],
    ]);
    expect(out[0].pdRatio).toBeCloseTo(10 / 14, 15);
    expect(out[4].pdRatio).toBe(Infinity);
    expect(out[2].reason).toContain("pull the last 5");
  });

  it("moves the CoV boundary with cvCutoff", () => {
    const item = { id: "C", demandCv: 1.2, leadTime: 20, toleratedLeadTime: 5 };
    expect(pushPull([item], { cvCutoff: 1.5 })[0].strategy).toBe("push");
  });

  it("pulls exactly when P ≤ D, and more tolerance never turns pull into push", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (demandCv, leadTime, toleratedLeadTime, extra) => {
          const [a] = pushPull([{ id: 1, demandCv, leadTime, toleratedLeadTime }]);
          const [b] = pushPull([{ id: 1, demandCv, leadTime, toleratedLeadTime: toleratedLeadTime + extra }]);
          expect(a.supplyMode === "pull").toBe(leadTime <= toleratedLeadTime);
          expect(a.stockedLeadTime).toBe(Math.max(0, leadTime - toleratedLeadTime));
          if (a.supplyMode === "pull") expect(b.supplyMode).toBe("pull");
        },
      ),
    );
  });

  it.each<[unknown, string, string]>([
    [
      [
        { id: "A", demandCv: 0.1, leadTime: 1, toleratedLeadTime: 1 },
        { id: "B", demandCv: 0.1, leadTime: 1, toleratedLeadTime: -2 },
      ],
      "items[1].toleratedLeadTime",
      "out_of_range",
    ],
    [[{ id: "A", demandCv: "high", leadTime: 1, toleratedLeadTime: 1 }], "items[0].demandCv", "invalid"],
    [
      [
        { id: "A", demandCv: 0.1, leadTime: 1, toleratedLeadTime: 1 },
        { id: "A", demandCv: 0.1, leadTime: 1, toleratedLeadTime: 1 },
      ],
      "items[1].id",
      "invalid",
    ],
    [[{ id: " ", demandCv: 0.1, leadTime: 1, toleratedLeadTime: 1 }], "items[0].id", "invalid"],
    [[{ id: "A", demandCv: 0.1, toleratedLeadTime: 1 }], "items[0].leadTime", "missing"],
    [[], "items", "invalid"],
  ])("bad input %# → DomainError naming %s", (items, field, kind) => {
    expectDomainError(() => pushPull(items as Parameters<typeof pushPull>[0]), field, kind);
  });

  it("refuses a cut-off ≤ 0", () => {
    expectDomainError(() => pushPull([{ id: "A", demandCv: 0.1, leadTime: 1, toleratedLeadTime: 1 }], { cvCutoff: 0 }), "cvCutoff", "out_of_range");
  });
});

describe("inventoryTurns", () => {
  // Hand-computed: A turns 1200/200 = 6 < 8·0.9 → below target; days of supply 200/(1200/365) = 60.83 vs 365/8 = 45.625.
  // B 1000/125 = 8 = target → on target; C 1200/100 = 12 > 8·1.1 → above; D no inventory; E no demand: turns 0, DOS null.
  it("turns, days of supply and status against the target", () => {
    const out = inventoryTurns([
      { id: "A", annualDemand: 1200, averageInventory: 200, targetTurns: 8 },
      { id: "B", annualDemand: 1000, averageInventory: 125, targetTurns: 8 },
      { id: "C", annualDemand: 1200, averageInventory: 100, targetTurns: 8 },
      { id: "D", annualDemand: 500, averageInventory: 0, targetTurns: 8 },
      { id: "E", annualDemand: 0, averageInventory: 50, targetTurns: 4 },
    ]);
    expect(out.map((o) => o.status)).toEqual(["below_target", "on_target", "above_target", "no_inventory", "below_target"]);
    expect(out[0].turns).toBe(6);
    expect(out[0].daysOfSupply).toBeCloseTo(200 / (1200 / 365), 12);
    expect(out[0].targetDaysOfSupply).toBe(45.625);
    expect(out[0].excessDaysOfSupply).toBeCloseTo(200 / (1200 / 365) - 45.625, 12);
    expect(out[3]).toMatchObject({ turns: null, daysOfSupply: 0 });
    expect(out[4]).toMatchObject({ turns: 0, daysOfSupply: null, excessDaysOfSupply: null });
  });

  // Hand-computed: 250 working days, on hand 40 of 1000/year → 40/(1000/250) = 10 days; target 250/10 = 25.
  it("uses the current stock and the working-day year when given", () => {
    const [r] = inventoryTurns([{ id: "A", annualDemand: 1000, averageInventory: 100, onHand: 40, targetTurns: 10 }], { daysPerYear: 250, tolerance: 0 });
    expect(r).toMatchObject({ turns: 10, daysOfSupply: 10, targetDaysOfSupply: 25, excessDaysOfSupply: -15, status: "on_target" });
  });

  it("turns × days of supply = days per year on the average inventory", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 1e5, noNaN: true }), fc.double({ min: 0.5, max: 50, noNaN: true }), (annualDemand, averageInventory, targetTurns) => {
        const [r] = inventoryTurns([{ id: "x", annualDemand, averageInventory, targetTurns }]);
        expect(r.turns! * r.daysOfSupply!).toBeCloseTo(365, 8);
        expect(r.status === "below_target").toBe(r.turns! < targetTurns * 0.9);
      }),
    );
  });

  it("names the field and row of bad input", () => {
    expectDomainError(() => inventoryTurns([{ id: "A", annualDemand: 1, averageInventory: 1, targetTurns: 0 }]), "items[0].targetTurns", "out_of_range");
    expectDomainError(
      () =>
        inventoryTurns([
          { id: "A", annualDemand: 1, averageInventory: 1, targetTurns: 2 },
          { id: "B", annualDemand: 1, averageInventory: Number.NaN, targetTurns: 2 },
        ]),
      "items[1].averageInventory",
      "invalid",
    );
    expectDomainError(() => inventoryTurns([{ id: "A", annualDemand: 1, averageInventory: 1, targetTurns: 2 }], { tolerance: 1 }), "tolerance", "out_of_range");
  });
});

describe("agingRisk", () => {
  const items: AgingItem[] = [
    // 300 / 10 a month = 30 months > 12: excess 300 − 120 = 180 units, still selling.
    { id: "excess", onHand: 300, demand: [10, 20, 0, 10], unitCost: 2 },
    // 5 sold in 9 months: 50/(5/9) = 90 months of supply > 12 (stop, promote); 8 trailing months without
    // demand ≥ 6 and returnable (return); 8 < 2·6 so no write-down.
    { id: "dormant", onHand: 50, demand: [5, 0, 0, 0, 0, 0, 0, 0, 0], unitCost: 10, returnable: true },
    // 12 months without any demand: infinite months of supply, all 40 units excess.
    { id: "dead", onHand: 40, demand: Array(12).fill(0), unitCost: 1 },
    // 3 months of supply, healthy.
    { id: "fine", onHand: 30, demand: [10, 10, 10], unitCost: 5 },
    // no stock: no risk even without demand.
    { id: "empty", onHand: 0, demand: [0, 0, 0, 0, 0, 0, 0] },
  ];

  // Hand-computed from the default rules (threshold 12 months, 6 periods): see each item's comment.
  it("applies the default ranked rules", () => {
    const out = agingRisk(items);
    expect(out.map((o) => [o.id, o.actions])).toEqual([
      ["excess", ["stop_replenishment", "promote"]],
      ["dormant", ["stop_replenishment", "promote", "return_to_supplier"]],
      ["dead", ["stop_replenishment", "promote", "write_down"]],
      ["fine", []],
      ["empty", []],
    ]);
    expect(out[0]).toMatchObject({ monthlyDemand: 10, monthsOfSupply: 30, excessUnits: 180, excessValue: 360, excess: true, dormant: false });
    expect(out[1]).toMatchObject({ periodsWithoutDemand: 8, dormant: true });
    expect(out[1].monthsOfSupply).toBeCloseTo(50 / (5 / 9), 12);
    expect(out[2]).toMatchObject({ monthsOfSupply: null, excessUnits: 40, periodsWithoutDemand: 12 });
    // By excess value: excess 360, dormant (50 − 12·5/9 = 43.33 units × 10 = 433.3), dead 40, then fine and empty by dormancy and id.
    expect(out.map((o) => [o.id, o.rank])).toEqual([
      ["excess", 2],
      ["dormant", 1],
      ["dead", 3],
      ["fine", 5],
      ["empty", 4],
    ]);
  });

  // Hand-computed: weekly buckets, 52/12 periods a month; 4 a week = 17.33 a month, 100 on hand = 5.77 months > 3.
  it("takes custom thresholds, buckets and rules", () => {
    const [r] = agingRisk([{ id: "w", onHand: 100, demand: [4, 4, 4, 4] }], {
      periodsPerMonth: 52 / 12,
      monthsOfSupplyThreshold: 3,
      rules: [
        { action: "transfer", monthsOfSupplyAbove: 5 },
        { action: "scrap", monthsOfSupplyAbove: 10 },
      ],
    });
    expect(r.monthsOfSupply).toBeCloseTo(100 / ((4 * 52) / 12), 12);
    expect(r.actions).toEqual(["transfer"]);
    expect(defaultAgingRules(12, 6).map((x) => x.action)).toEqual(["stop_replenishment", "stop_replenishment", "promote", "return_to_supplier", "write_down"]);
  });

  it("ranks 1…n, never calls more than the stock excess, and acts only on stock", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            onHand: fc.double({ min: 0, max: 1000, noNaN: true }),
            demand: fc.array(fc.constantFrom(0, 0, 1, 5, 20), { minLength: 1, maxLength: 24 }),
            unitCost: fc.double({ min: 0, max: 50, noNaN: true }),
            returnable: fc.boolean(),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (rows) => {
          const out = agingRisk(rows.map((r, i) => ({ id: `i${i}`, ...r })));
          expect(out.map((o) => o.rank).sort((a, b) => a - b)).toEqual(out.map((_, i) => i + 1));
          out.forEach((o, i) => {
            expect(o.excessUnits).toBeGreaterThanOrEqual(0);
            expect(o.excessUnits).toBeLessThanOrEqual(rows[i].onHand + 1e-9);
            if (rows[i].onHand === 0) expect(o.actions).toEqual([]);
          });
          const byRank = [...out].sort((a, b) => a.rank - b.rank);
          for (let k = 1; k < byRank.length; k++) expect(byRank[k].excessValue).toBeLessThanOrEqual(byRank[k - 1].excessValue);
        },
      ),
    );
  });

  it("names the field and row of bad input", () => {
    expectDomainError(() => agingRisk([{ id: "A", onHand: 1, demand: [1, 2, -3] }]), "items[0].demand[2]", "out_of_range");
    expectDomainError(
      () =>
        agingRisk([
          { id: "A", onHand: 1, demand: [1] },
          { id: "B", onHand: -1, demand: [1] },
        ]),
      "items[1].onHand",
      "out_of_range",
    );
    expectDomainError(() => agingRisk([{ id: "A", onHand: 1, demand: [] }]), "items[0].demand", "invalid");
    expectDomainError(() => agingRisk([{ id: "A", onHand: 1, demand: [1] }], { rules: [{ action: "scrap" }] }), "rules[0]", "invalid");
    expectDomainError(() => agingRisk([{ id: "A", onHand: 1, demand: [1] }], { noDemandPeriods: 2.5 }), "noDemandPeriods", "invalid");
  });
});
