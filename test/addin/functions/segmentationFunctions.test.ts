/**
 * The six segmentation functions, called through the built dist/functions.js
 * (what Excel loads), with only a CustomFunctions global defined.
 */
import { BLANK, caller, column, expectCellError, loadBuiltFunctions, plain, readFunctionsJson } from "./loadBuiltFunctions";

const fns = loadBuiltFunctions();
const call = caller(fns);

describe("registration", () => {
  it("registers the segmentation functions under their ids", () => {
    expect([...fns.keys()]).toEqual(expect.arrayContaining(["ABC", "DEMANDPATTERN", "MCABC", "MCSCORE", "PARETO", "XYZ"]));
  });
});

describe("TIER.ABC", () => {
  // Hand-checked: total 100; cumulative shares 0.50, 0.80, 0.95, 1.00 against cut-offs 0.8/0.95.
  it("classifies by cumulative value share with the default cut-offs, in input order", () => {
    expect(plain(call("ABC", column(15, 50, 5, 30), null, null, null))).toEqual(column("B", "A", "C", "A"));
  });

  it("takes cut-offs and labels as array constants (a row) and mode count", () => {
    // count mode: ranks 1..4 → item shares 0.25, 0.5, 0.75, 1 against 0.25/0.75.
    expect(plain(call("ABC", column(15, 50, 5, 30), [[0.25, 0.75]], [["Top", "Mid", "Tail"]], "count"))).toEqual(column("Mid", "Top", "Tail", "Mid"));
  });

  it("spills one value per column for a row input", () => {
    expect(plain(call("ABC", [[50, 30, 15, 5]], null, null, null))).toEqual(column("A", "A", "B", "C"));
  });

  it("names the argument and the 1-based row of a bad value", () => {
    expectCellError(call("ABC", column(1, "n/a", 3), null, null, null), "#VALUE!", 'values row 2: must be a number, got "n/a"');
  });

  it("reads a blank value as 0, as older Excel builds pass it (office-js#4702): ranked last, class C", () => {
    // Total 4; cumulative shares by rank: 3 → 0.75 (A), 1 → 1 (C), the blank 0 → 1 (C).
    expect(plain(call("ABC", column(1, BLANK, 3), null, null, null))).toEqual(plain(call("ABC", column(1, 0, 3), null, null, null)));
    expect(plain(call("ABC", column(1, BLANK, 3), null, null, null))).toEqual(column("C", "C", "A"));
  });

  it("refuses labels that do not fit the cut-offs", () => {
    expectCellError(call("ABC", column(1, 2), [[0.8, 0.95]], [["A", "B"]], null), "#VALUE!", "labels: expected 3 labels (one more than the 2 cut-offs), got 2");
  });

  it("refuses an unknown mode", () => {
    expectCellError(call("ABC", column(1, 2), null, null, "share"), "#VALUE!", 'mode: "share" is not one of value, count');
  });

  it("refuses a cut-off above 1 as out of range", () => {
    expectCellError(call("ABC", column(1, 2), [[0.8, 1.5]], null, null), "#VALUE!", "cutoffs item 2: must be > 0 and ≤ 1, got 1.5");
  });
});

describe("TIER.PARETO", () => {
  it("returns each item's cumulative share by rank, in input order", () => {
    expect(plain(call("PARETO", column(20, 50, 30)))).toEqual(column(1, 0.5, 0.8));
  });
});

describe("TIER.XYZ", () => {
  // Row 1 constant → CV 0; row 2: mean 10, sample sd 17.32 → CV 1.732; row 3: all zero.
  it("classifies by CV and keeps all-zero rows apart", () => {
    expect(
      plain(
        call(
          "XYZ",
          [
            [10, 10, 10],
            [0, 0, 30],
            [0, 0, 0],
          ],
          null,
          null,
        ),
      ),
    ).toEqual(column("X", "Z", "no demand"));
  });

  it("reads blanks as zero demand", () => {
    // 10, 0, 10, 10: mean 7.5, sample variance 75/3 = 25, sd 5 → CV 0.667 → Y (a blank read as missing would give CV 0 → X).
    expect(plain(call("XYZ", [[10, BLANK, 10, 10]], null, null))).toEqual(column("Y"));
  });

  it("names row and column of a negative period", () => {
    expectCellError(
      call(
        "XYZ",
        [
          [1, 2, 3],
          [4, 5, -1],
        ],
        null,
        null,
      ),
      "#VALUE!",
      "demand row 2, column 3: must be ≥ 0, got -1",
    );
  });
});

describe("TIER.DEMANDPATTERN", () => {
  it("classifies smooth, intermittent and no demand", () => {
    expect(
      plain(
        call(
          "DEMANDPATTERN",
          [
            [5, 5, 5, 5],
            [5, 0, 5, 0],
            [0, 0, 0, 0],
          ],
          null,
          null,
        ),
      ),
    ).toEqual(column("smooth", "intermittent", "no demand"));
  });

  it("names a bad cut-off by its Excel argument name", () => {
    expectCellError(call("DEMANDPATTERN", [[1, 2]], "x", null), "#VALUE!", 'adi_cutoff: must be a number, got "x"');
  });
});

describe("TIER.MCSCORE and TIER.MCABC", () => {
  it("scores min-max normalised criteria with weights and directions", () => {
    // criterion 1 benefit: 0, 0.5, 1; criterion 2 cost (lower is better): 1, 0, 0.5; weights 3:1.
    const scores = plain(
      call(
        "MCSCORE",
        [
          [0, 1],
          [5, 3],
          [10, 2],
        ],
        [[3, 1]],
        [["benefit", "cost"]],
        null,
      ),
    );
    expect(scores.map((r: number[]) => r[0])).toEqual([0.25, 0.375, 0.875].map((x) => expect.closeTo(x, 12)));
  });

  it("classifies by score rank in count mode by default", () => {
    // 10 items, one criterion: ranks 1–2 → A (≤ 20 %), 3–5 → B (≤ 50 %), 6–10 → C.
    const criteria = column(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
    expect(
      plain(call("MCABC", criteria, null, null, null, null, null))
        .map((r: string[]) => r[0])
        .join(""),
    ).toBe("AABBBCCCCC");
  });

  it("names the weights argument when the count is wrong", () => {
    expectCellError(
      call(
        "MCSCORE",
        [
          [1, 2],
          [3, 4],
        ],
        [[1, 2, 3]],
        null,
        null,
      ),
      "#VALUE!",
      "weights: expected 2 weights (one per criterion column), got 3",
    );
  });
});

describe("generated functions.json", () => {
  const expected: Record<string, Array<[string, boolean]>> = {
    ABC: [
      ["values", false],
      ["cutoffs", true],
      ["labels", true],
      ["mode", true],
    ],
    PARETO: [["values", false]],
    XYZ: [
      ["demand", false],
      ["cutoffs", true],
      ["labels", true],
    ],
    DEMANDPATTERN: [
      ["demand", false],
      ["adi_cutoff", true],
      ["cv2_cutoff", true],
    ],
    MCSCORE: [
      ["criteria", false],
      ["weights", true],
      ["directions", true],
      ["method", true],
    ],
    MCABC: [
      ["criteria", false],
      ["weights", true],
      ["directions", true],
      ["cutoffs", true],
      ["method", true],
      ["mode", true],
    ],
  };
  const ranges = new Set(["values", "demand", "criteria", "cutoffs", "labels", "weights", "directions"]);
  const metadata = readFunctionsJson().functions;

  it.each(Object.keys(expected))("%s has the contract's parameters, in order, with optional flags", (id) => {
    const fn = metadata.find((f) => f.id === id);
    expect(fn).toBeDefined();
    expect(fn!.name).toBe(id);
    expect(fn!.parameters.map((p) => [p.name, p.optional === true])).toEqual(expected[id]);
    for (const p of fn!.parameters) {
      expect(p.dimensionality === "matrix").toBe(ranges.has(String(p.name)));
    }
    expect(fn!.result.dimensionality).toBe("matrix");
  });
});
