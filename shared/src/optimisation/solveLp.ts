import type { HighsSolution } from "highs";

type Highs = { solve(problem: string, options?: Record<string, unknown>): HighsSolution };
let solver: Promise<Highs> | undefined;

/**
 * The edge between the pure model builders and the solver: HiGHS (Huangfu &
 * Hall, "Parallelizing the dual revised simplex method", Mathematical
 * Programming Computation 10, 2018) compiled to WebAssembly, loaded once.
 * Takes a CPLEX-LP-format model and returns HiGHS's solution as is.
 */
export async function solveLp(model: string, options: Record<string, unknown> = {}): Promise<HighsSolution> {
  // Loaded lazily so code that only builds models never pays for the wasm.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  solver ??= (require("highs") as (settings?: object) => Promise<Highs>)();
  return (await solver).solve(model, { output_flag: false, ...options });
}
