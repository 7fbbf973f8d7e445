/** segmentKpis and kpiBreaches on a two-segment company small enough to compute by hand (derivations in the comments). */
import { DEFAULT_ESCALATION, breachId, kpiBreaches, segmentKpis, segmentPolicies, type KpiValue, type SegmentKpiInputs } from "../../../shared/src/kpi";

const POLICY = {
  segment: "*",
  cycleServiceLevel: 0.9,
  targetFillRate: 0.95,
  promisedLeadTimeDays: 3,
  reviewPeriodDays: 7,
  forecastMethod: "auto",
  inventoryTurnsTarget: 6,
  supplyMode: "pull",
  ownerFunction: "supply chain",
};

/**
 * Products P1 (segment A) and P2 (segment B), one customer C1 buying both:
 * C1×P1 4 lines with 1 split, revenue 200; C1×P2 4 lines, no split, revenue 120.
 * Supplier S1 is on time half the time; C1 changes 1 order in 10 and costs 3 per order, 10 orders.
 */
function company(overrides: Partial<SegmentKpiInputs> = {}): SegmentKpiInputs {
  return {
    dimension: "product",
    assignments: [
      { entityId: "P1", segment: "A" },
      { entityId: "P2", segment: "B" },
    ],
    weeks: 2,
    weeklyUnits: new Map([
      ["P1", Float64Array.of(10, 10)],
      ["P2", Float64Array.of(0, 4)],
    ]),
    pairs: [
      { customerId: "C1", productId: "P1", lines: 4, splits: 1, revenue: 200 },
      { customerId: "C1", productId: "P2", lines: 4, splits: 0, revenue: 120 },
    ],
    products: new Map([
      ["P1", { supplier_id: "S1", unit_cost: 5 }],
      ["P2", { supplier_id: "S1", unit_cost: 5 }],
    ]),
    suppliers: new Map([["S1", { on_time_rate: 0.5, lead_time_mean_days: 7 }]]),
    activity: new Map([["C1", { orders: 10, special_handling: 1 }]]),
    activityRates: { orders: 3 },
    ceilings: { maxCostToServePct: 0.12, maxWape: 0.5 },
    policyOf: segmentPolicies({ version: 1, rows: [POLICY] }),
    ...overrides,
  };
}

const byKpi = (kpis: KpiValue[]): Record<string, KpiValue> => Object.fromEntries(kpis.map((k) => [k.kpi, k]));

describe("segmentKpis", () => {
  it("the five KPIs of each product segment against the policy and the ceilings (by hand)", () => {
    const { segments, forecastHoldoutWeeks } = segmentKpis(company());
    expect(forecastHoldoutWeeks).toBe(0);
    expect(segments.map((s) => [s.segment, s.entities, s.policy?.pattern, s.policyError])).toEqual([
      ["A", ["P1"], "*", null],
      ["B", ["P2"], "*", null],
    ]);
    expect(segments[0].kpis.map((k) => k.kpi)).toEqual(["otif", "fill_rate", "inventory_turns", "cost_to_serve_pct", "forecast_wape", "days_of_supply", "stock_aging", "tracking_signal"]);
    const a = byKpi(segments[0].kpis);
    // A: 1 split → 0.5 supplier late + 0.5 stock-out; (4 − 1)·0.1 = 0.3 changed: OTIF 1 − 1.3/4 = 0.675 < 0.9.
    expect(a.otif).toMatchObject({ value: expect.closeTo(0.675, 12), target: 0.9, status: "breach" });
    expect(a.fill_rate).toMatchObject({ value: 0.75, target: 0.95, status: "breach" });
    // P1: d = 10, σd = 0, R = 1 week: average (10/2)·5 = 25, COGS 10·52·5 = 2,600 → 104 ≥ 6.
    expect(a.inventory_turns).toMatchObject({ value: expect.closeTo(104, 12), target: 6, status: "met" });
    // C1 costs 30; P1 has 4 of its 8 lines: 15 / 200 = 0.075.
    expect(a.cost_to_serve_pct).toMatchObject({ value: 0.075, target: 0.12, status: "met" });
    // Two weeks hold no hold-out.
    expect(a.forecast_wape).toMatchObject({ value: null, status: "no_data", note: "pooled WAPE over a 0-week hold-out" });
    const b = byKpi(segments[1].kpis);
    // B: no split, 4·0.1 = 0.4 changed: OTIF 0.9, not below its target 0.9.
    expect(b.otif).toMatchObject({ value: expect.closeTo(0.9, 12), status: "met" });
    expect(b.fill_rate).toMatchObject({ value: 1, status: "met" });
    // P2: d = 2, σd = √8, z(0.9) = 1.281552: ss = z·√(2·8) = 5.126206, average (1 + 5.126206)·5, COGS 2·52·5 = 520.
    expect(b.inventory_turns.value).toBeCloseTo(520 / ((1 + 1.2815515655446004 * 4) * 5), 9);
    // 15 / 120 = 0.125 > 0.12.
    expect(b.cost_to_serve_pct).toMatchObject({ value: 0.125, status: "breach" });
    expect(segments[1].drivers.cost_to_serve_pct).toEqual({ activities: [{ id: "orders", value: 15, share: 1 }], entities: [{ id: "P2", value: 15, share: 1 }] });
  });

  it("a segment filter reports that segment only", () => {
    expect(segmentKpis(company({ segment: "B" })).segments.map((s) => s.segment)).toEqual(["B"]);
    expect(segmentKpis(company({ segment: "Z" })).segments).toEqual([]);
  });

  it("customer segments: the whole customer's cost, no turns", () => {
    const { segments } = segmentKpis(company({ dimension: "customer", assignments: [{ entityId: "C1", segment: "Key" }], weeklyUnits: new Map([["C1", Float64Array.of(10, 14)]]) }));
    const k = byKpi(segments[0].kpis);
    // OTIF over both pairs: (1.3 + 0.4) missed of 8 lines.
    expect(k.otif.value).toBeCloseTo(1 - 1.7 / 8, 12);
    expect(k.inventory_turns).toMatchObject({ value: null, target: 6, status: "no_data", note: "inventory is held per product, not per customer" });
    // 30 / (200 + 120).
    expect(k.cost_to_serve_pct.value).toBeCloseTo(30 / 320, 12);
    expect(segments[0].drivers.otif!.entities).toEqual([{ id: "C1", value: expect.closeTo(1.7, 12), share: 1 }]);
  });

  it("without a policy table: targets from the ceilings only, the reason stated", () => {
    const { segments } = segmentKpis(company({ policyOf: segmentPolicies({ version: 0, rows: [] }) }));
    expect(segments[0].policyError).toBe("no policy table is stored");
    const k = byKpi(segments[0].kpis);
    expect(k.otif).toMatchObject({ target: null, targetSource: null, status: "no_target" });
    expect(k.inventory_turns.value).toBeNull();
    expect(k.cost_to_serve_pct.target).toBe(0.12);
  });

  it("with a hold-out: the pooled WAPE of the segment's forecasts", () => {
    // 12 flat weeks: a 4-week hold-out forecast at the level, so no error.
    const { segments, forecastHoldoutWeeks } = segmentKpis(company({ weeks: 12, weeklyUnits: new Map([["P1", new Float64Array(12).fill(10)]]) }));
    expect(forecastHoldoutWeeks).toBe(4);
    expect(byKpi(segments[0].kpis).forecast_wape).toMatchObject({ value: expect.closeTo(0, 6), status: "met", note: "pooled WAPE over a 4-week hold-out" });
    // P2 has no series: no forecast, no WAPE.
    expect(byKpi(segments[1].kpis).forecast_wape.value).toBeNull();
  });
});

describe("kpiBreaches", () => {
  it("each breach with its id, owner, escalation and the breached KPI's drivers, largest relative gap first", () => {
    const { segments } = segmentKpis(company());
    const breaches = kpiBreaches("product", segments, DEFAULT_ESCALATION);
    // Relative gaps: A otif 0.225/0.9 = 0.25, A fill 0.2/0.95 = 0.21, B cost 0.005/0.12 = 0.04.
    expect(breaches.map((b) => b.id)).toEqual(["product:A:otif", "product:A:fill_rate", "product:B:cost_to_serve_pct"]);
    expect(breaches[0]).toMatchObject({ dimension: "product", segment: "A", kpi: "otif", owner: "supply chain", direction: "min", gap: expect.closeTo(0.225, 12) });
    expect(breaches[0].escalation.map((l) => l.contact)).toEqual(["supply chain planner", "supply chain manager", "head of supply chain"]);
    expect(breaches[1].drivers).toEqual({ entities: [{ id: "P1", value: 1, share: 1 }] });
  });
  it("a segment without a policy: its breaches go to 'unassigned', with no escalation path", () => {
    const { segments } = segmentKpis(company({ policyOf: segmentPolicies({ version: 0, rows: [] }) }));
    const breaches = kpiBreaches("product", segments, DEFAULT_ESCALATION);
    expect(breaches.map((b) => [b.id, b.owner, b.escalation])).toEqual([["product:B:cost_to_serve_pct", "unassigned", []]]);
  });
  it("breachId joins dimension, segment and KPI", () => {
    expect(breachId("customer", "Key", "otif")).toBe("customer:Key:otif");
  });
});
