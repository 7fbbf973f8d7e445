/**
 * The capacitated, single-sourced and DC-count variants of network design,
 * on a line (km): D1 at 0 (fixed 10, capacity 100), D2 at 10 (fixed 1000,
 * unlimited); C1 at 0 and C2 at 4, 60 units each; rate 1 per unit-km.
 *
 * Uncapacitated: {D1} = 10 + 60·0 + 60·4 = 250.
 * Capacitated, splits allowed: D1 holds 100 of the 120, so D2 must open:
 *   C1 whole at D1 (0), C2 40 at D1 (160) and 20 at D2 (20·6 = 120):
 *   10 + 1000 + 160 + 120 = 1290 ({D2} alone is 1000 + 600 + 360 = 1960).
 * Single-sourced: C2 no longer fits at D1 beside C1: C2 at D2 (360):
 *   10 + 1000 + 360 = 1370 (C1 at D2 and C2 at D1 would be 1850).
 * At most one DC, capacitated: only {D2} serves all, 1960.
 */
import { designNetwork, distanceMatrix } from "../../../shared/src/network";

const customers = [
  { id: "C1", segment: "S", demand: 60 },
  { id: "C2", segment: "S", demand: 60 },
];
const dcs = [
  { id: "D1", fixedCost: 10, capacity: 100 },
  { id: "D2", fixedCost: 1000 },
];
const distances = distanceMatrix(
  [
    { x: 0, y: 0 },
    { x: 4, y: 0 },
  ],
  [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
  ],
);
const design = (options: Record<string, unknown>) => designNetwork(customers, dcs, [{ segment: "S" }], distances, { transportCostPerUnitDistance: 1, ...options });

describe("network design options", () => {
  it("uncapacitated ignores the capacity: D1 alone, 250", async () => {
    const r = await design({});
    expect(r.chosen.open).toEqual(["D1"]);
    expect(r.chosen.totalCost).toBeCloseTo(250, 6);
    expect(r.chosen.dcs[0]).toMatchObject({ capacity: null, overCapacity: false });
  });

  it("capacitated splits C2 two thirds at D1, one third at D2: 1290, D1 exactly full", async () => {
    const r = await design({ capacitated: true });
    expect(r.chosen.open).toEqual(["D1", "D2"]);
    expect(r.chosen.totalCost).toBeCloseTo(1290, 4);
    const c2 = r.chosen.assignments.filter((a) => a.customer === "C2").map((a) => [a.dc, +a.share.toFixed(6)]);
    expect(c2).toEqual([
      ["D1", 0.666667],
      ["D2", 0.333333],
    ]);
    expect(r.chosen.dcs[0]).toMatchObject({ capacity: 100, overCapacity: false });
    expect(r.chosen.dcs[0].demand).toBeCloseTo(100, 4);
  });

  it("single-sourced sends C2 whole to D2: 1370", async () => {
    const r = await design({ capacitated: true, singleSourcing: true });
    expect(r.chosen.totalCost).toBeCloseTo(1370, 4);
    expect(r.chosen.assignments.map((a) => [a.customer, a.dc, a.share])).toEqual([
      ["C1", "D1", 1],
      ["C2", "D2", 1],
    ]);
  });

  it("at most one DC with capacities leaves only D2: 1960", async () => {
    const r = await design({ capacitated: true, maxDcs: 1 });
    expect(r.chosen.open).toEqual(["D2"]);
    expect(r.chosen.totalCost).toBeCloseTo(1960, 4);
  });

  it("a current network over its capacity is flagged, not re-routed", async () => {
    const r = await designNetwork(customers, [{ ...dcs[0], current: true }, dcs[1]], [{ segment: "S" }], distances, { transportCostPerUnitDistance: 1, capacitated: true });
    expect(r.current!.open).toEqual(["D1"]);
    expect(r.current!.dcs[0]).toMatchObject({ demand: 120, overCapacity: true });
  });
});
