/** The pure parts of the segment classifier: hold-out evaluation, stratified split, standardisation, softmax and its log-odds decomposition. */
import fc from "fast-check";
import { DomainError } from "../../../shared/src/errors";
import { applyModelStandardiser, classificationReport, fitModelStandardiser, logOddsContributions, softmaxProbabilities, stratifiedHoldout } from "../../../shared/src/ml";

describe("classificationReport", () => {
  it("reproduces scikit-learn's documented confusion matrix example", () => {
    // scikit-learn docs, sklearn.metrics.confusion_matrix, Examples: y_true = [2, 0, 2, 2, 0, 1],
    // y_pred = [0, 0, 2, 2, 0, 2] → [[2, 0, 0], [0, 0, 1], [1, 0, 2]].
    const r = classificationReport([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], ["0", "1", "2"]);
    expect(r.confusion).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
    // By hand from that matrix: 4 of 6 on the diagonal.
    expect(r.accuracy).toBeCloseTo(4 / 6, 12);
  });

  it("reproduces scikit-learn's documented per-class precision and recall example", () => {
    // scikit-learn docs, precision_score / recall_score with average=None: y_true = [0, 1, 2, 0, 1, 2],
    // y_pred = [0, 2, 1, 0, 0, 1] → precision [0.666…, 0, 0], recall [1, 0, 0].
    const r = classificationReport([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], ["a", "b", "c"]);
    expect(r.perClass.map((c) => c.precision)).toEqual([2 / 3, 0, 0]);
    expect(r.perClass.map((c) => c.recall)).toEqual([1, 0, 0]);
    expect(r.perClass.map((c) => c.support)).toEqual([2, 2, 2]);
    // Balanced accuracy = mean recall = 1/3 (by hand).
    expect(r.macroRecall).toBeCloseTo(1 / 3, 12);
  });

  it("gives null, not 0, for a class never predicted or never true", () => {
    const r = classificationReport([0, 0], [0, 0], ["A", "B"]);
    expect(r.perClass[1]).toEqual({ class: "B", support: 0, precision: null, recall: null });
    expect(r.macroRecall).toBe(1);
  });

  it("properties: the matrix sums to n, its row sums are the supports, perfect predictions score 1", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 60 }), (pairs) => {
        const truth = pairs.map((p) => p[0]);
        const predicted = pairs.map((p) => p[1]);
        const r = classificationReport(truth, predicted, ["a", "b", "c", "d"]);
        expect(r.confusion.flat().reduce((a, b) => a + b, 0)).toBe(pairs.length);
        r.perClass.forEach((c, k) => expect(c.support).toBe(truth.filter((t) => t === k).length));
        expect(r.accuracy).toBeGreaterThanOrEqual(0);
        expect(r.accuracy).toBeLessThanOrEqual(1);
        const perfect = classificationReport(truth, truth, ["a", "b", "c", "d"]);
        expect(perfect.accuracy).toBe(1);
        perfect.perClass.forEach((c) => c.support > 0 && expect([c.precision, c.recall]).toEqual([1, 1]));
      }),
    );
  });

  it("rejects mismatched lengths and labels outside the classes, naming the row", () => {
    expect(() => classificationReport([0, 1], [0], ["A", "B"])).toThrow(new DomainError("predicted", "expected 2 predictions (one per true label), got 1"));
    expect(() => classificationReport([0, 2], [0, 1], ["A", "B"])).toThrow(new DomainError("truth[1]", "expected a class index from 0 to 1, got 2", "out_of_range"));
    expect(() => classificationReport([0, 1], [0, Number.NaN], ["A", "B"])).toThrow(new DomainError("predicted[1]", "expected a class index from 0 to 1, got NaN", "out_of_range"));
  });
});

describe("stratifiedHoldout", () => {
  const labels = [...Array(40).fill("C"), ...Array(20).fill("B"), ...Array(8).fill("A")] as string[];

  it("keeps each class's share on both sides, partitions the items, and is reproducible from the seed", () => {
    const a = stratifiedHoldout(labels, 0.25, 9);
    // round(0.25 × 40) = 10 C, round(0.25 × 20) = 5 B, round(0.25 × 8) = 2 A (by hand).
    const count = (idx: number[], c: string) => idx.filter((i) => labels[i] === c).length;
    expect([count(a.holdout, "C"), count(a.holdout, "B"), count(a.holdout, "A")]).toEqual([10, 5, 2]);
    expect([...a.train, ...a.holdout].sort((x, y) => x - y)).toEqual(labels.map((_, i) => i));
    expect(stratifiedHoldout(labels, 0.25, 9)).toEqual(a);
    expect(stratifiedHoldout(labels, 0.25, 10)).not.toEqual(a);
  });

  it("property: any labels, fraction and seed give a partition with every class of two or more members on both sides", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("A", "B", "C"), { maxLength: 50 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (ls, fraction, seed) => {
        const s = stratifiedHoldout(ls, fraction, seed);
        expect([...s.train, ...s.holdout].sort((x, y) => x - y)).toEqual(ls.map((_, i) => i));
        for (const c of new Set(ls)) {
          const members = ls.filter((l) => l === c).length;
          if (members >= 2) expect(s.train.some((i) => ls[i] === c)).toBe(true);
        }
      }),
    );
  });

  it("rejects a fraction outside (0, 1)", () => {
    expect(() => stratifiedHoldout(["A"], 1, 1)).toThrow(new DomainError("fraction", "must be > 0 and < 1, got 1", "out_of_range"));
    expect(() => stratifiedHoldout(["A"], Number.NaN, 1)).toThrow(DomainError);
  });
});

describe("fitModelStandardiser / applyModelStandardiser", () => {
  const specs = [
    { name: "revenue", money: true },
    { name: "margin", money: false },
  ];

  it("standardises the training rows to mean 0 and sd 1, the money feature on the log scale", () => {
    const rows = [
      { revenue: 9, margin: 0.1 },
      { revenue: 99, margin: 0.2 },
      { revenue: 999, margin: 0.3 },
    ];
    const scales = fitModelStandardiser(rows, specs);
    // log1p(9), log1p(99), log1p(999) = ln 10, ln 100, ln 1000: mean ln 100, sd ln 10 (by hand).
    expect(scales[0].mean).toBeCloseTo(Math.log(100), 12);
    expect(scales[0].sd).toBeCloseTo(Math.log(10), 12);
    expect(Array.from(applyModelStandardiser(rows, scales)).map((v) => Math.round(v * 1e9) / 1e9 + 0)).toEqual([-1, -1, 0, 0, 1, 1]);
  });

  it("imputes a missing value with the training median and gives a constant feature zeros", () => {
    const scales = fitModelStandardiser(
      [
        { revenue: 5, margin: 1 },
        { revenue: 5, margin: 2 },
        { revenue: 5, margin: 6 },
      ],
      specs,
    );
    // margin median 2, mean 3, sd √7 (by hand); revenue has no spread.
    const z = applyModelStandardiser([{ revenue: 5, margin: null }], scales);
    expect(z[0]).toBeCloseTo(0, 12);
    expect(z[1]).toBeCloseTo((2 - 3) / Math.sqrt(7), 12);
  });

  it("property: the fitted training rows have mean 0 and, where they vary, sample sd 1", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 40 }), (xs) => {
        const rows = xs.map((margin) => ({ margin }));
        const z = Array.from(applyModelStandardiser(rows, fitModelStandardiser(rows, [{ name: "margin", money: false }])));
        const mean = z.reduce((a, b) => a + b, 0) / z.length;
        expect(Math.abs(mean)).toBeLessThan(1e-9);
        const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / (z.length - 1));
        // A spread below 1e-12 counts as none: its z-scores stay within rounding noise of 0.
        expect(sd < 1e-9 || Math.abs(sd - 1) < 1e-9).toBe(true);
      }),
    );
  });

  it("rejects no rows, a feature missing everywhere and an infinite value, naming the field", () => {
    expect(() => fitModelStandardiser([], specs)).toThrow(new DomainError("rows", "expected at least one training row", "missing"));
    expect(() => fitModelStandardiser([{ revenue: 1, margin: null }], specs)).toThrow(new DomainError("features[1]", '"margin" is missing in every training row', "missing"));
    expect(() => fitModelStandardiser([{ revenue: 1, margin: Infinity }], specs)).toThrow(new DomainError("rows[0].margin", "must be a number or nothing, got Infinity", "invalid"));
    const scales = fitModelStandardiser([{ revenue: 1, margin: 1 }], specs);
    expect(() =>
      applyModelStandardiser(
        [
          { revenue: 1, margin: 1 },
          { revenue: -Infinity, margin: 1 },
        ],
        scales,
      ),
    ).toThrow(new DomainError("rows[1].revenue", "must be a number or nothing, got -Infinity", "invalid"));
  });
});

describe("softmaxProbabilities and logOddsContributions", () => {
  const twoClass = { weights: [1, -1], bias: [0, 0], features: 1, classes: 2 };

  it("reduces to the logistic function for two classes", () => {
    // Logits 1 and −1: p = 1/(1 + e^−2) = 0.880797… (by hand; ESL eq. 4.18 with K = 2 is the logistic model).
    const p = softmaxProbabilities([1], twoClass);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 14);
    expect(p[1]).toBeCloseTo(1 - 1 / (1 + Math.exp(-2)), 14);
  });

  it("does not overflow on large logits", () => {
    const p = softmaxProbabilities([1000], twoClass);
    expect(Array.from(p)).toEqual([1, 0]);
  });

  const model = fc.record({
    weights: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 6, maxLength: 6 }),
    bias: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }),
  });
  const row = fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 2, maxLength: 2 });

  it("properties: probabilities sum to 1; the contributions plus the bias term are the log-odds of to over from", () => {
    fc.assert(
      fc.property(model, row, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), (m, x, from, to) => {
        const w = { ...m, features: 2, classes: 3 };
        const p = softmaxProbabilities(x, w);
        expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 12);
        const { contributions, bias } = logOddsContributions(x, w, from, to);
        const logOdds = contributions.reduce((a, b) => a + b, 0) + bias;
        expect(logOdds).toBeCloseTo(Math.log(p[to] / p[from]), 8);
      }),
    );
  });

  it("rejects inputs of the wrong shape and classes outside the model", () => {
    expect(() => softmaxProbabilities([1, 2, 3], { weights: [1, 1, 1, 1], bias: [0, 0], features: 2, classes: 2 })).toThrow(new DomainError("x", "expected rows of 2 features, got 3 values"));
    expect(() => logOddsContributions([1, 2], twoClass, 0, 1)).toThrow(new DomainError("row", "expected 1 features, got 2"));
    expect(() => logOddsContributions([1], twoClass, 0, 2)).toThrow(new DomainError("to", "expected a class index from 0 to 1, got 2", "out_of_range"));
  });
});
