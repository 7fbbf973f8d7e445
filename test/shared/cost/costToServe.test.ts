import fc from "fast-check";
import { activityRates, allocateFreight, costToServe, costToServeByLine, rollUpCostToServe, segmentPnl, timeDrivenRates, whaleCurve } from "../../../shared/src/cost";
import { domainError } from "../../helpers/domainErrors";

describe("activityRates", () => {
  it("divides each pool by its driver volume; an empty pool with no volume has rate 0", () => {
    expect(activityRates([1000, 0, 90], [50, 0, 4.5])).toEqual([20, 0, 20]);
  });

  it.each([
    [[100, -1], [10, 10], "activityCosts[1]", "out_of_range"],
    [[100, "x"], [10, 10], "activityCosts[1]", "invalid"],
    [[100, 50], [10, NaN], "totalDriverVolumes[1]", "invalid"],
    [[100, 50], [10, 0], "totalDriverVolumes[1]", "out_of_range"],
    [[100, 50], [10], "totalDriverVolumes", "invalid"],
    [[], [], "activityCosts", "missing"],
  ])("refuses costs %j with volumes %j, naming %s", (costs, volumes, field, kind) => {
    const e = domainError(() => activityRates(costs, volumes));
    expect([e.field, e.kind]).toEqual([field, kind]);
  });
});

describe("costToServe", () => {
  // Hand-checked: column sums 5 and 1 → rates 50/5 = 10 and 40/1 = 40.
  it("prices each row's volumes at pool ÷ the table's own totals, split by activity", () => {
    const r = costToServe(
      [
        [2, 1],
        [3, 0],
      ],
      { activityCosts: [50, 40], totalDriverVolumes: "table" },
      { ids: ["C1", "C2"], activities: ["orders", "visits"] },
    );
    expect(r.rates).toEqual([10, 40]);
    expect(r.byActivity).toEqual([
      [20, 40],
      [30, 0],
    ]);
    expect(r.total).toEqual([60, 30]);
    expect(r.activityTotals).toEqual([50, 40]);
    expect(r.unabsorbed).toEqual([0, 0]);
  });

  it("with company-wide totals the rows absorb only their share and the rest is reported", () => {
    // rates 50/10 = 5 and 40/4 = 10: the two customers absorb 25 of 50 and 10 of 40.
    const r = costToServe(
      [
        [2, 1],
        [3, 0],
      ],
      { activityCosts: [50, 40], totalDriverVolumes: [10, 4] },
    );
    expect(r.total).toEqual([20, 15]);
    expect(r.unabsorbed).toEqual([25, 30]);
  });

  it("adds direct traceable costs to the activity cost", () => {
    const r = costToServe([[1], [1]], { rates: [10] }, { directCosts: [0, 7.5] });
    expect(r.activityCost).toEqual([10, 10]);
    expect(r.total).toEqual([10, 17.5]);
  });

  it("makes the caller choose the totals when pools are given", () => {
    const e = domainError(() => costToServe([[1]], { activityCosts: [10], totalDriverVolumes: undefined as unknown as "table" }));
    expect([e.field, e.kind]).toEqual(["totalDriverVolumes", "missing"]);
  });

  it.each([
    [[[1, -2]], { rates: [1, 1] }, "driverVolumes[0][1]", "out_of_range"],
    [[[1, 2], [3]], { rates: [1, 1] }, "driverVolumes[1]", "invalid"],
    [
      [
        [1, 2],
        [3, "n/a"],
      ],
      { rates: [1, 1] },
      "driverVolumes[1][1]",
      "invalid",
    ],
    [[[1, 2]], { rates: [1, 1, 1] }, "rates", "invalid"],
    [[[1, 2]], { activityCosts: [1, 1, 1], totalDriverVolumes: "table" }, "activityCosts", "invalid"],
    [[[1, 0]], { activityCosts: [10, 5], totalDriverVolumes: "table" }, "totalDriverVolumes[1]", "out_of_range"],
    [[[4, 1]], { activityCosts: [10, 5], totalDriverVolumes: [3, 1] }, "totalDriverVolumes[0]", "out_of_range"],
    [[], { rates: [] }, "driverVolumes", "missing"],
  ])("refuses %j with %j, naming %s", (volumes, basis, field, kind) => {
    const e = domainError(() => costToServe(volumes as unknown[][], basis as never));
    expect([e.field, e.kind]).toEqual([field, kind]);
  });

  it("refuses duplicate customer ids and duplicate activity names", () => {
    expect(domainError(() => costToServe([[1], [2]], { rates: [1] }, { ids: ["C1", "C1"] })).field).toBe("ids[1]");
    expect(domainError(() => costToServe([[1, 2]], { rates: [1, 1] }, { activities: ["orders", "orders"] })).field).toBe("activities[1]");
  });

  it("does not mutate its inputs", () => {
    const volumes = Object.freeze([Object.freeze([1, 2]), Object.freeze([3, 4])]);
    const costs = Object.freeze([10, 20]);
    expect(() => costToServe(volumes, { activityCosts: costs, totalDriverVolumes: "table" })).not.toThrow();
  });

  const tables = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 })).chain(([rows, columns]) =>
    fc.record({
      volumes: fc.array(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
      pools: fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: columns, maxLength: columns }),
    }),
  );

  it("property: with the table's own totals, cost-to-serve sums to the pools", () => {
    fc.assert(
      fc.property(tables, ({ volumes, pools }) => {
        const r = costToServe(volumes, { activityCosts: pools, totalDriverVolumes: "table" });
        const poolTotal = pools.reduce((a, b) => a + b, 0);
        const ctsTotal = r.total.reduce((a, b) => a + b, 0);
        expect(Math.abs(ctsTotal - poolTotal)).toBeLessThanOrEqual(1e-9 * Math.max(1, poolTotal));
        r.activityTotals.forEach((t, j) => expect(Math.abs(t - pools[j])).toBeLessThanOrEqual(1e-9 * Math.max(1, pools[j])));
      }),
    );
  });

  it("property: more of any driver never costs less (monotone), and zero volumes cost nothing", () => {
    fc.assert(
      fc.property(tables, fc.nat(), fc.integer({ min: 1, max: 50 }), ({ volumes, pools }, pick, extra) => {
        const rates = pools.map((p) => p / 1000);
        const base = costToServe(volumes, { rates });
        const i = pick % volumes.length;
        const j = pick % volumes[0].length;
        const more = volumes.map((row, r) => row.map((v, c) => (r === i && c === j ? v + extra : v)));
        expect(costToServe(more, { rates }).total[i]).toBeGreaterThanOrEqual(base.total[i]);
        const zero = costToServe(
          volumes.map((row) => row.map(() => 0)),
          { rates },
        );
        expect(zero.total.every((t) => t === 0)).toBe(true);
      }),
    );
  });
});

describe("rollUpCostToServe and costToServeByLine", () => {
  it("sums rows by segment in order of first appearance", () => {
    const r = costToServe(
      [
        [1, 0],
        [2, 1],
        [3, 1],
      ],
      { rates: [10, 100] },
    );
    const groups = rollUpCostToServe(r, ["B", "A", "B"], "segments");
    expect(groups.map((g) => [g.key, g.count, g.byActivity, g.total])).toEqual([
      ["B", 2, [40, 100], 140],
      ["A", 1, [20, 100], 120],
    ]);
    expect(domainError(() => rollUpCostToServe(r, ["B", "", "B"], "segments")).field).toBe("segments[1]");
  });

  it("prices customer × product lines and rolls them up per customer and per product", () => {
    const out = costToServeByLine(
      [
        { customerId: "C1", productId: "P1", volumes: [2, 10] },
        { customerId: "C1", productId: "P2", volumes: [1, 30], directCost: 5 },
        { customerId: "C2", productId: "P1", volumes: [1, 60] },
      ],
      { activityCosts: [40, 100], totalDriverVolumes: "table" },
      { activities: ["lines", "units"] },
    );
    // rates: 40 / 4 lines = 10; 100 / 100 units = 1.
    expect(out.lines.ids).toEqual(["C1|P1", "C1|P2", "C2|P1"]);
    expect(out.lines.total).toEqual([30, 45, 70]);
    expect(out.byCustomer.map((g) => [g.key, g.total])).toEqual([
      ["C1", 75],
      ["C2", 70],
    ]);
    expect(out.byProduct.map((g) => [g.key, g.activityCost])).toEqual([
      ["P1", 100],
      ["P2", 40],
    ]);
  });

  it("refuses the same customer × product twice", () => {
    const e = domainError(() =>
      costToServeByLine(
        [
          { customerId: "C1", productId: "P1", volumes: [1] },
          { customerId: "C1", productId: "P1", volumes: [2] },
        ],
        { rates: [1] },
      ),
    );
    expect(e.field).toBe("lines[1]");
  });
});

describe("timeDrivenRates", () => {
  it("reports overtime as negative unused capacity", () => {
    const r = timeDrivenRates(1000, 100, [2], [60]);
    expect([r.capacityCostRate, r.totalTimeUsed, r.unusedCapacity, r.unusedCapacityCost]).toEqual([10, 120, -20, -200]);
  });
  it("refuses a zero capacity and a quantity count that does not match", () => {
    expect(domainError(() => timeDrivenRates(1000, 0, [2])).field).toBe("practicalCapacity");
    expect(domainError(() => timeDrivenRates(1000, 10, [2], [1, 2])).field).toBe("quantities");
  });
});

describe("allocateFreight and segmentPnl", () => {
  it("spreads freight in proportion to the named driver", () => {
    expect(allocateFreight(1000, [3, 1], "weight")).toEqual([750, 250]);
    expect(allocateFreight(0, [0, 0], "shipments")).toEqual([0, 0]);
    expect(domainError(() => allocateFreight(10, [0, 0], "shipments")).kind).toBe("out_of_range");
  });

  it("property: allocated freight sums to the bill and follows the driver order", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.array(fc.integer({ min: 1, max: 10000 }), { minLength: 1, maxLength: 30 }), (bill, drivers) => {
        const shares = allocateFreight(bill, drivers, "volume");
        expect(Math.abs(shares.reduce((a, b) => a + b, 0) - bill)).toBeLessThanOrEqual(1e-9 * Math.max(1, bill));
        drivers.forEach((d, i) => drivers.forEach((e, k) => d > e && expect(shares[i]).toBeGreaterThanOrEqual(shares[k])));
      }),
    );
  });

  // Hand-checked: freight 300 by shipments 1:2 → 100, 200 (C3 has 0 shipments).
  it("computes contribution and margin per customer, per segment and in total", () => {
    const pnl = segmentPnl(
      [
        { id: "C1", segment: "A", revenue: 1000, cogs: 600, costToServe: 100, shipments: 1 },
        { id: "C2", segment: "B", revenue: 500, cogs: 300, costToServe: 50, shipments: 2, freight: 10 },
        { id: "C3", segment: "A", revenue: 0, cogs: 0, costToServe: 20, shipments: 0 },
      ],
      { freightPool: { total: 300, method: "shipments" } },
    );
    expect(pnl.customers.map((c) => [c.id, c.freight, c.contribution, c.marginPct])).toEqual([
      ["C1", 100, 200, 0.2],
      ["C2", 210, -60, -0.12],
      ["C3", 0, -20, null],
    ]);
    expect(pnl.segments.map((s) => [s.segment, s.customers, s.contribution])).toEqual([
      ["A", 2, 180],
      ["B", 1, -60],
    ]);
    expect([pnl.total.revenue, pnl.total.freight, pnl.total.contribution, pnl.total.marginPct]).toEqual([1500, 310, 120, 0.08]);
  });

  it.each([
    [[{ id: "C1", segment: "A", revenue: -1, cogs: 0 }], {}, "customers[0].revenue", "out_of_range"],
    [[{ id: "C1", segment: " ", revenue: 1, cogs: 0 }], {}, "customers[0].segment", "invalid"],
    [[{ id: "C1", segment: "A", revenue: 1, cogs: 0 }], { freightPool: { total: 5, method: "weight" } }, "customers[0].weightKg", "missing"],
    [
      [
        { id: "C1", segment: "A", revenue: 1, cogs: 0 },
        { id: "C1", segment: "A", revenue: 1, cogs: 0 },
      ],
      {},
      "customers.id[1]",
      "invalid",
    ],
    [[{ id: "C1", segment: "A", revenue: 1, cogs: 0 }], { freightPool: { total: 5, method: "pallets" } }, "freightPool.method", "invalid"],
  ])("refuses bad rows %#, naming %s", (rows, options, field, kind) => {
    const e = domainError(() => segmentPnl(rows as never, options as never));
    expect([e.field, e.kind]).toEqual([field, kind]);
  });
});

describe("whaleCurve", () => {
  it("returns cumulative shares in input order and peaks above 1 when someone loses money", () => {
    const w = whaleCurve([50, -20, 70]);
    expect(w.items.map((p) => [p.rank, p.cumulativeShare])).toEqual([
      [2, 1.2],
      [3, 1],
      [1, 0.7],
    ]);
    expect([w.peakShare, w.peakCount, w.lossMakers, w.lossTotal]).toEqual([1.2, 2, 1, -20]);
  });

  it("refuses a total that is not positive and non-numbers", () => {
    expect(domainError(() => whaleCurve([10, -10])).field).toBe("profits");
    expect(domainError(() => whaleCurve([10, "x"])).field).toBe("profits[1]");
  });

  it("property: ends at exactly 1, never decreases while profits are positive, peak ≥ 1", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 5000 }), { minLength: 1, maxLength: 40 }), (profits) => {
        fc.pre(profits.reduce((a, b) => a + b, 0) > 0);
        const w = whaleCurve(profits);
        expect(w.curve[w.curve.length - 1].cumulativeShare).toBe(1);
        expect(w.peakShare).toBeGreaterThanOrEqual(1 - 1e-12);
        for (let r = 1; r < w.curve.length; r++) {
          if (w.curve[r].profit >= 0) expect(w.curve[r].cumulativeShare).toBeGreaterThanOrEqual(w.curve[r - 1].cumulativeShare - 1e-12);
          expect(w.curve[r].profit).toBeLessThanOrEqual(w.curve[r - 1].profit);
        }
      }),
    );
  });
});
