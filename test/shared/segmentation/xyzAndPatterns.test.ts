import fc from "fast-check";
import { abcXyzMatrix, classifyAbc, classifyDemandPatterns, classifyXyz } from "../../../shared/src";
import sbc from "../../fixtures/literature/sbc_demand_classification.json";

describe("classifyXyz", () => {
  it("computes CV with the sample standard deviation (n − 1)", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − x̄)² = 32, sample sd √(32/7) = 2.138 (population sd would be 2).
    const [item] = classifyXyz([[2, 4, 4, 4, 5, 5, 7, 9]]).items;
    expect(item.mean).toBe(5);
    expect(item.standardDeviation).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(item.coefficientOfVariation).toBeCloseTo(Math.sqrt(32 / 7) / 5, 12);
    expect(item.class).toBe("X");
  });

  it("puts a CV equal to a cut-off in the lower class, and an all-zero row in `no demand` (never NaN)", () => {
    // 0, 2: mean 1, sample sd √2 → CV 1.414 → Z; 1, 3: mean 2, sd √2 → CV 0.707 → Y.
    const r = classifyXyz(
      [
        [0, 2],
        [1, 3],
        [0, 0],
        [4, 4],
      ],
      { cutoffs: [0.5, Math.SQRT2 / 2] },
    );
    expect(r.items.map((i) => i.class)).toEqual(["Z", "Y", "no demand", "X"]);
    expect(r.items[2]).toMatchObject({ coefficientOfVariation: null, noDemand: true });
  });

  it("takes custom labels and a custom no-demand label", () => {
    const r = classifyXyz(
      [
        [1, 1],
        [0, 0],
      ],
      { cutoffs: [0.3], labels: ["stable", "volatile"], noDemandLabel: "dormant" },
    );
    expect(r.items.map((i) => i.class)).toEqual(["stable", "dormant"]);
  });

  it.each([
    [[[1, "x"]], 'demand[0][1]: must be a number, got "x"'],
    [[[1, -2]], "demand[0][1]: must be ≥ 0, got -2"],
    [[[1, Number.NaN]], "demand[0][1]: must be a number, got NaN"],
    [[[1, 2], [3]], "demand[1]: expected 2 periods like the first row, got 1"],
    [[[1]], "demand: expected at least 2 periods (columns), got 1"],
    [[], "demand: expected a table of demand (rows = items, columns = periods), got a list of 0"],
  ])("refuses %j", (demand, message) => {
    expect(() => classifyXyz(demand as unknown[][])).toThrow(message);
  });

  it("refuses a 4th class without labels", () => {
    expect(() => classifyXyz([[1, 2]], { cutoffs: [0.1, 0.2, 0.3] })).toThrow("labels: give 4 labels");
  });

  it("is scale-invariant: multiplying a row by a constant keeps its class", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 20 }), fc.integer({ min: 2, max: 1000 }), (row, k) => {
        const a = classifyXyz([row]).items[0];
        const b = classifyXyz([row.map((v) => v * k)]).items[0];
        expect(b.class).toBe(a.class);
      }),
    );
  });
});

describe("classifyDemandPatterns (Syntetos, Boylan & Croston 2005)", () => {
  it("the forum series 0, 20, 30, 0, 0, 50 is intermittent: ADI 6/3 = 2, CV² (population) 0.14", () => {
    // Sizes 20, 30, 50: mean 33.33, population variance 155.56 → CV² = 155.56 / 1111.11 = 0.14 (fixture: sbc_demand_classification.json).
    const [item] = classifyDemandPatterns([[0, 20, 30, 0, 0, 50]]).items;
    expect(item.adi).toBe(2);
    expect(item.cv2).toBeCloseTo(0.14, 12);
    expect(item.pattern).toBe("intermittent");
    expect(sbc.source.citation).toContain("Syntetos");
  });

  it("covers the four quadrants and no demand", () => {
    const rows = [
      [10, 11, 9, 10, 10, 10], // ADI 1, CV² ≈ 0.003 → smooth
      [1, 20, 2, 30, 1, 25], // ADI 1, sizes very variable → erratic
      [10, 0, 0, 10, 0, 0, 10, 0], // ADI 8/3 = 2.67, CV² 0 → intermittent
      [1, 0, 0, 40, 0, 0, 2, 0], // ADI 2.67, CV² large → lumpy
      [0, 0, 0, 0],
    ];
    const padded = rows.map((r) => [...r, ...Array(8 - r.length).fill(0)]);
    // Padding with zeros changes ADI of the first two rows to 8/6 = 1.33 ≥ 1.32: keep them 6 long instead.
    const result = [...classifyDemandPatterns(rows.slice(0, 2)).items, ...classifyDemandPatterns(padded.slice(2)).items].map((i) => i.pattern);
    expect(result).toEqual(["smooth", "erratic", "intermittent", "lumpy", "no demand"]);
  });

  it("puts values on the cut-offs on the high side (ADI ≥ 1.32 → intermittent timing, CV² ≥ 0.49 → variable sizes)", () => {
    // ADI exactly 2 with cutoff 2; sizes 1 and 3: mean 2, population variance 1 → CV² 0.25 with cutoff 0.25.
    const [item] = classifyDemandPatterns([[1, 0, 3, 0]], { adiCutoff: 2, cv2Cutoff: 0.25 }).items;
    expect([item.adi, item.cv2, item.pattern]).toEqual([2, 0.25, "lumpy"]);
  });

  it("accepts a single period and refuses bad cut-offs", () => {
    expect(classifyDemandPatterns([[3]]).items[0].pattern).toBe("smooth");
    expect(() => classifyDemandPatterns([[1, 2]], { adiCutoff: 0.5 })).toThrow("adiCutoff: must be > 1 (ADI is at least 1), got 0.5");
  });
});

describe("abcXyzMatrix", () => {
  it("counts items and value shares per cell, and the cells add up", () => {
    const values = [50, 30, 15, 5];
    const demand = [
      [10, 10, 10],
      [0, 5, 10],
      [0, 0, 30],
      [0, 0, 0],
    ];
    const abc = classifyAbc(values);
    const xyz = classifyXyz(demand);
    const m = abcXyzMatrix(
      values.map((value, i) => ({ value, abcClass: abc.items[i].class, xyzClass: xyz.items[i].class })),
      abc.labels,
      [...xyz.labels, xyz.noDemandLabel],
    );
    expect(m.columns).toEqual(["X", "Y", "Z", "no demand"]);
    expect(m.cells[0][0]).toMatchObject({ count: 1, valueShare: 0.5 }); // AX
    expect(m.cells[0][2]).toMatchObject({ count: 0 }); // A item 30: 0, 5, 10 → CV 1.0 → Y
    expect(m.cells[0][1]).toMatchObject({ count: 1, valueShare: 0.3 });
    expect(m.cells[1][2]).toMatchObject({ count: 1, valueShare: 0.15 }); // BZ
    expect(m.cells[2][3]).toMatchObject({ count: 1, valueShare: 0.05 }); // C, no demand
    const flat = m.cells.flat();
    expect(flat.reduce((s, c) => s + c.count, 0)).toBe(4);
    expect(flat.reduce((s, c) => s + c.valueShare, 0)).toBeCloseTo(1, 12);
  });

  it("names the item whose class is not a label", () => {
    expect(() => abcXyzMatrix([{ abcClass: "D", xyzClass: "X", value: 1 }], ["A"], ["X"])).toThrow('items[0].abcClass: "D" is not one of A');
  });
});
