import fc from "fast-check";
import { designNetwork, distanceMatrix, evaluateNetwork, networkDesignModel, toNetworkInstance, type CandidateDc, type NetworkCustomer } from "../../../shared/src/network";
import { DomainError } from "../../../shared/src/errors";
import { domainError } from "../../helpers/domainErrors";

// A line of 20 km: DCs at km 0, 10, 20; customers at km 0, 5, 15, 20. The two A customers sit on
// D1 and D3 and must be served within 3 km; the B customers have no limit. Rate 1 per unit-km.
const dcs: CandidateDc[] = [
  { id: "D1", fixedCost: 100 },
  { id: "D2", fixedCost: 50, current: true },
  { id: "D3", fixedCost: 100 },
];
const customers: NetworkCustomer[] = [
  { id: "c1", segment: "A", demand: 2 },
  { id: "c2", segment: "B", demand: 10 },
  { id: "c3", segment: "B", demand: 10 },
  { id: "c4", segment: "A", demand: 2 },
];
const positions = [0, 5, 15, 20];
const dcPositions = [0, 10, 20];
const distances = positions.map((p) => dcPositions.map((q) => Math.abs(p - q)));
const segments = [{ segment: "A", maxDistance: 3 }, { segment: "B" }];
const options = { transportCostPerUnitDistance: 1 };

describe("networkDesignModel (pure)", () => {
  const built = networkDesignModel(toNetworkInstance(customers, dcs, segments, distances, options));

  it("keeps only the assignments within each segment's limit: c1 → D1 and c4 → D3, every DC for c2 and c3", () => {
    const arcs = Array.from(built.arcCustomer, (i, k) => `c${i + 1}→D${built.arcDc[k] + 1}`);
    expect(arcs).toEqual(["c1→D1", "c2→D1", "c2→D2", "c2→D3", "c3→D1", "c3→D2", "c3→D3", "c4→D3"]);
    expect(built.prunedArcs).toBe(4);
    // cᵢⱼ = demand × 1 × distance, by hand: c2 is 5, 5, 15 km away with demand 10.
    expect(Array.from(built.arcCost)).toEqual([0, 50, 50, 150, 150, 50, 50, 0]);
  });

  it("has the strong formulation: 3 binary y, 8 continuous x, 4 assignment rows = 1 and 8 linking rows x − y ≤ 0", () => {
    const { model } = built;
    expect([model.numCols, model.numRows]).toEqual([11, 12]);
    expect(Array.from(model.integer)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(model.colCost.subarray(0, 3))).toEqual([100, 50, 100]);
    expect(Array.from(model.rowLower.subarray(0, 4))).toEqual([1, 1, 1, 1]);
    expect(Array.from(model.rowUpper.subarray(0, 4))).toEqual([1, 1, 1, 1]);
    const row = (r: number) => {
      const out: Record<number, number> = {};
      for (let p = model.starts[r]; p < model.starts[r + 1]; p++) out[model.indices[p]] = model.values[p];
      return out;
    };
    expect(row(1)).toEqual({ 4: 1, 5: 1, 6: 1 }); // c2's three arcs
    expect(row(4)).toEqual({ 0: -1, 3: 1 }); // x(c1, D1) − y(D1) ≤ 0
    expect(model.rowUpper[4]).toBe(0);
    expect(model.rowLower[4]).toBe(-Infinity);
  });

  it("fixes y = 1 for a DC that must stay open", () => {
    const forced = networkDesignModel(toNetworkInstance(customers, [dcs[0], { ...dcs[1], mustOpen: true }, dcs[2]], segments, distances, options));
    expect(Array.from(forced.model.colLower.subarray(0, 3))).toEqual([0, 1, 0]);
  });

  it("names a customer that no candidate can reach within its limit", () => {
    const e = domainError(() =>
      networkDesignModel(
        toNetworkInstance(
          customers,
          dcs,
          [
            { segment: "A", maxDistance: 3 },
            { segment: "B", maxDistance: 4 },
          ],
          distances,
          options,
        ),
      ),
    );
    expect([e.field, e.kind]).toEqual(["customers[1]", "out_of_range"]);
    expect(e.detail).toContain("the nearest is 5 away");
  });
});

describe("evaluateNetwork (pure)", () => {
  const instance = toNetworkInstance(customers, dcs, segments, distances, options);

  it("today's single DC at km 10: cheapest, but neither A customer is within 3 km", () => {
    // By hand: fixed 50; transport 2·10 + 10·5 + 10·5 + 2·10 = 140; total 190.
    const r = evaluateNetwork(instance, [false, true, false]);
    expect([r.fixedCost, r.transportCost, r.totalCost]).toEqual([50, 140, 190]);
    const a = r.segments[0];
    expect([a.segment, a.customers, a.withinLimit, a.serviceLevel, a.longestDistance, a.meanDistance]).toEqual(["A", 2, 0, 0, 10, 10]);
    expect(r.segments[1].serviceLevel).toBe(1);
    expect(r.assignments.every((x) => x.dc === "D2")).toBe(true);
  });

  it("shares each DC's fixed cost by the demand it serves", () => {
    // D1 serves c1 (2) and c2 (10): A carries 100·2/12, B 100·10/12; the same at D3.
    const r = evaluateNetwork(instance, [true, false, true]);
    expect(r.segments[0].fixedCostShare).toBeCloseTo(200 * (2 / 12), 12);
    expect(r.segments[1].fixedCostShare).toBeCloseTo(200 * (10 / 12), 12);
    expect(r.segments[0].fixedCostShare + r.segments[1].fixedCostShare + r.unallocatedFixedCost).toBeCloseTo(r.fixedCost, 12);
  });

  it("needs at least one open DC", () => {
    expect(() => evaluateNetwork(instance, [false, false, false])).toThrow(DomainError);
  });
});

/** Every subset of DCs evaluated: the optimum of the facility-location problem by enumeration. */
function bruteForce(c: NetworkCustomer[], d: CandidateDc[], s: typeof segments, dist: number[][], rate: number): number {
  const instance = toNetworkInstance(c, d, s, dist, { transportCostPerUnitDistance: rate });
  let best = Infinity;
  for (let mask = 1; mask < 1 << d.length; mask++) {
    const open = d.map((_, j) => (mask >> j) & 1);
    if (d.some((dc, j) => dc.mustOpen && !open[j])) continue;
    const r = evaluateNetwork(instance, open);
    if (r.segments.every((seg) => seg.withinLimit === seg.customers)) best = Math.min(best, r.totalCost);
  }
  return best;
}

describe("designNetwork (HiGHS)", () => {
  it("opens D1 and D3 for the A customers where a single cheap DC would otherwise win (hand-checked, and by enumeration)", async () => {
    // Without the limit {D2} costs 190 and is best; with it D1 and D3 are forced (A within 3 km) and
    // serve c2 and c3 at 5 km each: 200 + 50 + 50 = 300. Opening D2 as well would add 50 and save nothing.
    const r = await designNetwork(customers, dcs, segments, distances, options);
    expect(r.chosen.open).toEqual(["D1", "D3"]);
    expect(r.chosen.totalCost).toBe(300);
    expect(r.solver.status).toBe("optimal");
    expect(r.solver.objective).toBeCloseTo(300, 6);
    expect(r.chosen.segments.map((s) => s.serviceLevel)).toEqual([1, 1]);
    expect(r.current?.totalCost).toBe(190);
    expect(r.current?.segments[0].serviceLevel).toBe(0);
    expect(r.saving).toBe(-110);
    expect(bruteForce(customers, dcs, segments, distances, 1)).toBe(300);
  });

  it("without the limit the single DC at km 10 is optimal (190, as enumerated)", async () => {
    const r = await designNetwork(customers, dcs, [{ segment: "A" }, { segment: "B" }], distances, options);
    expect(r.chosen.open).toEqual(["D2"]);
    expect(r.chosen.totalCost).toBe(190);
    expect(r.saving).toBe(0);
  });

  it("property: the MILP optimum equals the enumeration of every set of open DCs, and every limit is met", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 100 }), y: fc.integer({ min: 0, max: 100 }), demand: fc.integer({ min: 0, max: 50 }), premium: fc.boolean() }), {
          minLength: 1,
          maxLength: 7,
        }),
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 100 }), y: fc.integer({ min: 0, max: 100 }), fixedCost: fc.integer({ min: 0, max: 3000 }) }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.integer({ min: 30, max: 150 }),
        async (cs, ds, limit) => {
          const dist = distanceMatrix(cs, ds);
          const s = [{ segment: "P", maxDistance: limit }, { segment: "S" }];
          const c = cs.map((p, i) => ({ id: `c${i}`, segment: p.premium ? "P" : "S", demand: p.demand }));
          const d = ds.map((p, j) => ({ id: `d${j}`, fixedCost: p.fixedCost }));
          // Skip instances where some premium customer has no DC in reach: the model rejects them up front.
          fc.pre(c.every((cu, i) => cu.segment === "S" || dist[i].some((x) => x <= limit)));
          const r = await designNetwork(c, d, s, dist, { transportCostPerUnitDistance: 1, mipRelGap: 0 });
          const best = bruteForce(c, d, s, dist, 1);
          expect(r.chosen.totalCost).toBeCloseTo(best, 5);
          expect(r.chosen.assignments.every((a) => a.withinLimit)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("inputs", () => {
  const bad = (fn: () => unknown) => {
    const e = domainError(fn);
    return [e.field, e.kind];
  };
  it("names the field and row of bad input", () => {
    expect(bad(() => toNetworkInstance([{ ...customers[0], demand: -1 }], dcs, segments, [[0, 10, 20]], options))).toEqual(["customers[0].demand", "out_of_range"]);
    expect(bad(() => toNetworkInstance([{ ...customers[0], segment: "Z" }], dcs, segments, [[0, 10, 20]], options))).toEqual(["customers[0].segment", "missing"]);
    expect(bad(() => toNetworkInstance(customers, [dcs[0], { ...dcs[1], id: "D1" }, dcs[2]], segments, distances, options))).toEqual(["dcs.id[1]", "invalid"]);
    expect(bad(() => toNetworkInstance(customers, dcs, [...segments, { segment: "A" }], distances, options))).toEqual(["segments[2].segment", "invalid"]);
    expect(bad(() => toNetworkInstance(customers, dcs, [{ segment: "A", maxDistance: 0 }, { segment: "B" }], distances, options))).toEqual(["segments[0].maxDistance", "out_of_range"]);
    const text = distances.map((r) => [...r]) as unknown[][];
    text[2][1] = "far";
    expect(bad(() => toNetworkInstance(customers, dcs, segments, text, options))).toEqual(["distances[2][1]", "invalid"]);
    expect(bad(() => toNetworkInstance(customers, dcs, segments, distances.slice(0, 3), options))).toEqual(["distances", "invalid"]);
    expect(bad(() => toNetworkInstance(customers, dcs, segments, [...distances.slice(0, 3), [1, 2]], options))).toEqual(["distances[3]", "invalid"]);
    expect(bad(() => toNetworkInstance(customers, dcs, segments, distances, { transportCostPerUnitDistance: Number.NaN }))).toEqual(["options.transportCostPerUnitDistance", "invalid"]);
  });
});

describe("distanceMatrix", () => {
  it("euclidean: the 3-4-5 triangle", () => {
    expect(distanceMatrix([{ x: 0, y: 0 }], [{ x: 3, y: 4 }])).toEqual([[5]]);
  });

  it("great circle BNA → LAX: 2886.444 km with R = 6371.0 (Rosetta Code, 'Haversine formula' task)", () => {
    const [[d]] = distanceMatrix([{ x: -86.67, y: 36.12 }], [{ x: -118.4, y: 33.94 }], "greatCircle");
    // Our radius is the IUGG mean 6371.0088 km; the task's printed value uses 6371.0 km.
    expect((d * 6371.0) / 6371.0088).toBeCloseTo(2886.444442837983, 6);
  });

  it("names a latitude out of range", () => {
    const e = domainError(() => distanceMatrix([{ x: 0, y: 91 }], [{ x: 0, y: 0 }], "greatCircle"));
    expect([e.field, e.kind]).toEqual(["from[0].y", "out_of_range"]);
  });
});
