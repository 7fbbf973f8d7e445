/** KPI kernels: hand-computed expected values (each derivation in the comment), properties, bad input. */
import fc from "fast-check";
import { DomainError } from "../../../shared/src/errors";
import { breachSince, escalateBreach, findBreaches, lineFillRate, modelledTurns, otifByCause, pathFor, pooledWape, rankDrivers, reachedLevel, segmentHealth } from "../../../shared/src/kpi";

describe("otifByCause", () => {
  it("splits misses into supplier late, stock-out and changed orders (by hand)", () => {
    // s = min(10, 12 − 10) = 2 split lines: supplier late 2·(1 − 0.9) = 0.2, stock-out 2·0.9 = 1.8; changed (10 − 2)·0.1 = 0.8.
    const r = otifByCause([{ lines: 10, deliveries: 12, supplierOnTimeRate: 0.9, orderChangeRate: 0.1 }]);
    expect(r.otif).toBeCloseTo(1 - 2.8 / 10, 12);
    expect(r.misses.supplier_late).toBeCloseTo(0.2, 12);
    expect(r.misses.stock_out).toBeCloseTo(1.8, 12);
    expect(r.misses.order_changed).toBeCloseTo(0.8, 12);
    expect(r.misses.carrier_late).toBeNull();
    expect(r.shares.stock_out).toBeCloseTo(1.8 / 2.8, 12);
  });
  it("caps splits at the lines and pools rows (by hand)", () => {
    // Row 1: s = min(2, 5) = 2, all supplier late (on-time 0). Row 2: no split, no change. OTIF = 1 − 2/5.
    const r = otifByCause([
      { lines: 2, deliveries: 7, supplierOnTimeRate: 0, orderChangeRate: 0.5 },
      { lines: 3, deliveries: 3, supplierOnTimeRate: 1, orderChangeRate: 0 },
    ]);
    expect(r.otif).toBeCloseTo(0.6, 12);
    expect(r.misses.supplier_late).toBe(2);
    expect(r.misses.order_changed).toBe(0);
  });
  it("no lines → null; no misses → shares null", () => {
    expect(otifByCause([]).otif).toBeNull();
    expect(otifByCause([{ lines: 4, deliveries: 4, supplierOnTimeRate: 1, orderChangeRate: 0 }]).shares.stock_out).toBeNull();
  });
  it("property: OTIF ≤ line fill rate, within [0, 1], and measured shares sum to 1", () => {
    const row = fc.record({
      lines: fc.integer({ min: 0, max: 50 }),
      deliveries: fc.integer({ min: 0, max: 100 }),
      supplierOnTimeRate: fc.double({ min: 0, max: 1, noNaN: true }),
      orderChangeRate: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
        const r = otifByCause(rows);
        const fill = lineFillRate(rows);
        if (r.otif === null) return fill === null;
        expect(r.otif).toBeGreaterThanOrEqual(-1e-12);
        expect(r.otif).toBeLessThanOrEqual(fill! + 1e-12);
        if (r.shares.stock_out !== null) expect(r.shares.stock_out + r.shares.supplier_late! + r.shares.order_changed!).toBeCloseTo(1, 9);
        return true;
      }),
    );
  });
  it("bad input names the row and field", () => {
    expect(() => otifByCause([{ lines: -1, deliveries: 0, supplierOnTimeRate: 1, orderChangeRate: 0 }])).toThrow("rows[0].lines");
    expect(() => otifByCause([{ lines: 1, deliveries: 1, supplierOnTimeRate: 1.2, orderChangeRate: 0 }])).toThrow("rows[0].supplierOnTimeRate");
    const text = [{ lines: 1, deliveries: "x", supplierOnTimeRate: 1, orderChangeRate: 0 }] as unknown as Parameters<typeof otifByCause>[0];
    expect(() => otifByCause(text)).toThrow(DomainError);
    expect(() => otifByCause([{ lines: NaN, deliveries: 1, supplierOnTimeRate: 1, orderChangeRate: 0 }])).toThrow("rows[0].lines");
  });
});

describe("lineFillRate", () => {
  it("lines shipped whole on the first delivery / lines (by hand: (10 − 2 + 5) / 15)", () => {
    expect(
      lineFillRate([
        { lines: 10, deliveries: 12 },
        { lines: 5, deliveries: 5 },
      ]),
    ).toBeCloseTo(13 / 15, 12);
    expect(lineFillRate([])).toBeNull();
  });
  it("property: more splits never raise the fill rate", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10 }), (lines, extra, more) => {
        const a = lineFillRate([{ lines, deliveries: lines + extra }])!;
        const b = lineFillRate([{ lines, deliveries: lines + extra + more }])!;
        return b <= a + 1e-12 && a >= 0 && a <= 1;
      }),
    );
  });
  it("rejects a negative count with its row", () => {
    expect(() =>
      lineFillRate([
        { lines: 1, deliveries: 1 },
        { lines: 1, deliveries: -2 },
      ]),
    ).toThrow("rows[1].deliveries");
  });
});

describe("modelledTurns", () => {
  const item = { itemId: "P1", demandMean: 100, demandSd: 20, unitCost: 2, leadTime: 1, reviewPeriod: 1, cycleServiceLevel: 0.95, inventoryTurnsTarget: 12 };
  it("COGS / (d·R/2 + ss)·c (by hand: z(0.95) = 1.644854, ss = 1.644854·√(2·20²) = 46.5235)", () => {
    const r = modelledTurns([item]);
    const ss = 1.6448536269514722 * Math.sqrt(2 * 400);
    const inventory = (50 + ss) * 2;
    expect(r.items[0].averageInventoryValue).toBeCloseTo(inventory, 6);
    expect(r.turns).toBeCloseTo(10400 / inventory, 6);
    expect(r.turns).toBeCloseTo(53.87, 2);
    // Excess vs the target: inventory − COGS / 12 = 193.05 − 866.67 < 0 (the item turns faster than its target).
    expect(r.items[0].excessValue).toBeCloseTo(inventory - 10400 / 12, 6);
  });
  it("pools items (Σ COGS / Σ inventory) and treats a review period under a week as a week", () => {
    const slow = { ...item, itemId: "P2", demandMean: 1, demandSd: 5, reviewPeriod: 0 };
    const r = modelledTurns([item, slow]);
    expect(r.turns).toBeCloseTo((r.items[0].annualCogs + r.items[1].annualCogs) / (r.items[0].averageInventoryValue + r.items[1].averageInventoryValue), 12);
    expect(r.items[1].averageInventoryValue).toBeCloseTo((0.5 + 1.6448536269514722 * Math.sqrt(2 * 25)) * 2, 6);
    expect(r.items[1].excessValue).toBeGreaterThan(0);
  });
  it("zero demand holds no stock: turns null; zero variance → cycle stock only", () => {
    expect(modelledTurns([{ ...item, demandMean: 0, demandSd: 0 }]).turns).toBeNull();
    // d·R/2 = 50 units × 2 = 100; COGS 10,400 → 104 turns.
    expect(modelledTurns([{ ...item, demandSd: 0 }]).turns).toBeCloseTo(104, 12);
  });
  it("property: more demand variability never raises turns", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (sd, more) => {
        const a = modelledTurns([{ ...item, demandSd: sd }]).turns!;
        const b = modelledTurns([{ ...item, demandSd: sd + more }]).turns!;
        return b <= a * (1 + 1e-12);
      }),
    );
  });
  it("bad input names the item and field", () => {
    expect(() => modelledTurns([item, { ...item, cycleServiceLevel: 1 }])).toThrow("items[1].cycleServiceLevel");
    expect(() => modelledTurns([{ ...item, demandMean: -1 }])).toThrow("items[0].demandMean");
    expect(() => modelledTurns([{ ...item, inventoryTurnsTarget: 0 }])).toThrow("items[0].inventoryTurnsTarget");
  });
});

describe("pooledWape", () => {
  it("Σ|e| / Σ|y| over all series (by hand: (2 + 2 + 1 + 5) / 40 = 0.25)", () => {
    expect(
      pooledWape([
        { actual: [10, 20], forecast: [12, 18] },
        { actual: [0, 10], forecast: [1, 5] },
      ]),
    ).toBeCloseTo(0.25, 12);
  });
  it("all-zero actuals → null; perfect forecasts → 0", () => {
    expect(pooledWape([{ actual: [0, 0], forecast: [1, 1] }])).toBeNull();
    fc.assert(fc.property(fc.array(fc.double({ min: 0.1, max: 1e6, noNaN: true }), { minLength: 1 }), (a) => pooledWape([{ actual: a, forecast: a }]) === 0));
  });
  it("bad input: text and mismatched lengths name the series", () => {
    expect(() => pooledWape([{ actual: [1, "x"], forecast: [1, 1] }])).toThrow("series[0].actual[1]");
    expect(() =>
      pooledWape([
        { actual: [1], forecast: [1] },
        { actual: [1, 2], forecast: [1] },
      ]),
    ).toThrow("series[1].forecast");
  });
});

describe("rankDrivers", () => {
  it("largest first with shares of the whole total; zeros dropped; limit applied", () => {
    expect(
      rankDrivers([
        { id: "a", value: 1 },
        { id: "b", value: 3 },
        { id: "c", value: 0 },
      ]),
    ).toEqual([
      { id: "b", value: 3, share: 0.75 },
      { id: "a", value: 1, share: 0.25 },
    ]);
    expect(
      rankDrivers(
        [
          { id: "a", value: 1 },
          { id: "b", value: 3 },
        ],
        1,
      ),
    ).toEqual([{ id: "b", value: 3, share: 0.75 }]);
  });
  it("property: with no limit the shares sum to 1", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), (v) => {
        const r = rankDrivers(
          v.map((value, i) => ({ id: `e${i}`, value })),
          v.length,
        );
        return Math.abs(r.reduce((s, d) => s + d.share!, 0) - 1) < 1e-9;
      }),
    );
  });
  it("rejects a negative value and a zero limit", () => {
    expect(() => rankDrivers([{ id: "a", value: -1 }])).toThrow("drivers[0].value");
    expect(() => rankDrivers([], 0)).toThrow("limit");
  });
});

describe("findBreaches", () => {
  const escalation = {
    sales: [
      { level: 2, contact: "director", afterDays: 7 },
      { level: 1, contact: "manager", afterDays: 0 },
    ],
  };
  it("min KPIs below and max KPIs above target breach; ordered by relative gap; escalation ascending", () => {
    const r = findBreaches(
      [
        { segment: "AX", kpi: "otif", value: 0.9, target: 0.95, owner: "sales" }, // gap 0.05, relative 0.0526
        { segment: "AX", kpi: "forecast_wape", value: 0.6, target: 0.5, owner: "sales" }, // gap 0.1, relative 0.2
        { segment: "BX", kpi: "fill_rate", value: 0.99, target: 0.97, owner: "sales" }, // met
        { segment: "BX", kpi: "cost_to_serve_pct", value: 0.1, target: 0.1, owner: "finance" }, // on target: not a breach
        { segment: "CZ", kpi: "inventory_turns", value: null, target: 3, owner: "finance" }, // no data
      ],
      escalation,
    );
    expect(r.map((b) => [b.segment, b.kpi])).toEqual([
      ["AX", "forecast_wape"],
      ["AX", "otif"],
    ]);
    expect(r[1].gap).toBeCloseTo(0.05, 12);
    expect(r[1].relativeGap).toBeCloseTo(0.05 / 0.95, 12);
    expect(r[0].escalation.map((l) => l.contact)).toEqual(["manager", "director"]);
  });
  it("an owner without escalation levels gets an empty path", () => {
    expect(findBreaches([{ segment: "A", kpi: "otif", value: 0.5, target: 0.9, owner: "finance" }], escalation)[0].escalation).toEqual([]);
  });
  it("bad input: unknown KPI, blank owner, bad escalation level", () => {
    const unknown = [{ segment: "A", kpi: "speed", value: 1, target: 1, owner: "x" }] as unknown as Parameters<typeof findBreaches>[0];
    expect(() => findBreaches(unknown, {})).toThrow("measurements[0].kpi");
    expect(() => findBreaches([{ segment: "A", kpi: "otif", value: 1, target: 1, owner: " " }], {})).toThrow("measurements[0].owner");
    expect(() => findBreaches([], { sales: [{ level: 0, contact: "x", afterDays: 0 }] })).toThrow("escalation.sales[0].level");
  });
});

describe("segmentHealth", () => {
  /** A seeded normal sample (Box–Muller over a linear congruential generator), so the planted cases are the same every run. */
  function normals(seed: number) {
    let state = seed;
    const uniform = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) + 1) / (2 ** 31 + 1);
    return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  }

  it("well-separated segments (by hand): Cohen's d = 10 / 0.707, S = 0.5 each; silhouette as Rousseeuw's worked shape", () => {
    const r = segmentHealth(new Float64Array([0, 1, 10, 11]), 4, 1, ["A", "A", "B", "B"], { minSize: 2 });
    expect(r.similarPairs).toEqual([]);
    expect(r.segments.map((s) => s.spread)).toEqual([0.5, 0.5]);
    // s(i) = 1 − a/b with a = 1 and b = 10.5, 9.5, 9.5, 10.5 (as in ml/silhouette's example): mean 0.8997…
    expect(r.silhouette).toBeCloseTo((1 - 1 / 10.5 + 1 - 1 / 9.5) / 2, 12);
    expect(r.segments[0].nearest).toEqual({ segment: "B", distance: 10 });
    // η² = between / total = 100 / (100 + 1) on the one feature.
    expect(r.definingFeatures).toEqual([{ feature: "feature 1", share: 100 / 101 }]);
    expect(r.suggestions).toEqual([]);
  });

  it("a pair no feature tells apart is suggested for a merge, with its Cohen's d (by hand); a singleton is too small", () => {
    // A = {0, 2}, B = {0.1, 2.1}: means 1 and 1.1, each sum of squares 2, pooled sd = √(4 / 2) = √2, d = 0.1 / √2 = 0.0707…
    const r = segmentHealth(new Float64Array([0, 2, 0.1, 2.1, 50]), 5, 1, ["A", "A", "B", "B", "C"], { minSize: 2, featureNames: ["revenue"] });
    expect(r.similarPairs).toHaveLength(1);
    expect(r.similarPairs[0]).toMatchObject({ segments: ["A", "B"], feature: "revenue" });
    expect(r.similarPairs[0].effectSize).toBeCloseTo(0.1 / Math.SQRT2, 12);
    expect(r.suggestions[0]).toBe("merge A and B: on revenue they differ by at most 0.07 standard deviations (revenue; under 0.2 is a small difference), so separate policies treat alike entities differently");
    expect(r.segments.find((s) => s.segment === "C")).toMatchObject({ tooSmall: true, silhouette: null, nearest: { segment: "B" } });
    expect(r.suggestions.some((s) => s.startsWith("C has 1 member") && s.includes("nearest segment, B"))).toBe(true);
  });

  it("planted: an ABC × XYZ grid cut on two of four features gives no merge; a region split of the same items with no behaviour of its own gives exactly the region pairs", () => {
    const z = normals(7);
    const n = 3000;
    const points = new Float64Array(n * 4);
    const grid: string[] = [];
    const regional: string[] = [];
    for (let i = 0; i < n; i++) {
      const revenue = z();
      const cov = z();
      // Two noise features the segmentation never looks at (returns, lines per order).
      points.set([revenue, cov, z(), z()], i * 4);
      const abc = revenue > 0.8 ? "A" : revenue > -0.3 ? "B" : "C";
      const xyz = cov < -0.5 ? "X" : cov < 0.5 ? "Y" : "Z";
      grid.push(abc + xyz);
      regional.push(`${i % 2 ? "North" : "South"}|${abc}`);
    }
    const names = ["revenue", "demand CoV", "returns", "lines per order"];
    const g = segmentHealth(points, n, 4, grid, { featureNames: names });
    expect(g.definingFeatures.map((f) => f.feature).sort()).toEqual(["demand CoV", "revenue"]);
    expect(g.similarPairs).toEqual([]);
    expect(g.suggestions.filter((s) => s.startsWith("merge"))).toEqual([]);
    const r = segmentHealth(points, n, 4, regional, { featureNames: names });
    expect(r.definingFeatures.map((f) => f.feature)).toEqual(["revenue"]);
    expect(r.similarPairs.map((p) => p.segments.join(" + ")).sort()).toEqual(["North|A + South|A", "North|B + South|B", "North|C + South|C"]);
    for (const p of r.similarPairs) expect(p.effectSize).toBeLessThan(0.2);
  });

  it("one segment: no silhouette, no pairs", () => {
    const r = segmentHealth(new Float64Array([1, 2, 3]), 3, 1, ["A", "A", "A"]);
    expect(r.silhouette).toBeNull();
    expect(r.similarPairs).toEqual([]);
  });

  it("bad input: wrong label count, blank label, NaN point, bad option, wrong number of names", () => {
    expect(() => segmentHealth(new Float64Array([1, 2]), 2, 1, ["A"])).toThrow("labels");
    expect(() => segmentHealth(new Float64Array([1, 2]), 2, 1, ["A", " "])).toThrow("labels[1]");
    expect(() => segmentHealth(new Float64Array([1, NaN]), 2, 1, ["A", "B"])).toThrow("points[1][0]");
    expect(() => segmentHealth(new Float64Array([1, 2]), 2, 1, ["A", "B"], { minSize: 0 })).toThrow("options.minSize");
    expect(() => segmentHealth(new Float64Array([1, 2]), 2, 1, ["A", "B"], { featureNames: ["a", "b"] })).toThrow("options.featureNames");
  });
});

describe("breach escalation", () => {
  const months = [
    { period: "2026-08", value: 0.9 },
    { period: "2026-09", value: 0.97 },
    { period: "2026-10", value: 0.9 },
    { period: "2026-11", value: null },
    { period: "2026-12", value: 0.91 },
  ];
  it("dates a breach from its current run of breached months (months without a value skipped)", () => {
    expect(breachSince(months, 0.95, "min")).toBe("2026-10-01");
    expect(breachSince([...months, { period: "2027-01", value: 0.99 }], 0.95, "min")).toBeNull();
    expect(breachSince([{ period: "2026-05", value: 0.2 }], 0.15, "max")).toBe("2026-05-01");
    expect(breachSince([], 0.95, "min")).toBeNull();
  });
  it("reaches the highest level whose days have passed; the first when the age is unknown", () => {
    const levels = [
      { level: 2, contact: "manager", afterDays: 7 },
      { level: 1, contact: "planner", afterDays: 0 },
      { level: 3, contact: "director", afterDays: 30 },
    ];
    expect(reachedLevel(levels, 6)?.contact).toBe("planner");
    expect(reachedLevel(levels, 7)?.contact).toBe("manager");
    expect(reachedLevel(levels, 64)?.contact).toBe("director");
    expect(reachedLevel(levels, null)?.contact).toBe("planner");
    expect(reachedLevel([], 10)).toBeNull();
    // 1 Oct to 4 Dec 2026 is 64 days.
    expect(escalateBreach(levels, "segment", months, 0.95, "min", new Date("2026-12-04T10:00:00Z"))).toEqual({ since: "2026-10-01", ageDays: 64, reached: levels[2], pathSource: "segment" });
  });
  it("picks the stored path of the KPI whose pattern matches the segment most literally", () => {
    const path = (segment: string, kpi: string, owner: string) => ({ segment, kpi, owner, levels: [{ level: 1, afterDays: 0, to: owner }] });
    const paths = [path("*", "otif", "any"), path("A*", "otif", "a"), path("AX", "otif", "ax"), path("AX", "fill_rate", "fill"), path("*|*", "otif", "pair")];
    expect(pathFor(paths, "AX", "otif")?.owner).toBe("ax");
    expect(pathFor(paths, "AY", "otif")?.owner).toBe("a");
    expect(pathFor(paths, "BZ", "otif")?.owner).toBe("any");
    expect(pathFor(paths, "North|A", "otif")?.owner).toBe("pair");
    expect(pathFor(paths, "BZ", "fill_rate")).toBeUndefined();
  });
});
