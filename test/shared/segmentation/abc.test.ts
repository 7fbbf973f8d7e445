import fc from "fast-check";
import { classifyAbc, classifyAbcArrays, DomainError, firstClassAtOrAbove, paretoShares, SHARE_TOLERANCE } from "../../../shared/src";

describe("classifyAbc: worked examples", () => {
  // Hand-checked from the definition: total 100, ranked 50, 30, 15, 5 →
  // cumulative 0.50, 0.80, 0.95, 1.00; first cut-off ≥ share with 0.8 / 0.95.
  it("puts an item exactly on a cut-off in the class of that cut-off", () => {
    const r = classifyAbc([50, 30, 15, 5], { ids: ["a", "b", "c", "d"] });
    expect(r.items.map((i) => [i.id, i.class, i.rank, i.cumulativeShare])).toEqual([
      ["a", "A", 1, 0.5],
      ["b", "A", 2, 0.8],
      ["c", "B", 3, 0.95],
      ["d", "C", 4, 1],
    ]);
    expect(r.classes.map((c) => [c.label, c.count, c.valueShare])).toEqual([
      ["A", 2, 0.8],
      ["B", 1, 0.15],
      ["C", 1, 0.05],
    ]);
  });

  it("keeps a share that is on a cut-off on paper in that class despite floating-point drift", () => {
    // 0.1 + 0.7 = 0.7999999999999999 and 0.2 + 0.6 = 0.8000000000000002 in binary.
    expect(firstClassAtOrAbove(0.2 + 0.6, [0.8, 0.95], SHARE_TOLERANCE)).toBe(0);
    expect(firstClassAtOrAbove(0.8 + 1e-9, [0.8, 0.95], SHARE_TOLERANCE)).toBe(1);
  });

  it("supports any number of classes with custom labels", () => {
    const r = classifyAbc([40, 30, 20, 10], { cutoffs: [0.4, 0.7, 0.9], labels: ["AA", "A", "B", "C"] });
    expect(r.items.map((i) => i.class)).toEqual(["AA", "A", "B", "C"]);
  });

  it("count mode classifies by share of items ranked by value", () => {
    const r = classifyAbc([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { mode: "count", cutoffs: [0.2, 0.5] });
    expect(r.items.map((i) => i.class).join("")).toBe("CCCCCBBBAA");
  });

  it("ranks loss-making items last, flags them and keeps them out of the total", () => {
    const r = classifyAbc([-20, 60, 40, 0], { ids: ["loss", "x", "y", "zero"] });
    const loss = r.items[0];
    expect(loss).toMatchObject({ rank: 4, negative: true, class: "C" });
    expect(r.total).toBe(100);
    expect(r.items[1]).toMatchObject({ share: 0.6, cumulativeShare: 0.6, class: "A" });
    expect(r.classes.reduce((s, c) => s + c.valueShare, 0)).toBeCloseTo(1, 12);
    expect(r.classes[2].lossValue).toBe(-20);
  });

  it("breaks ties by id, whatever the input order", () => {
    const a = classifyAbc([10, 10, 10], { ids: ["b", "c", "a"], cutoffs: [0.34, 0.67] });
    expect(a.items.map((i) => [i.id, i.rank, i.class])).toEqual([
      ["b", 2, "B"],
      ["c", 3, "C"],
      ["a", 1, "A"],
    ]);
  });

  it("paretoShares gives the cumulative share by rank", () => {
    expect(paretoShares([20, 50, 30])).toEqual([1, 0.5, 0.8]);
  });
});

describe("classifyAbc: bad input names the field and row", () => {
  it.each([
    [[1, Number.NaN], "values[1]: must be a number, got NaN"],
    [[1, "n/a"], 'values[1]: must be a number, got "n/a"'],
    [[Infinity], "values[0]: must be a number, got Infinity"],
    [[1, null], "values[1]: must be a number, got null"],
  ])("%j", (values, message) => {
    expect(() => classifyAbc(values as unknown[])).toThrow(new DomainError(message.split(": ")[0], message.slice(message.indexOf(": ") + 2)));
  });

  it("refuses an all-zero table in value mode", () => {
    expect(() => classifyAbc([0, 0])).toThrow("values: no value is above 0");
  });

  it("refuses ids of the wrong length and duplicate ids", () => {
    expect(() => classifyAbc([1, 2], { ids: ["a"] })).toThrow("ids: expected 2 ids (one per item), got 1");
    expect(() => classifyAbc([1, 2], { ids: ["a", "a"] })).toThrow('ids[1]: duplicate id "a" (also at ids[0])');
  });

  it("refuses decreasing cut-offs and cut-offs outside (0, 1]", () => {
    expect(() => classifyAbc([1], { cutoffs: [0.9, 0.8] })).toThrow("cutoffs: cut-offs must be strictly increasing");
    expect(() => classifyAbc([1], { cutoffs: [0] })).toThrow("cutoffs[0]: must be > 0 and ≤ 1, got 0");
  });

  it("returns nothing for no items", () => {
    expect(classifyAbc([]).items).toEqual([]);
  });
});

describe("classifyAbc: properties", () => {
  const valuesArb = fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0.001, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 60 });
  const modeArb = fc.constantFrom("value" as const, "count" as const);

  it("class counts sum to the item count and value shares sum to 1", () => {
    fc.assert(
      fc.property(
        valuesArb.filter((v) => v.some((x) => x > 0)),
        modeArb,
        (values, mode) => {
          const r = classifyAbc(values, { mode });
          expect(r.classes.reduce((s, c) => s + c.count, 0)).toBe(values.length);
          expect(r.classes.reduce((s, c) => s + c.valueShare, 0)).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it("raising one item's value never lowers its class (count mode) nor its rank (both modes)", () => {
    fc.assert(
      fc.property(
        valuesArb.filter((v) => v.some((x) => x > 0)),
        fc.nat(),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        modeArb,
        (values, pick, raise, mode) => {
          const i = pick % values.length;
          const ids = values.map((_, k) => `item${String(k).padStart(3, "0")}`);
          const before = classifyAbc(values, { ids, mode }).items[i];
          const raised = values.slice();
          raised[i] += raise;
          const after = classifyAbc(raised, { ids, mode }).items[i];
          expect(after.rank).toBeLessThanOrEqual(before.rank);
          if (mode === "count") expect(after.class <= before.class).toBe(true); // labels A < B < C
        },
      ),
    );
  });

  it("value mode: the contract's inclusive cumulative share can move a growing item down a class", () => {
    // tier-functions.md: "the first class whose cut-off is ≥ its cumulative share up to and including it".
    // Growing an item that does not overtake anyone adds the same amount to its numerator and to the
    // total, pushing its share towards 1: 14.9 → 17.9 moves (80 + v)/(100 − 14.9 + v) from 0.949 to 0.9505.
    const before = classifyAbc([80, 14.9, 5.1]).items[1];
    const after = classifyAbc([80, 17.9, 5.1]).items[1];
    expect([before.class, before.rank]).toEqual(["B", 2]);
    expect([after.class, after.rank]).toEqual(["C", 2]);
  });

  it("is deterministic under input order (ties decided by id)", () => {
    fc.assert(
      fc.property(
        valuesArb.filter((v) => v.some((x) => x > 0)),
        fc.nat(),
        (values, seed) => {
          const ids = values.map((_, k) => `id${k}`);
          const order = values.map((_, k) => k).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
          const base = new Map(classifyAbc(values, { ids }).items.map((it) => [it.id, it.class]));
          const shuffled = classifyAbc(
            order.map((k) => values[k]),
            { ids: order.map((k) => ids[k]) },
          );
          for (const it of shuffled.items) expect(it.class).toBe(base.get(it.id));
        },
      ),
    );
  });

  it("does not mutate its input", () => {
    const values = Object.freeze([3, 1, 2]);
    const options = Object.freeze({ cutoffs: Object.freeze([0.5, 0.9]) as number[] });
    expect(() => classifyAbc(values, options)).not.toThrow();
    expect(values).toEqual([3, 1, 2]);
  });

  it("the typed kernel agrees with the object API", () => {
    fc.assert(
      fc.property(
        valuesArb.filter((v) => v.some((x) => x > 0)),
        (values) => {
          const k = classifyAbcArrays(Float64Array.from(values));
          const o = classifyAbc(values);
          expect(o.items.map((i) => i.class)).toEqual(Array.from(k.classIndex, (c) => k.labels[c]));
        },
      ),
    );
  });
});

describe("classifyAbc: overflow", () => {
  it("refuses a total that overflows instead of returning shares of 0 and 1", () => {
    expect(() => classifyAbc([1e308, 1e308])).toThrow("values: the total is too large to represent");
  });
});
