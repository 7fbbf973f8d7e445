/**
 * Blank cells give the same answer on every Excel build. An empty cell
 * reaches a custom function as `null` on the web and current desktop builds,
 * as `0` on older desktop builds (office-js#4702), and as "" when a formula
 * returns empty text; an omitted argument is always `null`. So every data
 * range reads a blank as 0, and an optional argument for which 0 is not a
 * valid value treats 0 as omitted (tier-functions.md, "Conventions";
 * docs/functions.md, "Blank cells"). Each case below runs the same call with
 * the blank passed all three ways, in one test, whatever the jest project.
 */
import { CONTRACT, PURE_FUNCTIONS } from "./contractTable";
import { BLANK, caller, loadBuiltFunctions, withBlanks } from "./loadBuiltFunctions";

const fns = loadBuiltFunctions();
const asNull = caller(fns, null);
const asZero = caller(fns, 0);
const asEmptyText = (id: string, ...args: unknown[]) => fns.get(id)!(...args.map((a) => withBlanks(a, "" as unknown as null))) as unknown[][];

/** Results as comparable data: an error cell becomes its code and the message Excel shows. */
const cells = (result: unknown[][]) => result.map((row) => row.map((c) => (c instanceof CustomFunctions.Error ? { error: c.code, message: c.message } : c)));

/** The same answer whichever way the blank arrives; returns it. */
function sameEveryWay(id: string, args: unknown[]): unknown[][] {
  const expected = cells(asNull(id, ...args));
  expect(cells(asZero(id, ...args))).toEqual(expected);
  expect(cells(asEmptyText(id, ...args))).toEqual(expected);
  return expected;
}

const copy = <T>(x: T): T => (Array.isArray(x) ? (x.map(copy) as T) : x);

/** The valid call of `id` with cell (row, column) of range argument k blank. */
function withBlankCell(id: string, k: number, row: number, column: number): unknown[] {
  const args = copy(CONTRACT[id].example!.args);
  const range = args[k] as unknown[][];
  range[Math.min(row, range.length - 1)][Math.min(column, range[0].length - 1)] = BLANK;
  return args;
}

const RANGE_ARGUMENTS = PURE_FUNCTIONS.flatMap((id) =>
  CONTRACT[id].parameters.map((p, k) => [id, p.name, k] as const).filter(([id, , k]) => CONTRACT[id].parameters[k].range && Array.isArray(CONTRACT[id].example!.args[k])),
);

describe("a blank cell in any range argument", () => {
  it.each(RANGE_ARGUMENTS)("TIER.%s: a blank in %s gives the same answer as null, 0 or empty text", (id, _name, k) => {
    for (const [row, column] of [
      [0, 0],
      [1, 0],
      [1, 1],
      [2, 2],
    ])
      sameEveryWay(id, withBlankCell(id, k, row, column));
  });

  it.each(RANGE_ARGUMENTS)("TIER.%s: %s entirely blank gives the same answer every way", (id, _name, k) => {
    const args = copy(CONTRACT[id].example!.args);
    args[k] = (args[k] as unknown[][]).map((r) => r.map(() => BLANK));
    sameEveryWay(id, args);
  });
});

/** Data ranges: a blank is 0 (the value older builds pass), documented per range in docs/functions.md. */
const READ_AS_ZERO: Array<[string, string, number, number]> = [
  ["ABC", "values", 1, 0],
  ["PARETO", "values", 1, 0],
  ["XYZ", "demand", 1, 1],
  ["DEMANDPATTERN", "demand", 0, 2],
  ["MCSCORE", "criteria", 1, 0],
  ["MCABC", "criteria", 1, 1],
  ["FORECAST", "history", 2, 0],
  ["FITTED", "history", 2, 0],
  ["FORECASTERROR", "actuals", 1, 0],
  ["FORECASTERROR", "forecasts", 1, 0],
  ["SAFETYSTOCK", "lead_time_sd", 1, 0],
  ["ROP", "review_period", 1, 0],
  ["BASESTOCK", "lead_time", 1, 0],
  ["NORMLOSS", "z", 1, 0],
  ["MEIO", "stages", 1, 3],
  ["ACTIVITYRATES", "activity_costs", 1, 0],
  ["COSTTOSERVE", "driver_volumes", 1, 1],
  ["WHALE", "profits", 1, 0],
  ["SCORECARD", "metrics", 1, 1],
];

describe("data ranges read a blank as 0", () => {
  it.each(READ_AS_ZERO)("TIER.%s: a blank in %s is 0", (id, name, row, column) => {
    const k = CONTRACT[id].parameters.findIndex((p) => p.name === name);
    const args = withBlankCell(id, k, row, column);
    const zero = copy(args);
    (zero[k] as unknown[][])[row][column] = 0;
    expect(sameEveryWay(id, args)).toEqual(cells(asNull(id, ...zero)));
  });
});

/** Optional arguments for which 0 is not a valid value: 0 (a blank on older builds) is the same as leaving them out. */
const ZERO_IS_OMITTED: Array<[string, string]> = [
  ["ABC", "cutoffs"],
  ["ABC", "labels"],
  ["ABC", "mode"],
  ["XYZ", "cutoffs"],
  ["DEMANDPATTERN", "adi_cutoff"],
  ["DEMANDPATTERN", "cv2_cutoff"],
  ["MCSCORE", "weights"],
  ["MCSCORE", "directions"],
  ["MCSCORE", "method"],
  ["MCABC", "cutoffs"],
  ["MCABC", "mode"],
  ["FORECAST", "method"],
  ["FORECAST", "horizon"],
  ["FORECAST", "alpha"],
  ["FORECAST", "beta"],
  ["FORECAST", "season_length"],
  ["FITTED", "alpha"],
  ["FORECASTERROR", "metric"],
  ["EOQ", "backorder_cost"],
  ["RQPOLICY", "method"],
  ["RQPOLICY", "distribution"],
  ["EOQDISCOUNT", "discount_type"],
  ["NEWSVENDOR", "distribution"],
  ["SSPOLICY", "lead_time"],
  ["COSTTOSERVE", "total_driver_volumes"],
  ["SCORECARD", "directions"],
];

describe("optional arguments for which 0 is not valid treat 0 as omitted", () => {
  it.each(ZERO_IS_OMITTED)("TIER.%s: %s blank or 0 is the default", (id, name) => {
    const k = CONTRACT[id].parameters.findIndex((p) => p.name === name);
    expect(CONTRACT[id].parameters[k].optional).toBe(true);
    const omitted = copy(CONTRACT[id].example!.args);
    omitted[k] = null;
    const blank = copy(omitted);
    const given = CONTRACT[id].example!.args[k];
    // A range of blanks (its shape kept) or a single blank cell.
    blank[k] = Array.isArray(given) ? (given as unknown[][]).map((r) => r.map(() => BLANK)) : BLANK;
    const expected = cells(asNull(id, ...omitted));
    expect(expected.flat().some((c) => typeof c === "object" && c !== null && "error" in c)).toBe(false);
    expect(sameEveryWay(id, blank)).toEqual(expected);
  });

  it("TIER.EOQ: backorder_cost blank or 0 row by row means no planned backorders in that row only", () => {
    // Snyder & Shen Examples 3.1 (304.05, no backorders) and 3.8 (310.81, p = 5).
    const out = sameEveryWay("EOQ", [[[1300], [1300]], [[8]], [[0.225]], [[BLANK], [5]]]);
    expect(out[0][0]).toBeCloseTo(304.0467800264368, 10);
    expect(out[1][0]).toBeCloseTo(310.81255515896464, 10);
  });
});

describe("TIER.MEIO: columns to leave blank work when the blank arrives as 0", () => {
  // Snyder & Shen Example 6.5 (see inventoryFunctions.test.ts): stage 1 has no demand of its own, stage 3 neither, both have successors.
  const stages = [
    [1, 2, 1, BLANK, BLANK, 1],
    [2, 1, 3, 1, BLANK, BLANK],
    [3, 1, 2, BLANK, BLANK, BLANK],
    [4, 1, 3, 1, 1, BLANK],
  ];
  const arcs = [
    [1, 3],
    [3, 2],
    [3, 4],
  ];

  it("demand sd, maximum outbound and inbound service time: blank, 0 and empty text read alike", () => {
    const out = sameEveryWay("MEIO", [stages, arcs, 0.8413447460685429]);
    expect(out).toHaveLength(4);
    const total = out.reduce((s, r) => s + (r[4] as number), 0);
    expect(total).toBeCloseTo(2 * Math.SQRT2 + Math.sqrt(6) + 3, 9);
  });

  it("a blank row between stages is skipped every way", () => {
    const out = sameEveryWay("MEIO", [[...stages.slice(0, 2), [BLANK, BLANK, BLANK, BLANK, BLANK, BLANK], ...stages.slice(2)], [...arcs, [BLANK, BLANK]], 0.8413447460685429]);
    expect(out.map((r) => r[0])).toEqual(["1", "2", "3", "4"]);
  });

  it("a demand stage without a demand sd (blank or 0) is #N/A with the reason", () => {
    const out = sameEveryWay("MEIO", [[[1, 1, 1, BLANK, BLANK, BLANK]], [[BLANK, BLANK]], 0.9]);
    expect(out).toEqual([[{ error: "#N/A", message: 'stages row 1, column 4 (demand sd): demand stage "1" needs a demand sd' }]]);
  });
});
