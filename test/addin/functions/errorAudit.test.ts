/**
 * The error-message audit: for every function, each kind of bad input gives
 * the documented code (tier-functions.md, "Conventions": #VALUE! wrong type,
 * shape or a number out of range, #N/A missing data, #NUM! only for a result
 * that cannot be represented) and a message naming the argument and, for
 * ranges, the 1-based row, as Excel shows them: on #VALUE! and #N/A only.
 * Each case mutates one cell of the function's valid call in contractTable.ts
 * (row 2 of a range, item 1 of a one-row list, the whole value of a scalar).
 * Blank cells are written BLANK and passed as this jest project's blank (null
 * or 0); the blank-reading rules themselves are in blankCells.test.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { CONTRACT, PURE_FUNCTIONS } from "./contractTable";
import { BLANK, caller, droppedMessages, loadBuiltFunctions } from "./loadBuiltFunctions";

const fns = loadBuiltFunctions();
const call = caller(fns);
/** A deep copy that keeps BLANK (a symbol JSON would drop). */
const clone = <T>(x: T): T => (Array.isArray(x) ? (x.map(clone) as T) : x);
const col = (...values: unknown[]) => values.map((v) => [v]);

/** The valid call of `id` with one cell of `argument` replaced by `value`. */
function mutated(id: string, argument: string, value: unknown): unknown[] {
  const args = clone(CONTRACT[id].example!.args);
  const k = CONTRACT[id].parameters.findIndex((p) => p.name === argument);
  if (k < 0) throw new Error(`${id} has no argument ${argument}`);
  const range = args[k];
  if (!Array.isArray(range)) {
    args[k] = value;
    return args;
  }
  const row = Math.min(1, range.length - 1);
  // Column 1 of MEIO's stages is the id; column 2 (processing time) is its first number.
  (range[row] as unknown[])[id === "MEIO" && argument === "stages" ? 1 : 0] = value;
  return args;
}

function expectCellError(result: unknown, code: string, message: string) {
  const out = result as unknown[][];
  expect(out).toHaveLength(1);
  const error = out[0][0] as CustomFunctions.Error;
  expect(error).toBeInstanceOf(CustomFunctions.Error);
  // Excel shows a message on #VALUE! and #N/A only: every message this audit documents must be one the planner sees.
  expect(["#VALUE!", "#N/A"]).toContain(code);
  expect({ code: error.code, message: error.message }).toEqual({ code, message });
}

type Kind = "text" | "NaN" | "Infinity" | "negative" | "probability" | "method";

/** One bad cell: function, kind, argument, the bad value, code, message. */
const BAD_CELLS: Array<[string, Kind, string, unknown, string, string]> = [
  ["ABC", "text", "values", "text", "#VALUE!", 'values row 2: must be a number, got "text"'],
  ["ABC", "NaN", "values", NaN, "#VALUE!", "values row 2: must be a number, got NaN"],
  ["ABC", "Infinity", "values", Infinity, "#VALUE!", "values row 2: must be a number, got Infinity"],
  ["ABC", "probability", "cutoffs", 1.5, "#VALUE!", "cutoffs item 1: must be > 0 and ≤ 1, got 1.5"],
  ["ABC", "method", "mode", "best", "#VALUE!", 'mode: "best" is not one of value, count'],
  ["PARETO", "text", "values", "text", "#VALUE!", 'values row 2: must be a number, got "text"'],
  ["PARETO", "NaN", "values", NaN, "#VALUE!", "values row 2: must be a number, got NaN"],
  ["PARETO", "Infinity", "values", Infinity, "#VALUE!", "values row 2: must be a number, got Infinity"],
  ["XYZ", "text", "demand", "text", "#VALUE!", 'demand row 2, column 1: must be a number, got "text"'],
  ["XYZ", "NaN", "demand", NaN, "#VALUE!", "demand row 2, column 1: must be a number, got NaN"],
  ["XYZ", "Infinity", "demand", Infinity, "#VALUE!", "demand row 2, column 1: must be a number, got Infinity"],
  ["XYZ", "negative", "demand", -5, "#VALUE!", "demand row 2, column 1: must be ≥ 0, got -5"],
  ["DEMANDPATTERN", "text", "demand", "text", "#VALUE!", 'demand row 2, column 1: must be a number, got "text"'],
  ["DEMANDPATTERN", "NaN", "demand", NaN, "#VALUE!", "demand row 2, column 1: must be a number, got NaN"],
  ["DEMANDPATTERN", "Infinity", "demand", Infinity, "#VALUE!", "demand row 2, column 1: must be a number, got Infinity"],
  ["DEMANDPATTERN", "negative", "demand", -5, "#VALUE!", "demand row 2, column 1: must be ≥ 0, got -5"],
  ["MCSCORE", "text", "criteria", "text", "#VALUE!", 'criteria row 2, column 1: must be a number, got "text"'],
  ["MCSCORE", "NaN", "criteria", NaN, "#VALUE!", "criteria row 2, column 1: must be a number, got NaN"],
  ["MCSCORE", "Infinity", "criteria", Infinity, "#VALUE!", "criteria row 2, column 1: must be a number, got Infinity"],
  ["MCSCORE", "negative", "weights", -5, "#VALUE!", "weights item 1: must be ≥ 0, got -5"],
  ["MCSCORE", "method", "method", "best", "#VALUE!", 'method: "best" is not one of weighted, edas'],
  ["MCABC", "text", "criteria", "text", "#VALUE!", 'criteria row 2, column 1: must be a number, got "text"'],
  ["MCABC", "NaN", "criteria", NaN, "#VALUE!", "criteria row 2, column 1: must be a number, got NaN"],
  ["MCABC", "Infinity", "criteria", Infinity, "#VALUE!", "criteria row 2, column 1: must be a number, got Infinity"],
  ["MCABC", "negative", "weights", -5, "#VALUE!", "weights item 1: must be ≥ 0, got -5"],
  ["MCABC", "probability", "cutoffs", 1.5, "#VALUE!", "cutoffs item 1: must be > 0 and ≤ 1, got 1.5"],
  ["MCABC", "method", "method", "best", "#VALUE!", 'method: "best" is not one of weighted, edas'],
  ["FORECAST", "text", "history", "text", "#VALUE!", 'history row 2: must be a number, got "text"'],
  ["FORECAST", "NaN", "history", NaN, "#VALUE!", "history row 2: must be a number, got NaN"],
  ["FORECAST", "Infinity", "history", Infinity, "#VALUE!", "history row 2: must be a number, got Infinity"],
  ["FORECAST", "negative", "horizon", -5, "#VALUE!", "horizon: must be between 1 and 10000, got -5"],
  ["FORECAST", "probability", "alpha", 1.5, "#VALUE!", "alpha: must be between 0 and 1, got 1.5"],
  ["FORECAST", "method", "method", "best", "#VALUE!", 'method: "best" is not one of auto, ses, holt, damped, hw, croston, sba, sbj, tsb, ma, snaive'],
  ["FITTED", "text", "history", "text", "#VALUE!", 'history row 2: must be a number, got "text"'],
  ["FITTED", "NaN", "history", NaN, "#VALUE!", "history row 2: must be a number, got NaN"],
  ["FITTED", "Infinity", "history", Infinity, "#VALUE!", "history row 2: must be a number, got Infinity"],
  ["FITTED", "negative", "season_length", -5, "#VALUE!", "season_length: must be between 2 and 10000, got -5"],
  ["FITTED", "probability", "alpha", 1.5, "#VALUE!", "alpha: must be between 0 and 1, got 1.5"],
  ["FITTED", "method", "method", "best", "#VALUE!", 'method: "best" is not one of auto, ses, holt, damped, hw, croston, sba, sbj, tsb, ma, snaive'],
  ["FORECASTERROR", "text", "actuals", "text", "#VALUE!", 'actuals row 2: must be a number, got "text"'],
  ["FORECASTERROR", "NaN", "actuals", NaN, "#VALUE!", "actuals row 2: must be a number, got NaN"],
  ["FORECASTERROR", "Infinity", "actuals", Infinity, "#VALUE!", "actuals row 2: must be a number, got Infinity"],
  ["FORECASTERROR", "method", "metric", "best", "#VALUE!", 'metric: "best" is not one of wape, mae, rmse, mape, smape, mase, bias, tracking_signal'],
  ["SAFETYSTOCK", "text", "demand_mean", "text", "#VALUE!", 'demand_mean row 2: must be a number, got "text"'],
  ["SAFETYSTOCK", "NaN", "demand_mean", NaN, "#VALUE!", "demand_mean row 2: must be a number, got NaN"],
  ["SAFETYSTOCK", "Infinity", "demand_mean", Infinity, "#VALUE!", "demand_mean row 2: must be a number, got Infinity"],
  ["SAFETYSTOCK", "negative", "demand_sd", -5, "#VALUE!", "demand_sd row 2: must be ≥ 0, got -5"],
  ["SAFETYSTOCK", "probability", "service_level", 1.5, "#VALUE!", "service_level row 2: must be > 0 and < 1, got 1.5"],
  ["ROP", "text", "demand_mean", "text", "#VALUE!", 'demand_mean row 2: must be a number, got "text"'],
  ["ROP", "NaN", "demand_mean", NaN, "#VALUE!", "demand_mean row 2: must be a number, got NaN"],
  ["ROP", "Infinity", "demand_mean", Infinity, "#VALUE!", "demand_mean row 2: must be a number, got Infinity"],
  ["ROP", "negative", "lead_time", -5, "#VALUE!", "lead_time row 2: must be ≥ 0, got -5"],
  ["ROP", "probability", "service_level", 1.5, "#VALUE!", "service_level row 2: must be > 0 and < 1, got 1.5"],
  ["SAFETYSTOCKFR", "text", "demand_mean", "text", "#VALUE!", 'demand_mean row 2: must be a number, got "text"'],
  ["SAFETYSTOCKFR", "NaN", "demand_mean", NaN, "#VALUE!", "demand_mean row 2: must be a number, got NaN"],
  ["SAFETYSTOCKFR", "Infinity", "demand_mean", Infinity, "#VALUE!", "demand_mean row 2: must be a number, got Infinity"],
  ["SAFETYSTOCKFR", "negative", "demand_mean", -5, "#VALUE!", "demand_mean row 2: must be ≥ 0, got -5"],
  ["SAFETYSTOCKFR", "probability", "fill_rate", 1.5, "#VALUE!", "fill_rate row 2: must be > 0 and < 1, got 1.5"],
  ["FILLRATE", "text", "safety_stock", "text", "#VALUE!", 'safety_stock row 2: must be a number, got "text"'],
  ["FILLRATE", "NaN", "safety_stock", NaN, "#VALUE!", "safety_stock row 2: must be a number, got NaN"],
  ["FILLRATE", "Infinity", "safety_stock", Infinity, "#VALUE!", "safety_stock row 2: must be a number, got Infinity"],
  ["FILLRATE", "negative", "lead_time_demand_sd", -5, "#VALUE!", "lead_time_demand_sd row 2: must be ≥ 0, got -5"],
  ["CSL", "text", "safety_stock", "text", "#VALUE!", 'safety_stock row 2: must be a number, got "text"'],
  ["CSL", "NaN", "safety_stock", NaN, "#VALUE!", "safety_stock row 2: must be a number, got NaN"],
  ["CSL", "Infinity", "safety_stock", Infinity, "#VALUE!", "safety_stock row 2: must be a number, got Infinity"],
  ["CSL", "negative", "lead_time_demand_sd", -5, "#VALUE!", "lead_time_demand_sd row 2: must be ≥ 0, got -5"],
  ["NORMLOSS", "text", "z", "text", "#VALUE!", 'z row 2: must be a number, got "text"'],
  ["NORMLOSS", "NaN", "z", NaN, "#VALUE!", "z row 2: must be a number, got NaN"],
  ["NORMLOSS", "Infinity", "z", Infinity, "#VALUE!", "z row 2: must be a number, got Infinity"],
  ["EOQ", "text", "annual_demand", "text", "#VALUE!", 'annual_demand row 2: must be a number, got "text"'],
  ["EOQ", "NaN", "annual_demand", NaN, "#VALUE!", "annual_demand row 2: must be a number, got NaN"],
  ["EOQ", "Infinity", "annual_demand", Infinity, "#VALUE!", "annual_demand row 2: must be a number, got Infinity"],
  ["EOQ", "negative", "holding_cost", -5, "#VALUE!", "holding_cost row 2: must be > 0, got -5"],
  ["BASESTOCK", "text", "demand_mean", "text", "#VALUE!", 'demand_mean row 2: must be a number, got "text"'],
  ["BASESTOCK", "NaN", "demand_mean", NaN, "#VALUE!", "demand_mean row 2: must be a number, got NaN"],
  ["BASESTOCK", "Infinity", "demand_mean", Infinity, "#VALUE!", "demand_mean row 2: must be a number, got Infinity"],
  ["BASESTOCK", "negative", "stockout_cost", -5, "#VALUE!", "stockout_cost row 2: must be > 0, got -5"],
  ["RQPOLICY", "text", "demand_rate", "text", "#VALUE!", 'demand_rate row 2: must be a number, got "text"'],
  ["RQPOLICY", "NaN", "demand_rate", NaN, "#VALUE!", "demand_rate row 2: must be a number, got NaN"],
  ["RQPOLICY", "Infinity", "demand_rate", Infinity, "#VALUE!", "demand_rate row 2: must be a number, got Infinity"],
  ["RQPOLICY", "negative", "order_cost", -5, "#VALUE!", "order_cost row 2: must be > 0, got -5"],
  ["RQPOLICY", "method", "method", "best", "#VALUE!", 'method: "best" is not one of eoq_ss, eil, loss, exact'],
  ["RQPOLICY", "method", "distribution", "gamma", "#VALUE!", 'distribution: "gamma" is not one of normal, poisson'],
  ["EPQ", "text", "annual_demand", "text", "#VALUE!", 'annual_demand row 2: must be a number, got "text"'],
  ["EPQ", "NaN", "annual_demand", NaN, "#VALUE!", "annual_demand row 2: must be a number, got NaN"],
  ["EPQ", "Infinity", "production_rate", Infinity, "#VALUE!", "production_rate row 2: must be a number, got Infinity"],
  ["EPQ", "negative", "production_rate", -5, "#VALUE!", "production_rate row 2: must be > 0, got -5"],
  ["EOQDISCOUNT", "text", "annual_demand", "text", "#VALUE!", 'annual_demand row 2: must be a number, got "text"'],
  ["EOQDISCOUNT", "NaN", "breakpoints", NaN, "#VALUE!", "breakpoints item 2: must be a number, got NaN"],
  ["EOQDISCOUNT", "Infinity", "unit_costs", Infinity, "#VALUE!", "unit_costs item 2: must be a number, got Infinity"],
  ["EOQDISCOUNT", "negative", "unit_costs", -5, "#VALUE!", "unit_costs item 2: must be > 0, got -5"],
  ["EOQDISCOUNT", "method", "discount_type", "bulk", "#VALUE!", 'discount_type: "bulk" is not one of all_units, incremental'],
  ["NEWSVENDOR", "text", "demand_mean", "text", "#VALUE!", 'demand_mean row 2: must be a number, got "text"'],
  ["NEWSVENDOR", "NaN", "demand_sd", NaN, "#VALUE!", "demand_sd row 2: must be a number, got NaN"],
  ["NEWSVENDOR", "Infinity", "demand_mean", Infinity, "#VALUE!", "demand_mean row 2: must be a number, got Infinity"],
  ["NEWSVENDOR", "negative", "holding_cost", -5, "#VALUE!", "holding_cost row 2: must be > 0, got -5"],
  ["NEWSVENDOR", "method", "distribution", "gamma", "#VALUE!", 'distribution: "gamma" is not one of normal, poisson'],
  ["SSPOLICY", "text", "demand_mean", "text", "#VALUE!", 'demand_mean row 2: must be a number, got "text"'],
  ["SSPOLICY", "NaN", "order_cost", NaN, "#VALUE!", "order_cost row 2: must be a number, got NaN"],
  ["SSPOLICY", "Infinity", "demand_mean", Infinity, "#VALUE!", "demand_mean row 2: must be a number, got Infinity"],
  ["SSPOLICY", "negative", "lead_time", -5, "#VALUE!", "lead_time row 2: must be ≥ 0, got -5"],
  ["MEIO", "text", "stages", "text", "#VALUE!", 'stages row 2, column 2 (processing time): must be a number, got "text"'],
  ["MEIO", "NaN", "stages", NaN, "#VALUE!", "stages row 2, column 2 (processing time): must be a number, got NaN"],
  ["MEIO", "Infinity", "stages", Infinity, "#VALUE!", "stages row 2, column 2 (processing time): must be a number, got Infinity"],
  ["MEIO", "negative", "stages", -5, "#VALUE!", "stages row 2, column 2 (processing time): must be ≥ 0, got -5"],
  ["MEIO", "probability", "service_level", 1.5, "#VALUE!", "service_level: must be > 0 and < 1, got 1.5"],
  ["ACTIVITYRATES", "text", "activity_costs", "text", "#VALUE!", 'activity_costs row 2: must be a number, got "text"'],
  ["ACTIVITYRATES", "NaN", "activity_costs", NaN, "#VALUE!", "activity_costs row 2: must be a number, got NaN"],
  ["ACTIVITYRATES", "Infinity", "activity_costs", Infinity, "#VALUE!", "activity_costs row 2: must be a number, got Infinity"],
  ["ACTIVITYRATES", "negative", "total_driver_volumes", -5, "#VALUE!", "total_driver_volumes row 2: must be ≥ 0, got -5"],
  ["COSTTOSERVE", "text", "driver_volumes", "text", "#VALUE!", 'driver_volumes row 2, column 1: must be a number, got "text"'],
  ["COSTTOSERVE", "NaN", "driver_volumes", NaN, "#VALUE!", "driver_volumes row 2, column 1: must be a number, got NaN"],
  ["COSTTOSERVE", "Infinity", "driver_volumes", Infinity, "#VALUE!", "driver_volumes row 2, column 1: must be a number, got Infinity"],
  ["COSTTOSERVE", "negative", "driver_volumes", -5, "#VALUE!", "driver_volumes row 2, column 1: must be ≥ 0, got -5"],
  ["WHALE", "text", "profits", "text", "#VALUE!", 'profits row 2: must be a number, got "text"'],
  ["WHALE", "NaN", "profits", NaN, "#VALUE!", "profits row 2: must be a number, got NaN"],
  ["WHALE", "Infinity", "profits", Infinity, "#VALUE!", "profits row 2: must be a number, got Infinity"],
  ["SCORECARD", "text", "metrics", "text", "#VALUE!", 'metrics row 2, column 1: must be a number, got "text"'],
  ["SCORECARD", "NaN", "metrics", NaN, "#VALUE!", "metrics row 2, column 1: must be a number, got NaN"],
  ["SCORECARD", "Infinity", "metrics", Infinity, "#VALUE!", "metrics row 2, column 1: must be a number, got Infinity"],
  ["SCORECARD", "negative", "weights", -5, "#VALUE!", "weights item 1: must be between 0 and 1, got -5"],
  ["SCORECARD", "probability", "weights", 1.5, "#VALUE!", "weights item 1: must be between 0 and 1, got 1.5"],
];

describe("one bad cell → the documented code and a message naming argument and row", () => {
  it.each(BAD_CELLS)("TIER.%s, %s in %s", (id, _kind, argument, value, code, message) => {
    expectCellError(call(id, ...mutated(id, argument, value)), code, message);
  });

  it("covers every kind for the functions where it applies, and every pure function", () => {
    const kinds = new Map<string, Set<Kind>>();
    for (const [id, kind] of BAD_CELLS) kinds.set(id, (kinds.get(id) ?? new Set()).add(kind));
    for (const id of Object.keys(CONTRACT).filter((f) => CONTRACT[f].area !== "service")) {
      for (const kind of ["text", "NaN", "Infinity"] as const) expect(`${id} ${kinds.get(id)?.has(kind)}`).toBe(`${id} true`);
    }
  });
});

/** A required argument left out altogether, and shapes that do not fit. */
const WHOLE_ARGUMENTS: Array<[string, string, unknown[], string, string]> = [
  ["ABC", "values omitted", [null, null, null, null], "#N/A", "values: required"],
  ["PARETO", "values omitted", [null], "#N/A", "values: required"],
  ["XYZ", "demand omitted", [null, null, null], "#N/A", "demand: required"],
  ["DEMANDPATTERN", "demand omitted", [null, null, null], "#N/A", "demand: required"],
  ["MCSCORE", "criteria omitted", [null, null, null, null], "#N/A", "criteria: required"],
  ["FORECAST", "history omitted", [null, null, null, null, null, null], "#N/A", "history: required"],
  ["FITTED", "method omitted", [col(1, 2, 3), null, null, null, null], "#N/A", "method: required"],
  ["FORECASTERROR", "forecasts omitted", [col(1, 2), null, null], "#N/A", "forecasts: required"],
  ["SAFETYSTOCK", "service_level omitted", [col(1, 2), col(1, 2), col(1, 2), null, null, null], "#N/A", "service_level: required"],
  ["MEIO", "service_level omitted", [[[1, 1, 1, 1, BLANK, BLANK]], [[BLANK]], null], "#N/A", "service_level: required"],
  ["COSTTOSERVE", "activity_costs omitted", [[[1]], null, null], "#N/A", "activity_costs: required"],
  ["SCORECARD", "weights omitted", [[[1]], null, null], "#N/A", "weights: required"],
  ["PARETO", "an empty range", [[]], "#N/A", "values: required"],
  ["NORMLOSS", "an empty range", [[]], "#N/A", "z: required"],
  [
    "ABC",
    "values as a table",
    [
      [
        [1, 2],
        [3, 4],
      ],
      null,
      null,
      null,
    ],
    "#VALUE!",
    "values: expected one column, got 2 rows × 2 columns",
  ],
  [
    "PARETO",
    "values as a table",
    [
      [
        [1, 2],
        [3, 4],
      ],
    ],
    "#VALUE!",
    "values: expected one column, got 2 rows × 2 columns",
  ],
  ["XYZ", "ragged demand", [[[1, 2], [3]], null, null], "#VALUE!", "demand row 2: expected 2 periods like the first row, got 1"],
  ["MCSCORE", "ragged criteria", [[[1, 2], [3]], null, null, null], "#VALUE!", "criteria row 2: expected 2 criteria like the first row, got 1"],
  [
    "MCABC",
    "a weight too many",
    [
      [
        [1, 2],
        [3, 4],
      ],
      [[1, 2, 3]],
      null,
      null,
      null,
      null,
    ],
    "#VALUE!",
    "weights: expected 2 weights (one per criterion column), got 3",
  ],
  ["ABC", "labels that do not fit the cut-offs", [col(1, 2), [[0.8, 0.95]], [["A", "B"]], null], "#VALUE!", "labels: expected 3 labels (one more than the 2 cut-offs), got 2"],
  [
    "FORECAST",
    "history as a table",
    [
      [
        [1, 2],
        [3, 4],
      ],
      null,
      null,
      null,
      null,
      null,
    ],
    "#VALUE!",
    "history: expected one column, got 2 rows × 2 columns",
  ],
  [
    "FITTED",
    "history as a table",
    [
      [
        [1, 2],
        [3, 4],
      ],
      "ses",
      null,
      null,
      null,
    ],
    "#VALUE!",
    "history: expected one column, got 2 rows × 2 columns",
  ],
  ["FORECASTERROR", "unequal lengths", [col(1, 2), col(1, 2, 3), null], "#VALUE!", "forecasts: expected 2 values (one per actual), got 3"],
  ["SAFETYSTOCK", "unequal lengths", [col(1, 2), col(1, 2, 3), [[1]], [[0.9]], null, null], "#VALUE!", "demand_mean has 2 rows but demand_sd has 3: ranges must have equal length"],
  [
    "EOQ",
    "a table for a number",
    [
      [
        [1, 2],
        [3, 4],
      ],
      [[1]],
      [[1]],
      null,
    ],
    "#VALUE!",
    "annual_demand: expected a single value or one column, got 2 rows × 2 columns",
  ],
  ["EPQ", "production at or below demand", [col(1300, 2600), [[8]], [[0.225]], col(2000, 2600)], "#VALUE!", "production_rate row 2: must be above annual demand 2600 (production must outpace demand), got 2600"],
  ["EOQDISCOUNT", "breaks not starting at 0", [[[1300]], [[8]], [[0.3]], col(100, 400), col(0.75, 0.72), null], "#VALUE!", "breakpoints item 1: the first break must be 0, got 100"],
  ["EOQDISCOUNT", "breaks not ascending", [[[1300]], [[8]], [[0.3]], col(0, 800, 400), col(0.75, 0.72, 0.68), null], "#VALUE!", "breakpoints item 3: breaks must be ascending: 400 is not above 800"],
  ["EOQDISCOUNT", "a price too few", [[[1300]], [[8]], [[0.3]], col(0, 400, 800), col(0.75, 0.72), null], "#VALUE!", "unit_costs: one price per break: 3 breaks but 2 prices"],
  ["EOQDISCOUNT", "breakpoints omitted", [[[1300]], [[8]], [[0.3]], null, col(0.75), null], "#N/A", "breakpoints: required"],
  ["NEWSVENDOR", "demand_sd omitted for the normal", [[[50]], [[0.18]], [[0.7]], null, null], "#N/A", "demand_sd: required"],
  ["SSPOLICY", "a fractional lead time", [[[6]], [[5]], [[1]], [[4]], col(0, 1.5)], "#VALUE!", "lead_time row 2: must be a whole number, got 1.5"],
  ["SSPOLICY", "no demand", [col(6, 0), [[5]], [[1]], [[4]], null], "#VALUE!", "demand_mean row 2: must be > 0, got 0"],
  [
    "SSPOLICY",
    "an order cost too large for the span cap",
    [[[400]], col(5, 500), [[0.01]], [[4]], null],
    "#VALUE!",
    "order_cost row 2: the optimal (s, S) would span more than 2,000 units of demand: order cost too large against holding cost",
  ],
  ["RQPOLICY", "a Poisson rate of 0", [col(1.5, 0), BLANK, [[2]], [[100]], [[20]], [[150]], "exact", "poisson"], "#VALUE!", "demand_rate row 2: must be > 0, got 0"],
  ["MEIO", "too few stage columns", [[[1, 2]], [[BLANK]], 0.9], "#VALUE!", "stages: expected at least 3 columns (id, processing time, holding cost), got 2"],
  ["MEIO", "one arc column", [[[1, 1, 1, 1, BLANK, BLANK]], [[1]], 0.9], "#VALUE!", "arcs: expected 2 columns (from, to), got 1"],
  ["ACTIVITYRATES", "unequal lengths", [col(1, 2), col(1, 2, 3)], "#VALUE!", "total_driver_volumes: expected 2 totals (one per activity cost), got 3"],
  [
    "COSTTOSERVE",
    "a cost too many",
    [
      [
        [1, 2],
        [3, 4],
      ],
      [[1, 2, 3]],
      null,
    ],
    "#VALUE!",
    "activity_costs: expected 2 activity costs (one per activity column), got 3",
  ],
  [
    "WHALE",
    "profits as a table",
    [
      [
        [1, 2],
        [3, 4],
      ],
    ],
    "#VALUE!",
    "profits: expected one column, got 2 rows × 2 columns",
  ],
  [
    "SCORECARD",
    "a weight too few",
    [
      [
        [1, 2],
        [3, 4],
      ],
      [[1]],
      null,
    ],
    "#VALUE!",
    "weights: expected 2 weights (one per metric column), got 1",
  ],
];

describe("omitted required arguments and mismatched shapes", () => {
  it.each(WHOLE_ARGUMENTS)("TIER.%s: %s", (id, _what, args, code, message) => {
    expectCellError(call(id, ...args), code, message);
  });
});

/** Scalar and list arguments: NaN/Infinity are named as such (not as JSON's `null`), digits in names survive. */
const SETTINGS: Array<[string, string, unknown[], string, string]> = [
  ["MEIO", "service_level NaN", [[[1, 1, 1, 1, BLANK, BLANK]], [[BLANK]], NaN], "#VALUE!", "service_level: must be a number, got NaN"],
  ["FORECAST", "alpha Infinity", [col(1, 2), null, null, Infinity, null, null], "#VALUE!", "alpha: must be a number, got Infinity"],
  ["ABC", "a NaN cut-off", [col(1, 2), [[0.5, NaN]], null, null], "#VALUE!", "cutoffs item 2: must be a number, got NaN"],
  // A blank inside a list that was given reads as 0, as older builds pass it: here a cut-off of 0.
  ["ABC", "a blank inside the cut-offs", [col(1, 2), [[0.5, BLANK]], null, null], "#VALUE!", "cutoffs item 2: must be > 0 and ≤ 1, got 0"],
  ["DEMANDPATTERN", "cv2_cutoff negative", [[[1, 2]], null, -1], "#VALUE!", "cv2_cutoff: must be > 0, got -1"],
  ["MEIO", "a NaN stage id", [[[NaN, 1, 1, 1, BLANK, BLANK]], [[BLANK]], 0.9], "#VALUE!", "stages row 1, column 1 (id): expected a stage id (text or a number), got NaN"],
  [
    "MEIO",
    "an Infinity arc end",
    [
      [
        [1, 1, 1, BLANK, BLANK, BLANK],
        [2, 1, 1, 1, BLANK, BLANK],
      ],
      [[1, Infinity]],
      0.9,
    ],
    "#VALUE!",
    "arcs row 1, column 2 (to): expected a stage id (text or a number), got Infinity",
  ],
  // A single value broadcast over a column has no row of its own: the message names the argument alone.
  ["SAFETYSTOCK", "a single bad value over a column", [col(1, 2), [[1]], [[1]], [[1.5]], null, null], "#VALUE!", "service_level: must be > 0 and < 1, got 1.5"],
  ["SAFETYSTOCK", "a required argument omitted beside columns", [col(1, 2), col(1, 2), null, [[0.9]], null, null], "#N/A", "lead_time: required"],
];

describe("settings, lists and single values", () => {
  it.each(SETTINGS)("TIER.%s: %s", (id, _what, args, code, message) => {
    expectCellError(call(id, ...args), code, message);
  });
});

describe("results too large to show", () => {
  // Inputs near the largest double overflow: the cell says #NUM! for that row instead of showing Infinity or NaN.
  // #NUM! is the one code for a result that cannot be represented; Excel shows no message on it, so none is written.
  it("turns an overflowing row into #NUM! and keeps the other rows", () => {
    const out = call("SAFETYSTOCK", col(1e308, 100), col(1e308, 20), col(1e308, 2), [[0.9]], col(1e308, 0), null);
    const error = out[0][0] as CustomFunctions.Error;
    expect({ code: error.code, message: error.message }).toEqual({ code: "#NUM!", message: "" });
    expect(typeof out[1][0]).toBe("number");
  });

  it("does the same for the segmentation, forecasting and cost families", () => {
    const score = call(
      "MCSCORE",
      [
        [1e308, 1],
        [-1e308, 2],
      ],
      null,
      null,
      null,
    );
    expect((score[0][0] as CustomFunctions.Error).code).toBe("#NUM!");
    const rmse = call("FORECASTERROR", col(1e308, -1e308), col(-1e308, 1e308), "rmse");
    expect((rmse[0][0] as CustomFunctions.Error).code).toBe("#NUM!");
    const rates = call("ACTIVITYRATES", col(1e308), col(1e-308));
    expect((rates[0][0] as CustomFunctions.Error).code).toBe("#NUM!");
  });
});

describe("every message is one Excel shows", () => {
  // Runs last in this file: every call above (and the property tests' calls in their own file) went through the recording Error.
  it("no adapter wrote a message on a code Excel shows without one (#NUM!, #DIV/0!…)", () => {
    for (const id of PURE_FUNCTIONS) call(id, ...CONTRACT[id].example!.args);
    expect(droppedMessages).toEqual([]);
  });

  it("docs/functions.md documents messages on #VALUE! and #N/A only", () => {
    const reference = readFileSync(path.resolve(__dirname, "../../../docs/functions.md"), "utf8");
    // Every "`#CODE` `message`" pair of the reference's Errors lines.
    const documented = [...reference.matchAll(/`(#[A-Z0-9/!?]+)` `([^`]+)`/g)].map((m) => ({ code: m[1], message: m[2] }));
    expect(documented.length).toBeGreaterThan(40);
    expect(documented.filter((d) => d.code !== "#VALUE!" && d.code !== "#N/A")).toEqual([]);
  });
});
