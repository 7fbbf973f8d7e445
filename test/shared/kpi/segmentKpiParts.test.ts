/** The parts of a segment's KPI report: hand-computed small cases (each derivation in the comment), one property, bad input. */
import fc from "fast-check";
import {
  DEFAULT_ESCALATION,
  attributeNumber,
  customerCostToServe,
  escalationWithDefaults,
  holdoutForecasts,
  holdoutWeeks,
  kpiStatus,
  kpiValue,
  entitySumsFromPairs,
  linesPerCustomer,
  orderChangeRate,
  otifByCause,
  segmentCostToServe,
  segmentDelivery,
  segmentPolicies,
  segmentTurns,
  segmentWape,
  supplierOnTimeRate,
  type OrderPairTotals,
} from "../../../shared/src/kpi";

const POLICY = { cycleServiceLevel: 0.95, targetFillRate: 0.97, promisedLeadTimeDays: 3, reviewPeriodDays: 7, forecastMethod: "auto", inventoryTurnsTarget: 12, supplyMode: "pull", ownerFunction: "sales" } as const;
const pair = (customerId: string, productId: string, lines: number, splits: number, revenue = 0): OrderPairTotals => ({ customerId, productId, lines, splits, revenue });

describe("attributeNumber", () => {
  it("reads numbers and numeric text; blank, non-numeric and non-finite give the fallback", () => {
    expect(attributeNumber(3, 1)).toBe(3);
    expect(attributeNumber(" 0.25 ", 1)).toBe(0.25);
    expect(attributeNumber("", 7)).toBe(7);
    expect(attributeNumber("  ", 7)).toBe(7);
    expect(attributeNumber("fast", 7)).toBe(7);
    expect(attributeNumber(Infinity, 7)).toBe(7);
    expect(attributeNumber(undefined, 7)).toBe(7);
    expect(attributeNumber(true, 7)).toBe(7);
  });
});

describe("supplierOnTimeRate and orderChangeRate", () => {
  it("an unknown supplier is on time; rates are clamped to [0, 1]", () => {
    expect(supplierOnTimeRate(undefined)).toBe(1);
    expect(supplierOnTimeRate({})).toBe(1);
    expect(supplierOnTimeRate({ on_time_rate: "0.8" })).toBe(0.8);
    expect(supplierOnTimeRate({ on_time_rate: 1.3 })).toBe(1);
    expect(supplierOnTimeRate({ on_time_rate: -0.1 })).toBe(0);
  });
  it("special-handling orders / orders; 0 without orders (by hand: 4 / 40 = 0.1)", () => {
    expect(orderChangeRate({ orders: 40, special_handling: 4 })).toBe(0.1);
    expect(orderChangeRate({ orders: "40", special_handling: "4" })).toBe(0.1);
    expect(orderChangeRate({ orders: 0, special_handling: 4 })).toBe(0);
    expect(orderChangeRate({ orders: 2, special_handling: 5 })).toBe(1);
    expect(orderChangeRate(undefined)).toBe(0);
  });
});

describe("escalationWithDefaults", () => {
  it("no stored rows: the defaults", () => {
    expect(escalationWithDefaults([])).toEqual({ table: DEFAULT_ESCALATION, source: "default" });
  });
  it("a stored owner function replaces its default; the others keep theirs", () => {
    const levels = [{ level: 1, contact: "key account lead", afterDays: 0 }];
    const r = escalationWithDefaults([{ ownerFunction: "sales", levels }]);
    expect(r.source).toBe("stored+default");
    expect(r.table.sales).toEqual(levels);
    expect(r.table.finance).toEqual(DEFAULT_ESCALATION.finance);
  });
  it("every default owner stored (and one more): stored", () => {
    const one = [{ level: 1, contact: "x", afterDays: 0 }];
    const stored = ["supply chain", "sales", "finance", "quality"].map((ownerFunction) => ({ ownerFunction, levels: one }));
    const r = escalationWithDefaults(stored);
    expect(r.source).toBe("stored");
    expect(Object.keys(r.table).sort()).toEqual(["finance", "quality", "sales", "supply chain"]);
  });
});

describe("kpiStatus and kpiValue", () => {
  it("min KPIs breach strictly below, max KPIs strictly above; missing value or target is not judged", () => {
    expect(kpiStatus("otif", 0.9, 0.95)).toBe("breach");
    expect(kpiStatus("otif", 0.95, 0.95)).toBe("met");
    expect(kpiStatus("forecast_wape", 0.6, 0.5)).toBe("breach");
    expect(kpiStatus("forecast_wape", 0.5, 0.5)).toBe("met");
    expect(kpiStatus("fill_rate", null, 0.9)).toBe("no_data");
    expect(kpiStatus("fill_rate", 0.9, null)).toBe("no_target");
  });
  it("no target: no target source; a note only when given", () => {
    expect(kpiValue("inventory_turns", 5, null, "policy.inventoryTurnsTarget", "modelled")).toEqual({ kpi: "inventory_turns", value: 5, target: null, targetSource: null, status: "no_target", basis: "modelled" });
    expect(kpiValue("cost_to_serve_pct", 0.2, 0.12, "maxCostToServePct", "measured", "why")).toEqual({
      kpi: "cost_to_serve_pct",
      value: 0.2,
      target: 0.12,
      targetSource: "maxCostToServePct",
      status: "breach",
      basis: "measured",
      note: "why",
    });
  });
});

describe("segmentPolicies", () => {
  it("no stored table, an invalid table, an uncovered and an ambiguous segment are errors per segment", () => {
    expect(segmentPolicies({ version: 0, rows: [] })("AX")).toEqual({ policy: null, error: "no policy table is stored" });
    expect(segmentPolicies({ version: 3, rows: [{ ...POLICY, segment: "A*", cycleServiceLevel: 2 }] })("AX").error).toMatch(/cycleServiceLevel/);
    const of = segmentPolicies({
      version: 1,
      rows: [
        { ...POLICY, segment: "A*" },
        { ...POLICY, segment: "*X", ownerFunction: "finance" },
      ],
    });
    expect(of("CZ")).toEqual({ policy: null, error: 'segment: no policy row covers "CZ"' });
    expect(of("AX").error).toMatch(/equally specifically/);
    const ay = of("AY");
    expect(ay.error).toBeNull();
    expect(ay.policy).toMatchObject({ pattern: "A*", row: 0, policy: { ownerFunction: "sales", cycleServiceLevel: 0.95 } });
  });
});

describe("linesPerCustomer", () => {
  it("sums each customer's lines over its pairs", () => {
    expect(linesPerCustomer([pair("C1", "P1", 3, 0), pair("C2", "P1", 2, 0), pair("C1", "P2", 4, 1)])).toEqual(
      new Map([
        ["C1", 7],
        ["C2", 2],
      ]),
    );
  });
});

describe("segmentDelivery", () => {
  const rates = { supplierOnTime: (p: string) => (p === "P1" ? 0.9 : 1), orderChange: (c: string) => (c === "C1" ? 0.1 : 0.2) };
  it("OTIF, fill rate and their drivers over pairs (by hand)", () => {
    // C1×P1: 2 splits → supplier late 2·0.1 = 0.2, stock-out 2·0.9 = 1.8, changed (10 − 2)·0.1 = 0.8 (2.8 missed).
    // C2×P1: no split → changed 5·0.2 = 1. OTIF = 1 − 3.8 / 15; fill rate = (15 − 2) / 15.
    const pairs = [pair("C1", "P1", 10, 2), pair("C2", "P1", 5, 0)];
    const byProduct = segmentDelivery(pairs, "productId", rates);
    expect(byProduct.otif.otif).toBeCloseTo(1 - 3.8 / 15, 12);
    expect(byProduct.otif.misses.order_changed).toBeCloseTo(1.8, 12);
    expect(byProduct.fillRate).toBeCloseTo(13 / 15, 12);
    expect(byProduct.drivers.otif.causes.carrier_late).toBeNull();
    expect(byProduct.drivers.otif.causeShares.stock_out).toBeCloseTo(1.8 / 3.8, 12);
    expect(byProduct.drivers.otif.entities).toEqual([{ id: "P1", value: expect.closeTo(3.8, 12), share: 1 }]);
    const byCustomer = segmentDelivery(pairs, "customerId", rates);
    expect(byCustomer.drivers.otif.entities.map((d) => [d.id, d.value])).toEqual([
      ["C1", expect.closeTo(2.8, 12)],
      ["C2", expect.closeTo(1, 12)],
    ]);
    // C2 has no splits: a zero driver is dropped.
    expect(byCustomer.drivers.fill_rate.entities).toEqual([{ id: "C1", value: 2, share: 1 }]);
  });
  it("no pairs: no OTIF, no fill rate, no drivers", () => {
    const r = segmentDelivery([], "productId", rates);
    expect([r.otif.otif, r.fillRate, r.drivers.otif.entities]).toEqual([null, null, []]);
  });
  it("property: a pair's summed lines and splits give the KPIs of its weekly rows", () => {
    const week = fc.record({ lines: fc.integer({ min: 0, max: 40 }), deliveries: fc.integer({ min: 0, max: 100 }) });
    fc.assert(
      fc.property(fc.array(week, { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (weeks, onTime, change) => {
        const splits = weeks.reduce((s, w) => s + Math.min(w.lines, Math.max(0, w.deliveries - w.lines)), 0);
        const lines = weeks.reduce((s, w) => s + w.lines, 0);
        const fromPair = segmentDelivery([pair("C", "P", lines, splits)], "productId", { supplierOnTime: () => onTime, orderChange: () => change });
        const fromWeeks = otifByCause(weeks.map((w) => ({ ...w, supplierOnTimeRate: onTime, orderChangeRate: change })));
        if (fromWeeks.otif === null) return fromPair.otif.otif === null;
        expect(fromPair.otif.otif).toBeCloseTo(fromWeeks.otif, 9);
        expect(fromPair.otif.misses.stock_out).toBeCloseTo(fromWeeks.misses.stock_out!, 9);
        return true;
      }),
    );
  });
  it("bad rates name the row and field", () => {
    expect(() => segmentDelivery([pair("C1", "P1", 1, 0)], "productId", { supplierOnTime: () => 1.5, orderChange: () => 0 })).toThrow("rows[0].supplierOnTimeRate");
  });
});

describe("segmentTurns", () => {
  const products = new Map([
    ["P1", { supplier_id: "S1", unit_cost: "2" }],
    ["P2", { unit_cost: 2 }],
  ]);
  const suppliers = new Map([["S1", { lead_time_mean_days: 7 }]]);
  const base = { dimension: "product" as const, weeks: 2, products, suppliers };
  it("customers hold no inventory; without a policy there is nothing to model", () => {
    expect(segmentTurns({ ...base, dimension: "customer", entities: ["C1"], weeklyUnits: new Map(), policy: POLICY })).toEqual({ turns: null, note: "inventory is held per product, not per customer" });
    expect(segmentTurns({ ...base, entities: ["P1"], weeklyUnits: new Map(), policy: null }).turns).toBeNull();
  });
  it("modelled turns from weekly demand, unit cost and lead time (by hand)", () => {
    // P1: d = 100, σd = √((10² + 10²) / 1) = √200, L = R = 1 week, z(0.95) = 1.644854:
    // ss = z·√(2·200) = 32.8971; average inventory (50 + 32.8971)·2 = 165.794; COGS 100·52·2 = 10,400 → turns 62.73.
    // Target 12 allows 10,400 / 12 = 866.67 of stock: no excess.
    const r = segmentTurns({ ...base, entities: ["P1"], weeklyUnits: new Map([["P1", Float64Array.of(90, 110)]]), policy: POLICY });
    expect(r.turns).toBeCloseTo(10400 / ((50 + 1.6448536269514722 * 20) * 2), 9);
    expect(r.drivers).toEqual({ excessItems: [] });
  });
  it("a product without sales has zero demand; a product without a supplier waits a week; excess against the target", () => {
    // P2: d = 4 flat, no σ: average (4·1/2)·2 = 4, COGS 4·52·2 = 416 → turns 104; at target 200: 416/200 = 2.08 allowed, 1.92 excess.
    // P3: no sales, no unit cost: nothing held.
    const r = segmentTurns({ ...base, entities: ["P2", "P3"], weeklyUnits: new Map([["P2", Float64Array.of(4, 4)]]), policy: { ...POLICY, inventoryTurnsTarget: 200 } });
    expect(r.turns).toBeCloseTo(104, 12);
    expect(r.drivers!.excessItems).toEqual([{ id: "P2", value: expect.closeTo(1.92, 12), share: 1 }]);
  });
});

describe("customerCostToServe and segmentCostToServe", () => {
  it("prices each customer's activity volumes; negative or missing volumes count as 0 (by hand: 2·12 + 1·18)", () => {
    const costs = customerCostToServe(
      new Map([
        ["C2", { orders: -3 }],
        ["C1", { orders: 2, returns: "1" }],
      ]),
      { orders: 12, returns: 18 },
    );
    expect([...costs.keys()]).toEqual(["C1", "C2"]);
    expect(costs.get("C1")).toEqual({ total: 42, byActivity: [24, 18] });
    expect(costs.get("C2")).toEqual({ total: 0, byActivity: [0, 0] });
  });
  it("no activity counts stored: no customer carries a cost (the report then says cost-to-serve has no data)", () => {
    expect(customerCostToServe(new Map(), { orders: 12 }).size).toBe(0);
  });
  const costs = new Map([["C1", { total: 40, byActivity: [30, 10] }]]);
  it("a customer segment carries its customers' whole cost", () => {
    const r = segmentCostToServe({ entities: ["C1", "C9"], costs, activities: ["orders", "returns"] });
    expect(r.cost).toBe(40);
    expect(r.drivers.activities).toEqual([
      { id: "orders", value: 30, share: 0.75 },
      { id: "returns", value: 10, share: 0.25 },
    ]);
    expect(r.drivers.entities).toEqual([{ id: "C1", value: 40, share: 1 }]);
  });
  it("a product segment carries each customer's cost by its share of the customer's lines (by hand: 3 of 4 lines → 30)", () => {
    // C1 has 4 lines, 3 of them on P1; C2 has no cost.
    const sums = entitySumsFromPairs([pair("C1", "P1", 3, 0, 50), pair("C1", "P2", 1, 0, 10), pair("C2", "P1", 5, 0, 70)], "product", costs);
    expect(sums.revenue).toEqual(
      new Map([
        ["P1", 120],
        ["P2", 10],
      ]),
    );
    expect(sums.costs.get("P2")).toEqual({ total: 10, byActivity: [7.5, 2.5] });
    const r = segmentCostToServe({ entities: ["P1"], costs: sums.costs, activities: ["orders", "returns"] });
    expect(r.cost).toBe(30);
    expect(r.drivers.activities.map((d) => d.value)).toEqual([22.5, 7.5]);
    expect(r.drivers.entities).toEqual([{ id: "P1", value: 30, share: 1 }]);
  });
});

describe("holdoutWeeks, holdoutForecasts and segmentWape", () => {
  it("a third of the history, at most 13, none when fewer than 8 weeks remain", () => {
    expect([holdoutWeeks(26), holdoutWeeks(60), holdoutWeeks(11), holdoutWeeks(10), holdoutWeeks(2), holdoutWeeks(0)]).toEqual([8, 13, 3, 0, 0, 0]);
  });
  it("forecasts the held-out weeks of the listed entities with a series", () => {
    const series = new Map([
      ["P1", new Float64Array(12).fill(5)],
      ["P2", new Float64Array(12).fill(1)],
    ]);
    const f = holdoutForecasts(series, ["P1", "P9"], 12);
    expect([...f.keys()]).toEqual(["P1"]);
    expect(f.get("P1")!.actual).toEqual([5, 5, 5, 5]);
    for (const x of f.get("P1")!.forecast) expect(x).toBeCloseTo(5, 6);
    expect(holdoutForecasts(series, ["P1"], 10).size).toBe(0);
  });
  it("pooled WAPE and entities by absolute error (by hand: (2 + 2 + 1 + 5) / 40 = 0.25)", () => {
    const forecasts = new Map([
      ["P1", { actual: [10, 20], forecast: [12, 18] }],
      ["P2", { actual: [0, 10], forecast: [1, 5] }],
    ]);
    const r = segmentWape(["P1", "P2", "P3"], forecasts);
    expect(r.wape).toBeCloseTo(0.25, 12);
    expect(r.drivers.entities).toEqual([
      { id: "P2", value: 6, share: 0.6 },
      { id: "P1", value: 4, share: 0.4 },
    ]);
    expect(segmentWape(["P3"], forecasts)).toEqual({ wape: null, drivers: { entities: [] } });
  });
});
