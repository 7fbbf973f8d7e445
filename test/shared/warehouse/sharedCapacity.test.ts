import fc from "fast-check";
import { allocateSharedCapacity, sharedCapacityModel } from "../../../shared/src/warehouse";
import { DomainError } from "../../../shared/src/errors";

// Profit per unit of capacity: A 5/2 = 2.5, B 3/1 = 3, C 1/1 = 1.
const segments = [
  { segment: "A", profitPerUnit: 5, capacityPerUnit: 2, demand: 30, serviceFloor: 0.5 },
  { segment: "B", profitPerUnit: 3, capacityPerUnit: 1, demand: 50, serviceFloor: 0.2 },
  { segment: "C", profitPerUnit: 1, capacityPerUnit: 1, demand: 40, serviceFloor: 0.25 },
];

describe("sharedCapacityModel", () => {
  it("writes the LP: profit objective, one capacity row, floors and demands as bounds", () => {
    expect(sharedCapacityModel(segments, 100).split("\n")).toEqual([
      "Maximize",
      " profit: + 5 x0 + 3 x1 + 1 x2",
      "Subject To",
      " capacity: + 2 x0 + 1 x1 + 1 x2 <= 100",
      "Bounds",
      " 15 <= x0 <= 30",
      " 10 <= x1 <= 50",
      " 10 <= x2 <= 40",
      "End",
    ]);
  });

  it("names the field of a bad segment and a negative capacity", () => {
    const bad = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof DomainError ? [e.field, e.kind] : e;
      }
    };
    expect(bad(() => sharedCapacityModel([{ ...segments[0], serviceFloor: 1.5 }], 10))).toEqual(["segments[0].serviceFloor", "out_of_range"]);
    expect(bad(() => sharedCapacityModel([segments[0], segments[0]], 10))).toEqual(["segments[1].segment", "invalid"]);
    expect(bad(() => sharedCapacityModel(segments, -1))).toEqual(["capacity", "out_of_range"]);
  });
});

describe("allocateSharedCapacity (HiGHS)", () => {
  // Hand-solved: floors take 30 + 10 + 10 = 50 of 100; the other 50 go to B first (3 per unit of
  // capacity: +40 units up to its demand), then A (2.5: +5 units for the last 10). Profit 260; the
  // marginal unit of capacity earns A's 2.5.
  it("fills capacity above the floors by profit per unit of capacity", async () => {
    const r = await allocateSharedCapacity(segments, 100);
    expect(r.segments.map((s) => [s.segment, s.units])).toEqual([
      ["A", expect.closeTo(20, 9)],
      ["B", expect.closeTo(50, 9)],
      ["C", expect.closeTo(10, 9)],
    ]);
    expect(r.profit).toBeCloseTo(260, 9);
    expect(r.capacityUsed).toBeCloseTo(100, 9);
    expect(r.capacityShadowPrice).toBeCloseTo(2.5, 9);
  });

  it("reports floors that need more than the capacity", async () => {
    await expect(allocateSharedCapacity(segments, 40)).rejects.toMatchObject({ field: "segments", kind: "out_of_range" });
  });

  it("property: every floor is met, nothing exceeds demand or capacity, and the LP optimum equals the greedy ratio order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            profitPerUnit: fc.integer({ min: 1, max: 20 }),
            capacityPerUnit: fc.integer({ min: 1, max: 5 }),
            demand: fc.integer({ min: 0, max: 100 }),
            serviceFloor: fc.constantFrom(0, 0.1, 0.5),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 0, max: 400 }),
        async (rows, capacity) => {
          const input = rows.map((r, i) => ({ ...r, segment: `S${i}` }));
          const floorUse = input.reduce((a, r) => a + r.serviceFloor * r.demand * r.capacityPerUnit, 0);
          fc.pre(floorUse <= capacity);
          const out = await allocateSharedCapacity(input, capacity);
          out.segments.forEach((s, i) => {
            expect(s.units).toBeGreaterThanOrEqual(input[i].serviceFloor * input[i].demand - 1e-6);
            expect(s.units).toBeLessThanOrEqual(input[i].demand + 1e-6);
          });
          expect(out.capacityUsed).toBeLessThanOrEqual(capacity + 1e-6);
          // Reference: floors, then the rest by profit per unit of capacity (the continuous knapsack).
          let left = capacity - floorUse;
          let profit = input.reduce((a, r) => a + r.serviceFloor * r.demand * r.profitPerUnit, 0);
          for (const r of [...input].sort((a, b) => b.profitPerUnit / b.capacityPerUnit - a.profitPerUnit / a.capacityPerUnit)) {
            const units = Math.min((1 - r.serviceFloor) * r.demand, left / r.capacityPerUnit);
            profit += units * r.profitPerUnit;
            left -= units * r.capacityPerUnit;
          }
          expect(out.profit).toBeCloseTo(profit, 5);
        },
      ),
      { numRuns: 50 },
    );
  });
});
