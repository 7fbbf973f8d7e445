import type { Highs } from "highs";

/**
 * A mixed-integer linear programme in the solver's own structured form:
 *
 *   min c·x  s.t.  rowLower ≤ A x ≤ rowUpper,  colLower ≤ x ≤ colUpper,  x_j ∈ ℤ where integer[j] = 1.
 *
 * A is given row by row (CSR: row r holds columns `indices[starts[r] … starts[r+1])`).
 * Built by pure code, so a model can be checked entry by entry without the
 * solver; at 100,000 columns this is also far cheaper than writing LP text.
 */
export interface MipModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** 1 for an integer column, 0 for a continuous one */
  integer: Int32Array;
}

export interface MipOptions {
  /** stop when (incumbent − bound) / |incumbent| ≤ this (HiGHS `mip_rel_gap`; its default is 1e-4) */
  mipRelGap?: number;
  /** wall-clock limit in seconds (HiGHS `time_limit`) */
  timeLimitSeconds?: number;
}

export type MipStatus = "optimal" | "time limit" | "infeasible" | "unbounded" | "other";

export interface MipSolution {
  status: MipStatus;
  /** HiGHS's own status text, for messages */
  statusText: string;
  /** objective of the best solution found; NaN when there is none */
  objective: number;
  /** best proven lower bound on the objective */
  dualBound: number;
  /** the relative gap HiGHS reports between the incumbent and the bound (0 at a proven optimum within tolerance) */
  gap: number;
  /** column values of the best solution; empty when there is none */
  values: Float64Array;
  /** branch-and-bound nodes explored */
  nodes: number;
  seconds: number;
}

let runtime: Promise<Highs> | undefined;

/**
 * Solve a {@link MipModel} with HiGHS (Huangfu & Hall, Mathematical
 * Programming Computation 10, 2018; branch-and-cut MIP solver), compiled to
 * WebAssembly. Unlike {@link solveLp}'s one-shot call this keeps the native
 * instance long enough to read the MIP gap and dual bound, which a caller
 * must report when a time limit stops the search before optimality.
 */
export async function solveMip(model: MipModel, options: MipOptions = {}): Promise<MipSolution> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  runtime ??= (require("highs") as (settings?: object) => Promise<Highs>)();
  const highs = await runtime;
  const instance = highs.createModel();
  try {
    instance.options.set({
      output_flag: false,
      ...(options.mipRelGap === undefined ? {} : { mip_rel_gap: options.mipRelGap }),
      ...(options.timeLimitSeconds === undefined || !Number.isFinite(options.timeLimitSeconds) ? {} : { time_limit: options.timeLimitSeconds }),
    });
    const infinite = (a: Float64Array) => a.map((v) => (v === Infinity ? highs.infinity : v === -Infinity ? -highs.infinity : v));
    instance.passModel({
      numCols: model.numCols,
      numRows: model.numRows,
      colCost: model.colCost,
      colLower: infinite(model.colLower),
      colUpper: infinite(model.colUpper),
      rowLower: infinite(model.rowLower),
      rowUpper: infinite(model.rowUpper),
      matrix: { format: "csr", numRows: model.numRows, numCols: model.numCols, starts: model.starts, indices: model.indices, values: model.values },
      integrality: model.integer,
    });
    const started = Date.now();
    const run = instance.run();
    const seconds = (Date.now() - started) / 1000;
    const codes = highs.constants.modelStatus;
    const status: MipStatus =
      run.modelStatus === codes.optimal
        ? "optimal"
        : run.modelStatus === codes.timeLimit
          ? "time limit"
          : run.modelStatus === codes.infeasible
            ? "infeasible"
            : run.modelStatus === codes.unbounded || run.modelStatus === codes.unboundedOrInfeasible
              ? "unbounded"
              : "other";
    const hasSolution = Number(instance.info.get("primal_solution_status")) === 2;
    return {
      status,
      statusText: statusName(highs, run.modelStatus),
      objective: hasSolution ? instance.getObjectiveValue() : NaN,
      dualBound: Number(instance.info.get("mip_dual_bound")),
      gap: Number(instance.info.get("mip_gap")),
      values: hasSolution ? instance.getSolution().colValue : new Float64Array(),
      nodes: Number(instance.info.get("mip_node_count")),
      seconds,
    };
  } finally {
    instance.dispose();
  }
}

function statusName(highs: Highs, code: number): string {
  const entry = Object.entries(highs.constants.modelStatus).find(([, v]) => v === code);
  return entry ? entry[0] : `status ${code}`;
}
