import fc from "fast-check";
import { blendSegmentWeights, scoreSuppliers, scoreSuppliersBySegment } from "../../../shared/src/suppliers";
import { domainError } from "../../helpers/domainErrors";

// Metrics: on-time rate (benefit), quality ppm (cost), lead-time sd in days (cost).
const metrics = [
  [0.98, 200, 2],
  [0.9, 50, 1],
  [0.94, 100, 4],
];
const directions = ["benefit", "cost", "cost"] as const;

describe("scoreSuppliers", () => {
  // Hand-checked normalised values: on-time 1, 0, 0.5; ppm 0, 1, 2/3; sd 2/3, 1, 0.
  it("scores 0–100 with per-metric contributions that add up to the score, and ranks", () => {
    const s = scoreSuppliers(metrics, [0.5, 0.3, 0.2], { directions: [...directions], ids: ["S1", "S2", "S3"] });
    expect(s.map((x) => x.contributions)).toEqual(
      [
        [50, 0, 20 * (2 / 3)],
        [0, 30, 20],
        [25, 20, 0],
      ].map((row) => row.map((v) => expect.closeTo(v, 10))),
    );
    expect(s.map((x) => x.score)).toEqual([50 + 40 / 3, 50, 45].map((v) => expect.closeTo(v, 10)));
    expect(s.map((x) => x.rank)).toEqual([1, 2, 3]);
  });

  // Hand-checked: targets on-time 0.95, ppm 100, sd 2 → S1: 1, 0.5, 1; S2: 0.947…, 1, 1; S3: 0.989…, 1, 0.5.
  it("target normalisation caps achievement at the target", () => {
    const s = scoreSuppliers(metrics, [0.5, 0.3, 0.2], { directions: [...directions], normalisation: "target", targets: [0.95, 100, 2] });
    expect(s[0].score).toBeCloseTo(50 + 15 + 20, 10);
    expect(s[1].score).toBeCloseTo(50 * (0.9 / 0.95) + 30 + 20, 10);
    expect(s[2].score).toBeCloseTo(50 * (0.94 / 0.95) + 30 + 10, 10);
  });

  it("gives every supplier full marks on a metric they all tie on", () => {
    expect(
      scoreSuppliers(
        [
          [1, 5],
          [2, 5],
        ],
        [0.5, 0.5],
      ).map((s) => s.score),
    ).toEqual([50, 100]);
  });

  it.each([
    [[[1, 2]], [0.5, 0.6], {}, "weights", "out_of_range"],
    [[[1, 2]], [0.5], {}, "weights", "invalid"],
    [[[1, 2]], [1.5, -0.5], {}, "weights[0]", "out_of_range"],
    [
      [
        [1, 2],
        [3, NaN],
      ],
      [0.5, 0.5],
      {},
      "metrics[1][1]",
      "invalid",
    ],
    [[[1, 2]], [0.5, 0.5], { directions: ["benefit"] }, "directions", "invalid"],
    [[[1, 2]], [0.5, 0.5], { normalisation: "target" }, "targets", "missing"],
    [[[1, -2]], [0.5, 0.5], { normalisation: "target", targets: [1, 1] }, "metrics[0][1]", "out_of_range"],
    [
      [
        [1, 2],
        [3, 4],
      ],
      [0.5, 0.5],
      { ids: ["S1", "S1"] },
      "ids[1]",
      "invalid",
    ],
  ])("refuses bad input %#, naming %s", (m, w, options, field, kind) => {
    const e = domainError(() => scoreSuppliers(m as unknown[][], w, options as never));
    expect([e.field, e.kind]).toEqual([field, kind]);
  });

  const tables = fc.tuple(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 1, max: 5 })).chain(([rows, columns]) =>
    fc.record({
      m: fc.array(fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
      raw: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: columns, maxLength: columns }),
    }),
  );

  it("property: scores lie in [0, 100], contributions sum to the score, and improving a benefit metric never lowers the score", () => {
    fc.assert(
      fc.property(tables, fc.nat(), ({ m, raw }, pick) => {
        const sum = raw.reduce((a, b) => a + b, 0);
        const w = raw.map((r) => r / sum);
        const s = scoreSuppliers(m, w);
        for (const x of s) {
          expect(x.score).toBeGreaterThanOrEqual(-1e-9);
          expect(x.score).toBeLessThanOrEqual(100 + 1e-9);
          expect(Math.abs(x.contributions.reduce((a, b) => a + b, 0) - x.score)).toBeLessThan(1e-9);
        }
        const i = pick % m.length;
        const j = pick % m[0].length;
        const better = m.map((row, r) => row.map((v, c) => (r === i && c === j ? Math.max(...m.map((q) => q[c])) + 1 : v)));
        expect(scoreSuppliers(better, w)[i].score).toBeGreaterThanOrEqual(s[i].score - 1e-9);
      }),
    );
  });
});

describe("scoreSuppliersBySegment", () => {
  const segmentWeights = [
    { segment: "A", weights: [0.7, 0.2, 0.1] },
    { segment: "C", weights: [0.1, 0.3, 0.6] },
  ];

  // Hand-checked: S1 spends 75 % in A, 25 % in C → 0.55, 0.225, 0.225.
  it("blends each supplier's weights by its spend share per segment", () => {
    const blended = blendSegmentWeights(["S1", "S2"], 3, segmentWeights, [
      { supplier: "S1", segment: "A", amount: 300 },
      { supplier: "S1", segment: "C", amount: 100 },
      { supplier: "S2", segment: "C", amount: 50 },
    ]);
    expect(Array.from(blended[0].weights)).toEqual([0.55, 0.225, 0.225].map((v) => expect.closeTo(v, 12)));
    expect(blended[0].spendShares).toEqual({ A: 0.75, C: 0.25 });
    expect(Array.from(blended[1].weights)).toEqual([0.1, 0.3, 0.6].map((v) => expect.closeTo(v, 12)));
  });

  it("weighs on-time delivery more for a supplier of A-items: the on-time leader wins in A, loses in C", () => {
    const ids = ["S1", "S2", "S3"];
    const allIn = (segment: string) => ids.map((supplier) => ({ supplier, segment, amount: 1 }));
    const inA = scoreSuppliersBySegment(metrics, segmentWeights, allIn("A"), { ids, directions: [...directions] });
    const inC = scoreSuppliersBySegment(metrics, segmentWeights, allIn("C"), { ids, directions: [...directions] });
    expect(inA.find((s) => s.rank === 1)!.id).toBe("S1");
    expect(inC.find((s) => s.rank === 1)!.id).toBe("S2");
  });

  it("property: blended weights sum to 1 and the score stays in [0, 100]", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("S1", "S2", "S3"), fc.constantFrom("A", "C"), fc.integer({ min: 1, max: 1000 })), { minLength: 1, maxLength: 12 }), (rows) => {
        const spend = rows.map(([supplier, segment, amount]) => ({ supplier, segment, amount }));
        const s = scoreSuppliersBySegment(metrics, segmentWeights, spend, { ids: ["S1", "S2", "S3"], directions: [...directions], defaultWeights: [1 / 3, 1 / 3, 1 / 3] });
        for (const x of s) {
          expect(Math.abs(x.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
          expect(x.score).toBeGreaterThanOrEqual(0);
          expect(x.score).toBeLessThanOrEqual(100 + 1e-9);
        }
      }),
    );
  });

  it.each([
    [[{ segment: "A", weights: [0.7, 0.2, 0.2] }], [{ supplier: "S1", segment: "A", amount: 1 }], "segmentWeights[0].weights", "out_of_range"],
    [segmentWeights, [{ supplier: "S9", segment: "A", amount: 1 }], "spend[0].supplier", "invalid"],
    [segmentWeights, [{ supplier: "S1", segment: "B", amount: 1 }], "spend[0].segment", "missing"],
    [segmentWeights, [{ supplier: "S1", segment: "A", amount: -1 }], "spend[0].amount", "out_of_range"],
    [[...segmentWeights, { segment: "A", weights: [1, 0, 0] }], [], "segmentWeights[2].segment", "invalid"],
    [segmentWeights, [{ supplier: "S1", segment: "A", amount: 1 }], "spend", "missing"],
  ])("refuses bad segment data %#, naming %s", (sw, spend, field, kind) => {
    const e = domainError(() => scoreSuppliersBySegment(metrics, sw, spend, { ids: ["S1", "S2", "S3"], directions: [...directions] }));
    expect([e.field, e.kind]).toEqual([field, kind]);
  });
});
