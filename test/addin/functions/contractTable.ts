/**
 * The public contract of the TIER.* functions (../shared/tier-functions.md) as
 * data, kept by hand so a rename in an adapter fails a test instead of
 * silently breaking planners' workbooks. Each function also carries one valid
 * call, used to check the result shape and as the base the error audit and
 * the property tests mutate.
 */

/** How the result spills, for a call whose main range has n rows. */
export type ResultShape =
  | "column" // n × 1, one value per input row (or per broadcast row)
  | "cell" // 1 × 1
  | "horizon" // horizon × 1 (TIER.FORECAST)
  | "rq" // n × 3: r, Q, cost
  | "pair" // n × 2: a quantity and its cost (EPQ, NEWSVENDOR)
  | "triple" // n × 3: two policy numbers and a cost (EOQDISCOUNT, SSPOLICY)
  | "stages"; // one row per stage × 5: id, service time, net lead time, safety stock, cost

export interface Parameter {
  name: string;
  optional: boolean;
  /** a range argument (functions.json dimensionality "matrix") */
  range: boolean;
}

export interface ContractEntry {
  area: "segmentation" | "forecasting" | "inventory" | "cost" | "service";
  parameters: Parameter[];
  result: ResultShape;
  /** async and cancelable (the service-backed functions) */
  cancelable?: boolean;
  /** a valid call and the number of rows it spills; absent for the service-backed functions */
  example?: { args: unknown[]; rows: number };
}

import { BLANK } from "./loadBuiltFunctions";

const p = (name: string, range: boolean, optional = false): Parameter => ({ name, optional, range });
const col = (...values: unknown[]) => values.map((v) => [v]);

export const CONTRACT: Record<string, ContractEntry> = {
  ABC: {
    area: "segmentation",
    parameters: [p("values", true), p("cutoffs", true, true), p("labels", true, true), p("mode", false, true)],
    result: "column",
    example: { args: [col(15, 50, 5, 30), [[0.8, 0.95]], [["A", "B", "C"]], "value"], rows: 4 },
  },
  PARETO: { area: "segmentation", parameters: [p("values", true)], result: "column", example: { args: [col(20, 50, 30)], rows: 3 } },
  XYZ: {
    area: "segmentation",
    parameters: [p("demand", true), p("cutoffs", true, true), p("labels", true, true)],
    result: "column",
    example: {
      args: [
        [
          [10, 10, 10],
          [0, 0, 30],
        ],
        [[0.5, 1]],
        [["X", "Y", "Z"]],
      ],
      rows: 2,
    },
  },
  DEMANDPATTERN: {
    area: "segmentation",
    parameters: [p("demand", true), p("adi_cutoff", false, true), p("cv2_cutoff", false, true)],
    result: "column",
    example: {
      args: [
        [
          [0, 20, 30, 0, 0, 50],
          [5, 5, 5, 5, 5, 5],
        ],
        1.32,
        0.49,
      ],
      rows: 2,
    },
  },
  MCSCORE: {
    area: "segmentation",
    parameters: [p("criteria", true), p("weights", true, true), p("directions", true, true), p("method", false, true)],
    result: "column",
    example: {
      args: [
        [
          [0, 1],
          [5, 3],
          [10, 2],
        ],
        [[3, 1]],
        [["benefit", "cost"]],
        "weighted",
      ],
      rows: 3,
    },
  },
  MCABC: {
    area: "segmentation",
    parameters: [p("criteria", true), p("weights", true, true), p("directions", true, true), p("cutoffs", true, true), p("method", false, true), p("mode", false, true)],
    result: "column",
    example: {
      args: [
        [
          [0, 1],
          [5, 3],
          [10, 2],
        ],
        [[3, 1]],
        [["benefit", "cost"]],
        [[0.2, 0.5]],
        "weighted",
        "count",
      ],
      rows: 3,
    },
  },
  FORECAST: {
    area: "forecasting",
    parameters: [p("history", true), p("method", false, true), p("horizon", false, true), p("alpha", false, true), p("beta", false, true), p("season_length", false, true)],
    result: "horizon",
    example: { args: [col(10, 12, 11, 13, 12, 14), "holt", 3, 0.5, 0.2, null], rows: 3 },
  },
  FITTED: {
    area: "forecasting",
    parameters: [p("history", true), p("method", false), p("alpha", false, true), p("beta", false, true), p("season_length", false, true)],
    result: "column",
    example: { args: [col(10, 12, 11, 13, 12, 14), "holt", 0.5, 0.2, null], rows: 6 },
  },
  FORECASTERROR: {
    area: "forecasting",
    parameters: [p("actuals", true), p("forecasts", true), p("metric", false, true)],
    result: "cell",
    example: { args: [col(10, 20, 5), col(12, 18, 1), "wape"], rows: 1 },
  },
  SAFETYSTOCK: {
    area: "inventory",
    parameters: [p("demand_mean", true), p("demand_sd", true), p("lead_time", true), p("service_level", true), p("lead_time_sd", true, true), p("review_period", true, true)],
    result: "column",
    example: { args: [col(100, 200, 300), col(20, 30, 40), col(2, 3, 4), col(0.9, 0.95, 0.99), col(0.5, 0, 1), col(0, 1, 2)], rows: 3 },
  },
  ROP: {
    area: "inventory",
    parameters: [p("demand_mean", true), p("demand_sd", true), p("lead_time", true), p("service_level", true), p("lead_time_sd", true, true), p("review_period", true, true)],
    result: "column",
    example: { args: [col(100, 200, 300), col(20, 30, 40), col(2, 3, 4), col(0.9, 0.95, 0.99), col(0.5, 0, 1), col(0, 1, 2)], rows: 3 },
  },
  SAFETYSTOCKFR: {
    area: "inventory",
    parameters: [p("demand_mean", true), p("demand_sd", true), p("lead_time", true), p("fill_rate", true), p("order_qty", true), p("lead_time_sd", true, true)],
    result: "column",
    example: { args: [col(100, 200, 300), col(20, 30, 40), col(2, 3, 4), col(0.98, 0.95, 0.9), col(500, 600, 700), col(0.5, 0, 1)], rows: 3 },
  },
  FILLRATE: {
    area: "inventory",
    parameters: [p("safety_stock", true), p("lead_time_demand_sd", true), p("order_qty", true)],
    result: "column",
    example: { args: [col(10, 20, 30), col(50, 60, 70), col(500, 600, 700)], rows: 3 },
  },
  CSL: { area: "inventory", parameters: [p("safety_stock", true), p("lead_time_demand_sd", true)], result: "column", example: { args: [col(10, 20, 30), col(50, 60, 70)], rows: 3 } },
  NORMLOSS: { area: "inventory", parameters: [p("z", true)], result: "column", example: { args: [col(0, 1, -1)], rows: 3 } },
  EOQ: {
    area: "inventory",
    parameters: [p("annual_demand", true), p("order_cost", true), p("holding_cost", true), p("backorder_cost", true, true)],
    result: "column",
    example: { args: [col(1300, 2600, 500), col(8, 8, 10), col(0.225, 0.5, 1), col(5, 5, 5)], rows: 3 },
  },
  BASESTOCK: {
    area: "inventory",
    parameters: [p("demand_mean", true), p("demand_sd", true), p("holding_cost", true), p("stockout_cost", true), p("lead_time", true, true)],
    result: "column",
    example: { args: [col(50, 60, 70), col(8, 9, 10), col(0.18, 0.2, 0.3), col(0.7, 0.8, 0.9), col(0, 1, 2)], rows: 3 },
  },
  RQPOLICY: {
    area: "inventory",
    parameters: [p("demand_rate", true), p("demand_sd", true), p("lead_time", true), p("order_cost", true), p("holding_cost", true), p("stockout_cost", true), p("method", false, true), p("distribution", false, true)],
    result: "rq",
    example: { args: [col(1300, 2600, 500), col(150, 200, 100), col(1 / 12, 0.1, 0.2), col(8, 8, 10), col(0.225, 0.5, 1), col(7.5, 8, 9), "eoq_ss", "normal"], rows: 3 },
  },
  EPQ: {
    area: "inventory",
    parameters: [p("annual_demand", true), p("order_cost", true), p("holding_cost", true), p("production_rate", true)],
    result: "pair",
    example: { args: [col(1300, 2600, 500), col(8, 8, 10), col(0.225, 0.5, 1), col(3000, 5000, 4000)], rows: 3 },
  },
  EOQDISCOUNT: {
    area: "inventory",
    parameters: [p("annual_demand", true), p("order_cost", true), p("holding_rate", true), p("breakpoints", true), p("unit_costs", true), p("discount_type", false, true)],
    result: "triple",
    example: { args: [col(1300, 2600, 500), col(8, 8, 10), col(0.3, 0.3, 0.25), col(0, 400, 800), col(0.75, 0.72, 0.68), "all_units"], rows: 3 },
  },
  NEWSVENDOR: {
    area: "inventory",
    parameters: [p("demand_mean", true), p("holding_cost", true), p("stockout_cost", true), p("demand_sd", true, true), p("distribution", false, true)],
    result: "pair",
    example: { args: [col(50, 60, 70), col(0.18, 0.2, 0.3), col(0.7, 0.8, 0.9), col(8, 9, 10), "normal"], rows: 3 },
  },
  SSPOLICY: {
    area: "inventory",
    parameters: [p("demand_mean", true), p("order_cost", true), p("holding_cost", true), p("stockout_cost", true), p("lead_time", true, true)],
    result: "triple",
    example: { args: [col(6, 3, 10), col(5, 40, 64), col(1, 1, 1), col(4, 9, 10), col(0, 1, 2)], rows: 3 },
  },
  MEIO: {
    area: "inventory",
    parameters: [p("stages", true), p("arcs", true), p("service_level", false)],
    result: "stages",
    example: {
      args: [
        [
          [1, 2, 1, BLANK, BLANK, 1],
          [2, 1, 3, 1, 0, BLANK],
          [3, 1, 2, BLANK, BLANK, BLANK],
          [4, 1, 3, 1, 1, BLANK],
        ],
        [
          [1, 3],
          [3, 2],
          [3, 4],
        ],
        0.95,
      ],
      rows: 4,
    },
  },
  ACTIVITYRATES: {
    area: "cost",
    parameters: [p("activity_costs", true), p("total_driver_volumes", true)],
    result: "column",
    example: { args: [col(392000, 56000, 112000), col(49000, 1400, 2500)], rows: 3 },
  },
  COSTTOSERVE: {
    area: "cost",
    parameters: [p("driver_volumes", true), p("activity_costs", true), p("total_driver_volumes", true, true)],
    result: "column",
    example: {
      args: [
        [
          [2, 1],
          [3, 0],
          [1, 1],
        ],
        [[50, 40]],
        [[10, 5]],
      ],
      rows: 3,
    },
  },
  WHALE: { area: "cost", parameters: [p("profits", true)], result: "column", example: { args: [col(50, -20, 70)], rows: 3 } },
  SCORECARD: {
    area: "cost",
    parameters: [p("metrics", true), p("weights", true), p("directions", true, true)],
    result: "column",
    example: {
      args: [
        [
          [0.98, 200],
          [0.9, 50],
          [0.94, 100],
        ],
        [[0.6, 0.4]],
        [["benefit", "cost"]],
      ],
      rows: 3,
    },
  },
  SEGMENT: { area: "service", parameters: [p("id", true), p("dimension", false, true), p("version", false, true)], result: "column", cancelable: true },
  POLICY: { area: "service", parameters: [p("segment", false), p("field", false)], result: "cell", cancelable: true },
};

/** The pure (not service-backed) functions, which run without a network. */
export const PURE_FUNCTIONS = Object.keys(CONTRACT).filter((id) => CONTRACT[id].area !== "service");

/**
 * The inventory functions whose numeric arguments all broadcast (MEIO takes
 * tables; EOQDISCOUNT's breakpoints and unit costs are one price list shared
 * by every row, so its broadcasting is tested in inventoryFunctions.test.ts).
 */
export const BROADCAST_FUNCTIONS = ["SAFETYSTOCK", "ROP", "SAFETYSTOCKFR", "FILLRATE", "CSL", "NORMLOSS", "EOQ", "BASESTOCK", "RQPOLICY", "EPQ", "NEWSVENDOR", "SSPOLICY"];

/**
 * What tier-functions.md has that the build does not have yet (nothing since
 * the inventory revision, issue 22). The contract test lists these as
 * pending, and fails if one is in fact built (so the list cannot go stale) or
 * is no longer in the document.
 */
export const PENDING: { functions: readonly string[]; parameters: ReadonlyArray<{ function: string; parameter: string }> } = {
  functions: [],
  parameters: [],
};

/** The area of each section heading of tier-functions.md. */
const SECTION_AREAS: Record<string, ContractEntry["area"]> = {
  Segmentation: "segmentation",
  Forecasting: "forecasting",
  Inventory: "inventory",
  "Cost and suppliers": "cost",
  "From the service (async, `@cancelable`, batched into one request per recalculation)": "service",
};

export interface DocumentedFunction {
  parameters: Array<{ name: string; optional: boolean }>;
  /** the section the function is listed under; undefined for a heading this table does not know */
  area: ContractEntry["area"] | undefined;
  /** the table row's text after the signature (the "Returns" column) */
  returns: string;
}

/**
 * Every signature tier-functions.md writes, `TIER.ABC(values, [cutoffs], …)`
 * at the start of a table row, with the section it stands in. Any other
 * mention of `TIER.X(` at the start of a row that does not parse fails here,
 * so a malformed row cannot slip past the comparison.
 */
export function parseContractDoc(markdown: string): Map<string, DocumentedFunction> {
  const out = new Map<string, DocumentedFunction>();
  let area: ContractEntry["area"] | undefined;
  for (const line of markdown.split("\n")) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) area = SECTION_AREAS[heading[1].trim()];
    if (!/^\|\s*`TIER\./.test(line)) continue;
    const m = /^\|\s*`TIER\.([A-Z][A-Z0-9]*)\(([^)]*)\)`\s*\|(.*)\|\s*$/.exec(line);
    if (!m) throw new Error(`tier-functions.md: a row this parser cannot read: ${line}`);
    const parameters = m[2]
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => (s.startsWith("[") ? { name: s.replace(/^\[|\]$/g, ""), optional: true } : { name: s, optional: false }));
    if (out.has(m[1])) throw new Error(`tier-functions.md lists TIER.${m[1]} twice`);
    out.set(m[1], { parameters, area, returns: m[3] });
  }
  return out;
}
