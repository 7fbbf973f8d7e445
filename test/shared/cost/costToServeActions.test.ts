import fc from "fast-check";
import { costToServeActions, segmentPnl, transferChargesBySegment, transferPrices } from "../../../shared/src/cost";
import { fieldAndKind } from "../../helpers/domainErrors";
import spring from "../../fixtures/cost/spring_distribution.json";

const bad = fieldAndKind;

// Spring Distribution (Horngren, Datar & Rajan, customer-profitability problem; see the fixture's
// source): revenue and customer-level costs per activity as derived in the fixture. The segments
// (P and T small, Q, R and S large) and the 8 % target are ours for the test.
const activities = spring.inputs.activities;
const springCustomers = spring.inputs.customers.map((c) => {
  const id = c.id as keyof typeof spring.expected.revenue;
  return {
    id,
    segment: id === "P" || id === "T" ? "Small" : "Large",
    revenue: spring.expected.revenue[id],
    costToServe: spring.expected.customer_level_costs[id],
    orders: c.purchase_orders,
    activityCosts: Object.fromEntries(activities.map((a, j) => [a, spring.expected.customer_level_costs_by_activity[id][j]])),
  };
});
const rules = [
  { when: [{ metric: "share:expedited deliveries", min: 0.04 }], lever: "surcharge pass-through" as const },
  { when: [{ metric: "averageOrderValue", max: 2500 }], lever: "minimum order size" as const },
];

describe("costToServeActions on Spring Distribution (hand-checked)", () => {
  const r = costToServeActions(springCustomers, rules, [], 0.08);

  it("flags P (2,980 / 29,952 = 9.95 %) and T (7,090 / 50,544 = 14.03 %) above an 8 % target", () => {
    expect(r.customers.map((c) => [c.id, c.overTarget])).toEqual([
      ["P", true],
      ["Q", false],
      ["R", false],
      ["S", false],
      ["T", true],
    ]);
    expect(r.customers[0].ctsPct).toBeCloseTo(2980 / 29952, 12);
    // excess = CTS − 8 % × revenue: P 2,980 − 2,396.16 = 583.84; T 7,090 − 4,043.52 = 3,046.48.
    expect(r.customers[0].excess).toBeCloseTo(583.84, 9);
    expect(r.customers[4].excess).toBeCloseTo(3046.48, 9);
  });

  it("picks the lever by the first matching rule: T's expedited deliveries (300 / 7,090 = 4.2 %) → surcharge; P's $1,996.80 orders → minimum order size", () => {
    expect(r.customers.map((c) => [c.id, c.lever, c.rule])).toEqual([
      ["P", "minimum order size", 1],
      ["Q", null, null],
      ["R", null, null],
      ["S", null, null],
      ["T", "surcharge pass-through", 0],
    ]);
  });

  it("rolls up by segment: Small 10,070 / 80,496 = 12.5 % over target, Large 60,795 / 1,369,116 = 4.4 % within", () => {
    expect(r.segments.map((s) => [s.segment, s.costToServe, s.revenue, s.overTarget, s.customersOverTarget])).toEqual([
      ["Small", 10070, 80496, true, 2],
      ["Large", 60795, 1369116, false, 0],
    ]);
    expect(r.segments[0].excess).toBeCloseTo(10070 - 0.08 * 80496, 9);
  });

  it("sends a customer over target that no rule covers to review, and per-segment targets override the default", () => {
    const s = costToServeActions(springCustomers, [rules[0]], [{ segment: "Small", maxCtsPct: 0.12 }], 0.05);
    expect(s.customers.map((c) => [c.id, c.lever])).toEqual([
      ["P", null],
      ["Q", "review"],
      ["R", null],
      ["S", null],
      ["T", "surcharge pass-through"],
    ]);
  });
});

describe("costToServeActions: properties", () => {
  it("a customer is flagged exactly when CTS > target × revenue, and the excess brings it back to the target", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ revenue: fc.integer({ min: 1, max: 1e6 }), costToServe: fc.integer({ min: 0, max: 2e5 }) }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (rows, target) => {
          const r = costToServeActions(
            rows.map((x, i) => ({ ...x, id: i, segment: "S" })),
            [],
            [],
            target,
          );
          r.customers.forEach((c, i) => {
            expect(c.overTarget).toBe(rows[i].costToServe > target * rows[i].revenue);
            if (c.overTarget) expect((c.costToServe - c.excess) / c.revenue).toBeCloseTo(target, 9);
            else expect(c.excess).toBe(0);
          });
        },
      ),
    );
  });
});

describe("costToServeActions: bad input", () => {
  it("names the field and row", () => {
    expect(bad(() => costToServeActions([{ ...springCustomers[0], revenue: -1 }], rules, [], 0.08))).toEqual(["customers[0].revenue", "out_of_range"]);
    expect(bad(() => costToServeActions(springCustomers, rules, []))).toEqual(["customers[0].segment", "missing"]);
    expect(bad(() => costToServeActions([springCustomers[0], springCustomers[0]], rules, [], 0.08))).toEqual(["customers.id[1]", "invalid"]);
    expect(bad(() => costToServeActions(springCustomers, [{ when: [{ metric: "margin" }], lever: "service fee" }], [], 0.08))).toEqual(["rules[0].when[0].metric", "invalid"]);
    expect(bad(() => costToServeActions(springCustomers, [{ lever: "discount" as "service fee" }], [], 0.08))).toEqual(["rules[0].lever", "invalid"]);
    expect(
      bad(() =>
        costToServeActions(
          springCustomers,
          rules,
          [
            { segment: "Small", maxCtsPct: 0.1 },
            { segment: "Small", maxCtsPct: 0.2 },
          ],
          0.08,
        ),
      ),
    ).toEqual(["targets[1].segment", "invalid"]);
  });
});

describe("transferPrices (hand-checked)", () => {
  it("adds the segment's logistics and the carrying cost of its inventory to the unit cost, then the markup", () => {
    // A: carrying 100 × 0.2 × 73 / 365 = 4; base 100 + 6 + 4 = 110; × 1.1 = 121.
    // C: carrying 100 × 0.2 × 18.25 / 365 = 1; base 100 + 2 + 1 = 103; × 1.1 = 113.3, capped at the market 112.
    const r = transferPrices(
      [
        { item: "P1", segment: "A", unitCost: 100, logisticsCostPerUnit: 6, daysOfInventory: 73 },
        { item: "P2", segment: "C", unitCost: 100, logisticsCostPerUnit: 2, daysOfInventory: 18.25 },
      ],
      { carryingRate: 0.2, markup: 0.1, marketPrices: { P2: 112 } },
    );
    expect(r.map((t) => [t.item, +t.carryingCostPerUnit.toFixed(10), +t.costBase.toFixed(10), +t.price.toFixed(10), t.cappedAtMarket])).toEqual([
      ["P1", 4, 110, 121, false],
      ["P2", 1, 103, 112, true],
    ]);
  });

  it("property: the price never falls below the cost base unless the market caps it, and rises with days of inventory", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 365 }), fc.integer({ min: 0, max: 365 }), (cost, logistics, d1, d2) => {
        const [a, b] = transferPrices(
          [
            { item: "x", segment: "A", unitCost: cost, logisticsCostPerUnit: logistics, daysOfInventory: Math.min(d1, d2) },
            { item: "x", segment: "B", unitCost: cost, logisticsCostPerUnit: logistics, daysOfInventory: Math.max(d1, d2) },
          ],
          { carryingRate: 0.25, markup: 0.05 },
        );
        expect(a.price).toBeGreaterThanOrEqual(a.costBase);
        expect(b.price).toBeGreaterThanOrEqual(a.price);
      }),
    );
  });

  it("names the field and row of bad input", () => {
    const ok = { item: "P1", segment: "A", unitCost: 100, logisticsCostPerUnit: 6, daysOfInventory: 73 };
    expect(bad(() => transferPrices([{ ...ok, daysOfInventory: -1 }], { carryingRate: 0.2 }))).toEqual(["lines[0].daysOfInventory", "out_of_range"]);
    expect(bad(() => transferPrices([ok, ok], { carryingRate: 0.2 }))).toEqual(["lines[1]", "invalid"]);
    expect(bad(() => transferPrices([ok], { carryingRate: Number.NaN }))).toEqual(["policy.carryingRate", "invalid"]);
    expect(bad(() => transferPrices([ok], { carryingRate: 0.2, marketPrices: { P1: -5 } }))).toEqual(["policy.marketPrices.P1", "out_of_range"]);
  });
});

describe("transfer prices in the segment P&L (hand-checked)", () => {
  // The two lines of the example above, with units: A takes 50 of P1, C takes 200 of P2.
  const prices = transferPrices(
    [
      { item: "P1", segment: "A", unitCost: 100, logisticsCostPerUnit: 6, daysOfInventory: 73, quantity: 50 },
      { item: "P2", segment: "C", unitCost: 100, logisticsCostPerUnit: 2, daysOfInventory: 18.25, quantity: 200 },
      { item: "P3", segment: "A", unitCost: 40, logisticsCostPerUnit: 0, daysOfInventory: 0, quantity: 10 },
    ],
    { carryingRate: 0.2, markup: 0.1, marketPrices: { P2: 112 } },
  );

  it("sums carrying and the supplying division's margin per segment; a capped price earns less than the markup", () => {
    // A: carrying 50 × 4 + 10 × 0 = 200; margin 50 × (121 − 110) + 10 × (44 − 40) = 590.
    // C: carrying 200 × 1 = 200; margin 200 × (112 − 103) = 1,800 (the markup would have been 200 × 10.3 = 2,060).
    const charges = transferChargesBySegment(prices).map((c) => [c.segment, c.units, +c.inventoryCarrying.toFixed(9), +c.transferMargin.toFixed(9)]);
    expect(charges).toEqual([
      ["A", 60, 200, 590],
      ["C", 200, 200, 1800],
    ]);
  });

  it("deducts carrying from the company's contribution and shows the selling division's view beside it", () => {
    const pnl = segmentPnl(
      [
        { id: "K1", segment: "A", revenue: 10_000, cogs: 6_000, costToServe: 1_000 },
        { id: "K2", segment: "C", revenue: 30_000, cogs: 20_000, costToServe: 2_500, freight: 500 },
        { id: "K3", segment: "B", revenue: 1_000, cogs: 800 },
      ],
      { transferCharges: transferChargesBySegment(prices) },
    );
    const bySegment = Object.fromEntries(pnl.segments.map((s) => [s.segment, [s.inventoryCarrying, +s.contribution.toFixed(9), +s.transferMargin.toFixed(9), +s.divisionContribution.toFixed(9)]]));
    // A: 10,000 − 6,000 − 1,000 − 200 = 2,800; the selling division paid 590 more: 2,210.
    // C: 30,000 − 20,000 − 2,500 − 500 − 200 = 6,800; less 1,800 → 5,000. B has no transfers.
    expect(bySegment).toEqual({ A: [200, 2800, 590, 2210], C: [200, 6800, 1800, 5000], B: [0, 200, 0, 200] });
    expect([pnl.total.inventoryCarrying, +pnl.total.contribution.toFixed(9), +pnl.total.divisionContribution.toFixed(9)]).toEqual([400, 9800, 7410]);
    // Customers carry neither: the charges are per item × segment.
    expect(pnl.customers.map((c) => c.inventoryCarrying)).toEqual([0, 0, 0]);
  });

  it("names the line without units and a segment the P&L does not have", () => {
    const noUnits = transferPrices([{ item: "P1", segment: "A", unitCost: 1, logisticsCostPerUnit: 0, daysOfInventory: 1 }], { carryingRate: 0.2 });
    expect(bad(() => transferChargesBySegment(noUnits))).toEqual(["prices[0].quantity", "missing"]);
    const other = [{ segment: "Z", inventoryCarrying: 1, transferMargin: 1 }];
    expect(bad(() => segmentPnl([{ id: "K1", segment: "A", revenue: 1, cogs: 0 }], { transferCharges: other }))).toEqual(["transferCharges[0].segment", "invalid"]);
  });
});
