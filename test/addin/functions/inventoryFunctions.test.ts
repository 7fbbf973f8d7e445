/**
 * The fourteen inventory functions, called through the built dist/functions.js
 * (what Excel loads), with only a CustomFunctions global defined. Expected
 * values come from the same sources as test/shared/inventory (cited inline).
 */
import { BLANK, caller, column, expectCellError, loadBuiltFunctions, plain, readFunctionsJson } from "./loadBuiltFunctions";

const fns = loadBuiltFunctions();
const call = caller(fns);
const cell = (v: unknown) => [[v]];
const numbers = (result: unknown[][]) => plain(result).map((r: number[]) => r[0]);

const Z90 = 1.2815515655446004;

describe("registration", () => {
  it("registers the fourteen inventory functions", () => {
    for (const id of ["SAFETYSTOCK", "ROP", "SAFETYSTOCKFR", "FILLRATE", "CSL", "NORMLOSS", "EOQ", "BASESTOCK", "RQPOLICY", "EPQ", "EOQDISCOUNT", "NEWSVENDOR", "SSPOLICY", "MEIO"]) expect(fns.has(id)).toBe(true);
  });
});

/** Each row of a spill, as plain numbers. */
const rows = (result: unknown[][]) => plain(result) as number[][];

describe("TIER.EPQ", () => {
  it("Example 3.1's data produced at 2,000 a year: 513.93, 40.47; a second row at P = 1,300 is #VALUE! naming production_rate and its row", () => {
    const [q, cost] = rows(call("EPQ", cell(1300), cell(8), cell(0.225), cell(2000)))[0];
    expect(q).toBeCloseTo(513.9328595516969, 9);
    expect(cost).toBeCloseTo(40.47221268969612, 9);
    expectCellError(call("EPQ", cell(1300), cell(8), cell(0.225), column(2000, 1300)), "#VALUE!", "production_rate row 2: must be above annual demand 1300 (production must outpace demand), got 1300");
  });
});

describe("TIER.EOQDISCOUNT", () => {
  const breaks = column(0, 400, 800);
  const prices = column(0.75, 0.72, 0.68);

  it("Examples 3.6 (all-units: 800, break 3, 978.60) and 3.7 (incremental: 304.05, break 1, 1,043.41); breaks and prices as rows work too", () => {
    const [q, j, cost] = rows(call("EOQDISCOUNT", cell(1300), cell(8), cell(0.3), breaks, prices, null))[0];
    expect([q, j]).toEqual([800, 3]);
    expect(cost).toBeCloseTo(978.6, 9);
    const incremental = rows(call("EOQDISCOUNT", cell(1300), cell(8), cell(0.3), [[0, 400, 800]], [[0.75, 0.72, 0.68]], "incremental"))[0];
    expect(incremental[0]).toBeCloseTo(304.0467800264368, 9);
    expect(incremental[1]).toBe(1);
    expect(incremental[2]).toBeCloseTo(1043.4105255059483, 8);
  });

  it("a column of demands shares one price list, row by row as single values", () => {
    const whole = rows(call("EOQDISCOUNT", column(1300, 100, 50000), cell(8), cell(0.3), breaks, prices, "all_units"));
    expect(whole).toHaveLength(3);
    for (const [i, d] of [1300, 100, 50000].entries()) expect(whole[i]).toEqual(rows(call("EOQDISCOUNT", cell(d), cell(8), cell(0.3), breaks, prices, "all_units"))[0]);
  });
});

describe("TIER.NEWSVENDOR", () => {
  it("Example 4.3: normal 56.60, 2.00; Poisson with demand_sd blank: 56, 1.80", () => {
    const normal = rows(call("NEWSVENDOR", cell(50), cell(0.18), cell(0.7), cell(8), null))[0];
    expect(normal[0]).toBeCloseTo(56.60395592743389, 9);
    expect(normal[1]).toBeCloseTo(1.997605193176644, 9);
    const poisson = rows(call("NEWSVENDOR", cell(50), cell(0.18), cell(0.7), cell(BLANK), "poisson"))[0];
    expect(poisson[0]).toBe(56);
    expect(poisson[1]).toBeCloseTo(1.797235211809178, 9);
  });
});

describe("TIER.SSPOLICY", () => {
  it("Example 4.7 (K 5, h 1, p 4, Poisson(6)): 4, 10, 8.0341; a blank lead time is 0", () => {
    const [s, bigS, cost] = rows(call("SSPOLICY", cell(6), cell(5), cell(1), cell(4), cell(BLANK)))[0];
    expect([s, bigS]).toEqual([4, 10]);
    expect(cost).toBeCloseTo(8.034111561471642, 10);
  });
});

describe('TIER.RQPOLICY with distribution "poisson"', () => {
  it("Example 5.8 (h 20, p 150, K 100, λ 1.5, L 2), demand_sd blank: 3, 5, 107.92", () => {
    const [r, q, cost] = rows(call("RQPOLICY", cell(1.5), cell(BLANK), cell(2), cell(100), cell(20), cell(150), "exact", "poisson"))[0];
    expect([r, q]).toEqual([3, 5]);
    expect(cost).toBeCloseTo(107.92358063314975, 9);
  });

  it("a blank distribution is normal: the same as before the argument existed", () => {
    const args = [cell(1300), cell(150), cell(1 / 12), cell(8), cell(0.225), cell(7.5), "exact"];
    expect(plain(call("RQPOLICY", ...args, null))).toEqual(plain(call("RQPOLICY", ...args)));
  });
});

describe("TIER.SAFETYSTOCK and TIER.ROP", () => {
  // Hand-computed: 1.28155 × 500√2 = 906.19; with σL = 7 days over 7 days: 1.28155 × √308,000,000 = 22,491.
  it("broadcast a single service level over columns of items", () => {
    const result = numbers(call("SAFETYSTOCK", column(2500, 2500), column(500, 500), column(2, 7), cell(0.9), column(0, 7), null));
    expect(result[0]).toBeCloseTo(Z90 * 500 * Math.SQRT2, 9);
    expect(result[1]).toBeCloseTo(Z90 * Math.sqrt(308_000_000), 8);
  });

  it("omitted lead_time_sd and review_period are 0; ROP adds d·(L + R)", () => {
    expect(numbers(call("ROP", cell(100), cell(20), cell(2), cell(0.9), null, cell(2)))[0]).toBeCloseTo(400 + Z90 * 40, 10);
    expect(numbers(call("ROP", cell(10), cell(0), cell(3), cell(0.99), null, null))).toEqual([30]);
  });

  it("names the argument and the 1-based row of a bad value", () => {
    expectCellError(call("SAFETYSTOCK", column(1, 2, 3), column(1, -1, 1), cell(1), cell(0.9), null, null), "#VALUE!", "demand_sd row 2: must be ≥ 0, got -1");
    expectCellError(call("SAFETYSTOCK", cell(1), cell(1), cell(1), cell(1), null, null), "#VALUE!", "service_level: must be > 0 and < 1, got 1");
    expectCellError(call("SAFETYSTOCK", cell("x"), cell(1), cell(1), cell(0.9), null, null), "#VALUE!", 'demand_mean: must be a number, got "x"');
    expectCellError(call("SAFETYSTOCK", null, cell(1), cell(1), cell(0.9), null, null), "#N/A", "demand_mean: required");
    expectCellError(call("SAFETYSTOCK", cell(1), cell(1), cell(-2), cell(0.9), null, null), "#VALUE!", "lead_time: must be ≥ 0, got -2");
  });

  it("refuses ranges of different lengths", () => {
    expectCellError(call("ROP", column(1, 2), column(1, 2, 3), cell(1), cell(0.9), null, null), "#VALUE!", "demand_mean has 2 rows but demand_sd has 3: ranges must have equal length");
  });
});

describe("TIER.SAFETYSTOCKFR, TIER.FILLRATE, TIER.CSL, TIER.NORMLOSS", () => {
  it("the fill-rate safety stock gives back its fill rate (eq. 6.28 above 0.9)", () => {
    const ss = numbers(call("SAFETYSTOCKFR", cell(0), cell(10), cell(1), cell(0.99), cell(100), null))[0];
    expect(numbers(call("FILLRATE", cell(ss), cell(10), cell(100)))[0]).toBeCloseTo(0.99, 12);
  });

  // Hand-computed: 1 − 100·φ(0)/500 = 0.920212; Φ(√2) = 0.921350.
  it("FILLRATE, CSL and NORMLOSS spill one value per row", () => {
    expect(numbers(call("FILLRATE", column(0, 1e9), cell(100), cell(500)))).toEqual([expect.closeTo(1 - 39.89422804014327 / 500, 13), 1]);
    expect(numbers(call("CSL", cell(1000), cell(500 * Math.SQRT2)))[0]).toBeCloseTo(0.9213503964748575, 12);
    expect(numbers(call("NORMLOSS", column(0, 1, -1)))).toEqual([expect.closeTo(0.3989422804014327, 15), expect.closeTo(0.0833154705876864, 13), expect.closeTo(1.0833154705876864, 13)]);
  });

  it("refuses order_qty ≤ 0 and a fill rate of 1", () => {
    expectCellError(call("FILLRATE", cell(1), cell(1), cell(0)), "#VALUE!", "order_qty: must be > 0, got 0");
    expectCellError(call("SAFETYSTOCKFR", cell(1), cell(1), cell(1), cell(1), cell(5), null), "#VALUE!", "fill_rate: must be > 0 and < 1, got 1");
  });
});

describe("TIER.EOQ, TIER.BASESTOCK, TIER.RQPOLICY (Snyder & Shen)", () => {
  it("EOQ: Example 3.1 (304.05) and, with backorder_cost 5, Example 3.8 (310.81)", () => {
    expect(numbers(call("EOQ", cell(1300), cell(8), cell(0.225), null))[0]).toBeCloseTo(304.0467800264368, 10);
    expect(numbers(call("EOQ", cell(1300), cell(8), cell(0.225), cell(5)))[0]).toBeCloseTo(310.81255515896464, 10);
    expectCellError(call("EOQ", cell(1300), cell(8), cell(0), null), "#VALUE!", "holding_cost: must be > 0, got 0");
  });

  it("BASESTOCK: Example 4.3 (S* = 56.60)", () => {
    expect(numbers(call("BASESTOCK", cell(50), cell(8), cell(0.18), cell(0.7), null))[0]).toBeCloseTo(56.60395592743389, 10);
  });

  it("RQPOLICY spills r, Q, cost: Example 5.5 by default, Example 5.1/5.6 with exact", () => {
    const eoqSs = plain(call("RQPOLICY", cell(1300), cell(150), cell(1 / 12), cell(8), cell(0.225), cell(7.5), null));
    expect(eoqSs).toHaveLength(1);
    expect(eoqSs[0][0]).toBeCloseTo(190.3369965715624, 9);
    expect(eoqSs[0][1]).toBeCloseTo(304.0467800264368, 9);
    const exact = plain(call("RQPOLICY", cell(1300), cell(150), cell(1 / 12), cell(8), cell(0.225), cell(7.5), "exact"));
    expect(exact[0][0]).toBeCloseTo(126.867, 2);
    expect(exact[0][1]).toBeCloseTo(328.449, 2);
    expect(exact[0][2]).toBeCloseTo(78.0711, 3);
  });

  it("RQPOLICY broadcasts one row per input row and refuses an unknown method", () => {
    expect(plain(call("RQPOLICY", column(1300, 2600), cell(150), cell(1 / 12), cell(8), cell(0.225), cell(7.5), "loss"))).toHaveLength(2);
    expectCellError(call("RQPOLICY", cell(1300), cell(150), cell(1 / 12), cell(8), cell(0.225), cell(7.5), "best"), "#VALUE!", 'method: "best" is not one of eoq_ss, eil, loss, exact');
  });
});

describe("TIER.MEIO", () => {
  // Snyder & Shen Example 6.5 with z = Φ⁻¹(0.8413447460685429) = 1: optimum 2√2 + √6 + 3 (stockpyl's test suite).
  const stages = [
    [1, 2, 1, BLANK, BLANK, 1],
    [2, 1, 3, 1, 0, BLANK],
    [3, 1, 2, BLANK, BLANK, BLANK],
    [4, 1, 3, 1, 1, BLANK],
  ];
  const arcs = [
    [1, 3],
    [3, 2],
    [3, 4],
  ];
  const oneSigma = 0.8413447460685429;

  it("spills one row per stage: id, service time, net lead time, safety stock, cost", () => {
    const rows = plain(call("MEIO", stages, arcs, oneSigma));
    expect(rows.map((r: unknown[]) => [r[0], r[1], r[2]])).toEqual([
      ["1", 0, 3],
      ["2", 0, 1],
      ["3", 0, 1],
      ["4", 1, 0],
    ]);
    const total = rows.reduce((s: number, r: number[]) => s + r[4], 0);
    expect(total).toBeCloseTo(2 * Math.SQRT2 + Math.sqrt(6) + 3, 9);
  });

  it("names the stage row and column of a bad cell, and the arc of a cycle", () => {
    expectCellError(call("MEIO", [[1, -1, 1, 1, BLANK, BLANK]], [[BLANK]], 0.9), "#VALUE!", "stages row 1, column 2 (processing time): must be ≥ 0, got -1");
    expectCellError(call("MEIO", stages, [...arcs, [4, 1]], 0.9), "#VALUE!", 'arcs row 4: the arc "4" → "1" closes a cycle: the network must be a tree');
    expectCellError(
      call(
        "MEIO",
        [
          [1, 1, 1, 5, BLANK, BLANK],
          [2, 1, 1, 1, BLANK, BLANK],
        ],
        [[1, 2]],
        0.9,
      ),
      "#VALUE!",
      'stages row 1, column 4 (demand sd): stage "1" has successors, so its demand comes from them: leave its demand sd blank',
    );
    expectCellError(
      call(
        "MEIO",
        stages,
        [
          [1, 3],
          [3, 9],
        ],
        0.9,
      ),
      "#N/A",
      'arcs row 2 (to): unknown stage id "9"',
    );
    expectCellError(call("MEIO", stages, arcs, 1.2), "#VALUE!", "service_level: must be > 0 and < 1, got 1.2");
  });
});

describe("generated functions.json", () => {
  const expected: Record<string, Array<[string, boolean]>> = {
    SAFETYSTOCK: [
      ["demand_mean", false],
      ["demand_sd", false],
      ["lead_time", false],
      ["service_level", false],
      ["lead_time_sd", true],
      ["review_period", true],
    ],
    ROP: [
      ["demand_mean", false],
      ["demand_sd", false],
      ["lead_time", false],
      ["service_level", false],
      ["lead_time_sd", true],
      ["review_period", true],
    ],
    SAFETYSTOCKFR: [
      ["demand_mean", false],
      ["demand_sd", false],
      ["lead_time", false],
      ["fill_rate", false],
      ["order_qty", false],
      ["lead_time_sd", true],
    ],
    FILLRATE: [
      ["safety_stock", false],
      ["lead_time_demand_sd", false],
      ["order_qty", false],
    ],
    CSL: [
      ["safety_stock", false],
      ["lead_time_demand_sd", false],
    ],
    NORMLOSS: [["z", false]],
    EOQ: [
      ["annual_demand", false],
      ["order_cost", false],
      ["holding_cost", false],
      ["backorder_cost", true],
    ],
    BASESTOCK: [
      ["demand_mean", false],
      ["demand_sd", false],
      ["holding_cost", false],
      ["stockout_cost", false],
      ["lead_time", true],
    ],
    RQPOLICY: [
      ["demand_rate", false],
      ["demand_sd", false],
      ["lead_time", false],
      ["order_cost", false],
      ["holding_cost", false],
      ["stockout_cost", false],
      ["method", true],
      ["distribution", true],
    ],
    EPQ: [
      ["annual_demand", false],
      ["order_cost", false],
      ["holding_cost", false],
      ["production_rate", false],
    ],
    EOQDISCOUNT: [
      ["annual_demand", false],
      ["order_cost", false],
      ["holding_rate", false],
      ["breakpoints", false],
      ["unit_costs", false],
      ["discount_type", true],
    ],
    NEWSVENDOR: [
      ["demand_mean", false],
      ["holding_cost", false],
      ["stockout_cost", false],
      ["demand_sd", true],
      ["distribution", true],
    ],
    SSPOLICY: [
      ["demand_mean", false],
      ["order_cost", false],
      ["holding_cost", false],
      ["stockout_cost", false],
      ["lead_time", true],
    ],
    MEIO: [
      ["stages", false],
      ["arcs", false],
      ["service_level", false],
    ],
  };
  // Every numeric argument broadcasts, so it is a range; method and service_level of MEIO are single values.
  const scalars = new Set(["RQPOLICY.method", "RQPOLICY.distribution", "EOQDISCOUNT.discount_type", "NEWSVENDOR.distribution", "MEIO.service_level"]);
  const metadata = readFunctionsJson().functions;

  it.each(Object.keys(expected))("%s has the contract's parameters, in order, with optional flags", (id) => {
    const fn = metadata.find((f) => f.id === id);
    expect(fn).toBeDefined();
    expect(fn!.name).toBe(id);
    expect(fn!.parameters.map((p) => [p.name, p.optional === true])).toEqual(expected[id]);
    for (const p of fn!.parameters) expect(p.dimensionality === "matrix").toBe(!scalars.has(`${id}.${String(p.name)}`));
    expect(fn!.result.dimensionality).toBe("matrix");
  });
});
