import fc from "fast-check";
import { planSlotting, planWaveRelease, slottingModel } from "../../../shared/src/warehouse";
import { fieldAndKind } from "../../helpers/domainErrors";

const bad = fieldAndKind;

const zones = [
  { zone: "golden", capacity: 2, costPerPick: 1 },
  { zone: "fast pick", capacity: 3, costPerPick: 2 },
  { zone: "reserve", capacity: 10, costPerPick: 5 },
  { zone: "cold", capacity: 2, costPerPick: 3, refrigerated: true },
];

describe("slottingModel (pure)", () => {
  it("one binary per item × zone of its temperature class, one row per item (= 1) and per zone (≤ capacity)", () => {
    const built = slottingModel(
      [
        { id: "a", segment: "A", picks: 100, space: 1 },
        { id: "m", segment: "A", picks: 10, space: 2, refrigerated: true, currentZone: "cold" },
      ],
      zones,
      { moveCost: 7, segmentWeights: { A: 2 } },
    );
    expect(Array.from(built.arcItem)).toEqual([0, 0, 0, 1]);
    expect(Array.from(built.arcZone)).toEqual([0, 1, 2, 3]);
    // 2 × 100 × (1, 2, 5) and 2 × 10 × 3 (no move: it stays in cold).
    expect(Array.from(built.arcCost)).toEqual([200, 400, 1000, 60]);
    const { model } = built;
    expect([model.numCols, model.numRows]).toEqual([4, 6]);
    expect(Array.from(model.rowUpper)).toEqual([1, 1, 2, 3, 10, 2]);
    // The cold zone's row holds the refrigerated item's arc with its space, 2.
    expect(Array.from(model.indices.subarray(model.starts[5], model.starts[6]))).toEqual([3]);
    expect(Array.from(model.values.subarray(model.starts[5], model.starts[6]))).toEqual([2]);
  });

  it("names an item with no zone of its temperature class", () => {
    expect(bad(() => slottingModel([{ id: "ice", segment: "A", picks: 1, space: 1, refrigerated: true }], zones.slice(0, 3)))).toEqual(["items[0]", "missing"]);
  });
});

describe("planSlotting (HiGHS)", () => {
  const items = [
    { id: "i1", segment: "C", picks: 90, space: 1, currentZone: "golden" },
    { id: "i2", segment: "A", picks: 60, space: 1, currentZone: "reserve" },
    { id: "i3", segment: "A", picks: 50, space: 1, currentZone: "golden" },
    { id: "i4", segment: "B", picks: 40, space: 1, currentZone: "fast pick" },
    { id: "i5", segment: "C", picks: 5, space: 1, currentZone: "fast pick" },
  ];

  it("puts the highest service-weighted velocity in the golden zone and lists the moves (hand-checked)", async () => {
    // Weighted picks with A = 2: i2 120, i3 100, i1 90, i4 40, i5 5. Golden (2 slots): i2, i3; fast pick (3): i1, i4, i5.
    // Cost 120·1 + 100·1 + (90 + 40 + 5)·2 = 490; today: 90·1 + 120·5 + 100·1 + 40·2 + 5·2 = 880.
    const plan = await planSlotting(items, zones, { segmentWeights: { A: 2 } });
    expect(plan.items.map((x) => [x.id, x.zone])).toEqual([
      ["i1", "fast pick"],
      ["i2", "golden"],
      ["i3", "golden"],
      ["i4", "fast pick"],
      ["i5", "fast pick"],
    ]);
    expect(plan.moves).toEqual([
      { id: "i1", from: "golden", to: "fast pick" },
      { id: "i2", from: "reserve", to: "golden" },
    ]);
    expect(plan.cost).toBeCloseTo(490, 9);
    expect(plan.currentCost).toBe(880);
    expect(plan.zones.map((z) => z.used)).toEqual([2, 3, 0, 0]);
  });

  it("a move cost keeps an item where it is when moving saves less than it costs", async () => {
    // Any plan with a move costs at least the optimal pick cost 490 + 1,000 > 880, today's cost: nothing moves.
    const plan = await planSlotting(items, zones, { segmentWeights: { A: 2 }, moveCost: 1000 });
    expect(plan.moves).toEqual([]);
    expect(plan.cost).toBe(880);
  });

  it("reports items that do not fit the capacities", async () => {
    await expect(planSlotting([{ id: "x", segment: "A", picks: 1, space: 3, refrigerated: true }], zones)).rejects.toMatchObject({ field: "zones", kind: "out_of_range" });
  });

  it("property: with unit spaces and no move cost the MILP equals the cube-per-order-index ranking", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ picks: fc.integer({ min: 0, max: 200 }), segment: fc.constantFrom("A", "B", "C") }), { minLength: 1, maxLength: 14 }), async (rows) => {
        const weights = { A: 3, B: 2, C: 1 };
        const plan = await planSlotting(
          rows.map((r, i) => ({ ...r, id: i, space: 1 })),
          zones.slice(0, 3),
          { segmentWeights: weights },
        );
        // Reference: weighted picks, largest first, into the zones by cost per pick (rearrangement inequality).
        const ranked = rows.map((r) => weights[r.segment] * r.picks).sort((a, b) => b - a);
        const slots = [1, 1, 2, 2, 2, ...new Array(10).fill(5)];
        const greedy = ranked.reduce((a, w, k) => a + w * slots[k], 0);
        expect(plan.cost).toBeCloseTo(greedy, 6);
        plan.zones.forEach((z) => expect(z.used).toBeLessThanOrEqual(z.capacity));
      }),
      { numRuns: 40 },
    );
  });

  it("names bad input", () => {
    expect(bad(() => slottingModel([{ id: "a", segment: "A", picks: -1, space: 1 }], zones))).toEqual(["items[0].picks", "out_of_range"]);
    expect(bad(() => slottingModel([{ id: "a", segment: "A", picks: 1, space: 0 }], zones))).toEqual(["items[0].space", "out_of_range"]);
    expect(bad(() => slottingModel([{ id: "a", segment: "A", picks: 1, space: 1, currentZone: "attic" }], zones))).toEqual(["items[0].currentZone", "invalid"]);
    expect(
      bad(() =>
        slottingModel(
          [
            { id: "a", segment: "A", picks: 1, space: 1 },
            { id: "a", segment: "B", picks: 1, space: 1 },
          ],
          zones,
        ),
      ),
    ).toEqual(["items[1].id", "invalid"]);
    expect(bad(() => slottingModel([{ id: "a", segment: "A", picks: 1, space: 1 }], [...zones, zones[0]]))).toEqual(["zones[4].zone", "invalid"]);
    expect(bad(() => slottingModel([{ id: "a", segment: "A", picks: 1, space: 1 }], zones, { segmentWeights: { A: 0 } }))).toEqual(["options.segmentWeights.A", "out_of_range"]);
  });
});

describe("planWaveRelease (hand-checked)", () => {
  const waves = [
    { wave: "W3", releaseMinute: 18 * 60 },
    { wave: "W1", releaseMinute: 8 * 60 },
    { wave: "W2", releaseMinute: 13 * 60 },
  ];
  const rules = [
    { segment: "Premium", cutoffMinutes: 15 },
    { segment: "Core", waves: ["W1", "W3"], cutoffMinutes: 30 },
    { segment: "C", waves: ["W3"], cutoffMinutes: 60 },
  ];

  it("premium orders join the next wave, core the next of W1/W3, C orders batch into the daily W3; late ones wait for tomorrow", () => {
    const plan = planWaveRelease(
      [
        { id: "p1", segment: "Premium", arrivalMinute: 7 * 60 + 45 }, // 07:45 ≤ 08:00 − 15 → W1
        { id: "p2", segment: "Premium", arrivalMinute: 7 * 60 + 50 }, // misses W1 by 5 min → W2 at 13:00
        { id: "c1", segment: "Core", arrivalMinute: 9 * 60, lines: 4 }, // not allowed W2 → W3
        { id: "t1", segment: "C", arrivalMinute: 6 * 60 }, // daily wave only → W3
        { id: "t2", segment: "C", arrivalMinute: 17 * 60 + 30 }, // after 17:00 cut-off → next day
      ],
      waves,
      rules,
    );
    expect(plan.orders.map((o) => [o.id, o.wave, o.waitMinutes])).toEqual([
      ["p1", "W1", 15],
      ["p2", "W2", 310],
      ["c1", "W3", 540],
      ["t1", "W3", 720],
      ["t2", null, null],
    ]);
    expect(plan.waves.map((w) => [w.wave, w.orders, w.lines, w.bySegment])).toEqual([
      ["W1", 1, 1, { Premium: 1 }],
      ["W2", 1, 1, { Premium: 1 }],
      ["W3", 2, 5, { Core: 1, C: 1 }],
    ]);
    expect(plan.carriedOver).toEqual({ orders: 1, lines: 1 });
  });

  it("property: every released order met its wave's cut-off, joined an allowed wave, and no earlier allowed wave would have taken it", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ segment: fc.constantFrom("Premium", "Core", "C"), arrivalMinute: fc.integer({ min: 0, max: 1440 }) }), { maxLength: 40 }), (orders) => {
        const plan = planWaveRelease(
          orders.map((o, id) => ({ ...o, id })),
          waves,
          rules,
        );
        plan.orders.forEach((o, i) => {
          const rule = rules.find((r) => r.segment === orders[i].segment)!;
          const allowed = waves.filter((w) => !rule.waves || rule.waves.includes(w.wave));
          const fits = allowed.filter((w) => orders[i].arrivalMinute <= w.releaseMinute - rule.cutoffMinutes);
          const first = fits.sort((a, b) => a.releaseMinute - b.releaseMinute)[0];
          expect(o.wave).toBe(first ? first.wave : null);
        });
        expect(plan.waves.reduce((a, w) => a + w.orders, 0) + plan.carriedOver.orders).toBe(orders.length);
      }),
    );
  });

  it("names bad input", () => {
    const ok = { id: "a", segment: "Premium", arrivalMinute: 0 };
    expect(bad(() => planWaveRelease([{ ...ok, arrivalMinute: 2000 }], waves, rules))).toEqual(["orders[0].arrivalMinute", "out_of_range"]);
    expect(bad(() => planWaveRelease([{ ...ok, segment: "Gold" }], waves, rules))).toEqual(["orders[0].segment", "missing"]);
    expect(bad(() => planWaveRelease([ok, ok], waves, rules))).toEqual(["orders.id[1]", "invalid"]);
    expect(bad(() => planWaveRelease([ok], [...waves, waves[0]], rules))).toEqual(["waves[3].wave", "invalid"]);
    expect(bad(() => planWaveRelease([ok], waves, [{ segment: "Premium", waves: ["W9"] }]))).toEqual(["rules[0].waves[0]", "invalid"]);
    expect(bad(() => planWaveRelease([ok], waves, [{ segment: "Premium", cutoffMinutes: -5 }]))).toEqual(["rules[0].cutoffMinutes", "out_of_range"]);
  });
});
