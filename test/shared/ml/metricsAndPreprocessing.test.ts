import fc from "fast-check";
import { DomainError } from "../../../shared/src/errors";
import { variabilityWord } from "../../../shared/src/ml/describeClusters";
import { adjustedRandIndex, describeClusters, entityFeatures, kmeans, preprocessFeatures, silhouette, toOriginalUnits } from "../../../shared/src/ml";

describe("adjustedRandIndex", () => {
  it("reproduces scikit-learn's documented examples", () => {
    // scikit-learn `adjusted_rand_score` docstring: ([0,0,1,2],[0,0,1,1]) → 0.57…, ([0,0,0,0],[0,1,2,3]) → 0.0;
    // confirmed here with scikit-learn 1.2.1: 0.5714285714285714.
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(0.5714285714285714, 15);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
  });

  it("property: symmetric, 1 against itself under any relabelling", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 60, maxLength: 60 }), (a, b) => {
        const bb = b.slice(0, a.length);
        expect(adjustedRandIndex(a, bb)).toBeCloseTo(adjustedRandIndex(bb, a), 12);
        expect(
          adjustedRandIndex(
            a,
            a.map((x) => 10 - x),
          ),
        ).toBe(1);
      }),
    );
  });

  it("names mismatched or empty input", () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(new DomainError("predicted", "expected 2 labels (as many as truth), got 1"));
    expect(() => adjustedRandIndex([], [])).toThrow(/^truth: /);
  });
});

describe("silhouette", () => {
  it("matches scikit-learn on two worked examples", () => {
    // By hand: a = 1 for every row, b = 10.5, 9.5, 9.5, 10.5, s = 1 − 1/b; scikit-learn 1.2.1 silhouette_score: 0.899749373433584.
    const r = silhouette(new Float64Array([0, 1, 10, 11]), 4, 1, Int32Array.from([0, 0, 1, 1]), 2);
    expect(r.mean).toBeCloseTo(0.899749373433584, 14);
    expect(r.sampled).toBe(false);
    // The Han–Kamber k-means exercise's final clusters: scikit-learn 1.2.1 silhouette_score 0.5708086620582917.
    const x = new Float64Array([2, 10, 2, 5, 8, 4, 5, 8, 7, 5, 6, 4, 1, 2, 4, 9]);
    expect(silhouette(x, 8, 2, Int32Array.from([0, 2, 1, 0, 1, 1, 2, 0]), 3).mean).toBeCloseTo(0.5708086620582917, 14);
  });

  it("scores a singleton 0 (Rousseeuw's convention) and samples above sampleSize, saying so", () => {
    const r = silhouette(new Float64Array([0, 10, 11]), 3, 1, Int32Array.from([0, 1, 1]), 2);
    expect(r.perCluster[0]).toBe(0);
    const big = new Float64Array(300).map((_, i) => (i < 150 ? i / 150 : 20 + i / 150));
    const labels = Int32Array.from({ length: 300 }, (_, i) => (i < 150 ? 0 : 1));
    const s = silhouette(big, 300, 1, labels, 2, { sampleSize: 50, seed: 4 });
    expect(s).toMatchObject({ sampled: true, scored: 50 });
    expect(s.mean).toBeGreaterThan(0.9);
    expect(silhouette(big, 300, 1, labels, 2, { sampleSize: 50, seed: 4 })).toEqual(s);
  });

  it("property: within [−1, 1]", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 4, maxLength: 40 }), (values) => {
        const n = values.length;
        const labels = Int32Array.from({ length: n }, (_, i) => i % 2);
        const s = silhouette(Float64Array.from(values), n, 1, labels, 2).mean;
        expect(s).toBeGreaterThanOrEqual(-1);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("names bad labels and k", () => {
    expect(() => silhouette(new Float64Array([0, 1]), 2, 1, Int32Array.from([0, 3]), 2)).toThrow(new DomainError("labels[1]", "expected a cluster from 0 to 1, got 3", "out_of_range"));
    expect(() => silhouette(new Float64Array([0, 1]), 2, 1, Int32Array.from([0]), 2)).toThrow(/^labels: expected 2 labels/);
    expect(() => silhouette(new Float64Array([0, 1]), 2, 1, Int32Array.from([0, 0]), 1)).toThrow(/^k: /);
  });
});

describe("preprocessFeatures", () => {
  it("logs money, z-scores with the sample sd, and imputes the median explicitly", () => {
    const rows = [
      { revenue: 10, cov: 1 },
      { revenue: 1000, cov: null },
      { revenue: 100, cov: 3 },
    ];
    const frozen = JSON.stringify(rows);
    const p = preprocessFeatures(rows, [{ name: "revenue", money: true }, { name: "cov" }]);
    // By hand: log1p(10), log1p(1000), log1p(100) → mean and sample sd. cov: the statistics come from the
    // present values 1 and 3 (mean 2, sample sd √2), the missing one takes their median 2 → z = −1/√2, 0, 1/√2.
    const logs = [Math.log1p(10), Math.log1p(1000), Math.log1p(100)];
    const mean = logs.reduce((a, b) => a + b) / 3;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / 2);
    expect(p.matrix[0]).toBeCloseTo((logs[0] - mean) / sd, 12);
    expect([p.matrix[1], p.matrix[3], p.matrix[5]]).toEqual([-1 / Math.SQRT2, 0, 1 / Math.SQRT2]);
    expect(p.transforms[1]).toMatchObject({ name: "cov", missing: 1, imputed: 2, log: false, constant: false });
    expect(JSON.stringify(rows)).toBe(frozen);
    // Back to original units.
    const back = toOriginalUnits(p.matrix, p.transforms);
    expect(back[1][0]).toBeCloseTo(1000, 9);
  });

  it("robust scaling centres on the median and divides by the IQR (scikit-learn's RobustScaler: centre 3, scale 2 for 1, 2, 3, 4, 100)", () => {
    const p = preprocessFeatures(
      [1, 2, 3, 4, 100].map((x) => ({ x })),
      [{ name: "x" }],
      { scaling: "robust" },
    );
    expect(p.transforms[0]).toMatchObject({ centre: 3, scale: 2 });
    expect(Array.from(p.matrix)).toEqual([-1, -0.5, 0, 0.5, 48.5]);
  });

  it("drops rows with a missing value when asked, listing them; a constant feature scales to 0 and is flagged", () => {
    const p = preprocessFeatures(
      [
        { a: 1, b: 5 },
        { a: null, b: 5 },
        { a: 3, b: 5 },
      ],
      [{ name: "a" }, { name: "b" }],
      { missing: "drop" },
    );
    expect(p.kept).toEqual([0, 2]);
    expect(p.dropped).toEqual([1]);
    expect(p.transforms[1].constant).toBe(true);
    expect([p.matrix[1], p.matrix[3]]).toEqual([0, 0]);
  });

  it("property: z-scored columns have mean 0 and sample sd 1 (or are all 0)", () => {
    fc.assert(
      // Subnormal magnitudes are flushed to 0: their squares underflow, and no business feature lives there.
      fc.property(
        fc.array(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (Math.abs(x) < 1e-100 ? 0 : x)),
          { minLength: 2, maxLength: 50 },
        ),
        (xs) => {
          const p = preprocessFeatures(
            xs.map((x) => ({ x })),
            [{ name: "x" }],
          );
          const m = Array.from(p.matrix);
          const mean = m.reduce((a, b) => a + b, 0) / m.length;
          expect(Math.abs(mean)).toBeLessThan(1e-6);
          if (!p.transforms[0].constant) expect(Math.sqrt(m.reduce((a, b) => a + (b - mean) ** 2, 0) / (m.length - 1))).toBeCloseTo(1, 6);
        },
      ),
    );
  });

  it("names bad input: text, infinity, repeated or empty features, nothing left", () => {
    expect(() => preprocessFeatures([{ x: 1 }, { x: "n/a" }], [{ name: "x" }])).toThrow(new DomainError("rows[1].x", 'must be a number or nothing, got "n/a"'));
    expect(() => preprocessFeatures([{ x: Infinity }], [{ name: "x" }])).toThrow(/^rows\[0\]\.x: /);
    expect(() => preprocessFeatures([{ x: 1 }], [{ name: "x" }, { name: "x" }])).toThrow(new DomainError("features[1].name", '"x" is listed twice'));
    expect(() => preprocessFeatures([{ x: 1 }], [])).toThrow(/^features: at least one feature is needed/);
    expect(() => preprocessFeatures([{ x: null }], [{ name: "x" }], { missing: "drop" })).toThrow(new DomainError("rows", "every row has a missing value", "missing"));
    expect(() => preprocessFeatures([{ x: null }, { x: null }], [{ name: "x" }])).toThrow(new DomainError("features[0]", '"x" is missing in every row', "missing"));
  });
});

describe("describeClusters", () => {
  it("names variability on the absolute XYZ scale, not by rank: the least variable of erratic clusters is still erratic", () => {
    const rows = [
      { cov: 1.07, margin: -0.1 },
      { cov: 1.1, margin: -0.12 },
      { cov: 3, margin: 0.2 },
      { cov: 3.2, margin: 0.22 },
    ];
    const p = preprocessFeatures(rows, [{ name: "cov" }, { name: "margin" }]);
    const r = kmeans(p.matrix, 4, 2, 2, { seed: 1 });
    const profiles = describeClusters(rows, r.labels, r.centres, 2, p.transforms, { variability: "cov", margin: "margin" });
    expect(profiles[r.labels[0]].name).toBe("loss-making · erratic");
    expect(profiles[r.labels[2]].name).toBe("high margin · erratic");
    expect([0.2, 0.5, 0.51, 1, 1.07].map(variabilityWord)).toEqual(["steady", "steady", "variable", "variable", "erratic"]);
  });

  it("names clusters by ranking centroid revenue, margin and variability", () => {
    const rows = [
      { revenue: 100000, margin: 0.4, cov: 0.2 },
      { revenue: 120000, margin: 0.42, cov: 0.25 },
      { revenue: 500, margin: 0.1, cov: 2 },
      { revenue: 700, margin: 0.12, cov: 2.2 },
      { revenue: 9000, margin: 0.3, cov: 0.9 },
      { revenue: 11000, margin: 0.28, cov: 1 },
    ];
    const specs = [{ name: "revenue", money: true }, { name: "margin" }, { name: "cov" }];
    const p = preprocessFeatures(rows, specs);
    const r = kmeans(p.matrix, 6, 3, 3, { seed: 2 });
    const profiles = describeClusters(rows, r.labels, r.centres, 3, p.transforms, { revenue: "revenue", margin: "margin", variability: "cov" });
    const nameOf = (row: number) => profiles[r.labels[row]].name;
    expect(nameOf(0)).toBe("high value · high margin · steady");
    expect(nameOf(2)).toBe("low value · low margin · erratic");
    // A centre CoV of 0.95 is "variable" on the XYZ scale, not "steady" or "volatile" by rank.
    expect(nameOf(4)).toBe("mid value · mid margin · variable");
    expect(profiles[r.labels[0]]).toMatchObject({ size: 2, share: 2 / 6, mean: { revenue: 110000 } });
    expect(profiles[r.labels[0]].median.margin).toBeCloseTo(0.41, 12);
    // The centroid of a log feature is the geometric-mean-like centre (by hand: expm1 of the mean of log1p).
    expect(profiles[r.labels[0]].centroid.revenue).toBeCloseTo(Math.expm1((Math.log1p(100000) + Math.log1p(120000)) / 2), 6);
    expect(() => describeClusters(rows, r.labels, r.centres, 3, p.transforms, { revenue: "sales" })).toThrow(/^roles\.revenue: "sales" is not one of the clustered features/);
  });
});

describe("entityFeatures", () => {
  it("computes revenue, margin %, frequency, lines per order, CoV and returns rate (by hand)", () => {
    const lines = [
      { entityId: "C1", week: 1, quantity: 2, unitPrice: 10, unitCost: 6, lines: 2, returnedUnits: 0 },
      { entityId: "C1", week: 3, quantity: 4, unitPrice: 10, unitCost: 6, lines: 4, returnedUnits: 1 },
      { entityId: "ZZ", week: 2, quantity: 4, unitPrice: 10, unitCost: 6, lines: 4, returnedUnits: 1 },
    ];
    const [c1, c2] = entityFeatures(["C1", "C2"], lines, 4);
    // Weekly revenue 20, 0, 40, 0: mean 15, sample sd √((25 + 225 + 625 + 225)/3) = √(1100/3).
    expect(c1).toEqual({ revenue: 60, margin_pct: 0.4, order_frequency: 0.5, lines_per_order: 3, demand_cov: Math.sqrt(1100 / 3) / 15, returns_rate: 1 / 6 });
    expect(c2).toEqual({ revenue: 0, margin_pct: null, order_frequency: 0, lines_per_order: null, demand_cov: null, returns_rate: null });
    expect(() => entityFeatures(["C1"], [{ ...lines[0], week: 9 }], 4)).toThrow(new DomainError("lines[0].week", "expected a week from 1 to 4, got 9", "out_of_range"));
  });
});
