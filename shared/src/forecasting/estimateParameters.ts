import { minimizeBounded } from "./minimizeBounded";
import type { ParameterName } from "./types";

export interface FreeParameter {
  name: ParameterName;
  lower: number;
  upper: number;
}

/**
 * Fill in the parameters the caller left out by minimising the in-sample sum
 * of squared one-step errors (`sse` of the full parameter set) over their
 * bounds; the given ones stay as given. Returns the full set and the names
 * estimated.
 */
export function estimateParameters<P extends Partial<Record<ParameterName, number>>>(
  given: P,
  free: readonly FreeParameter[],
  sse: (parameters: P) => number,
  start?: Partial<Record<ParameterName, number>>,
): { parameters: P; estimated: ParameterName[] } {
  if (free.length === 0) return { parameters: given, estimated: [] };
  const trial = { ...given };
  const assign = (x: readonly number[]) => {
    free.forEach((p, i) => ((trial as Record<ParameterName, number>)[p.name] = x[i]));
    return trial;
  };
  const best = minimizeBounded(
    (x) => sse(assign(x)),
    free.map((p) => p.lower),
    free.map((p) => p.upper),
    { start: start && free.every((p) => start[p.name] !== undefined) ? free.map((p) => start[p.name] as number) : undefined },
  );
  return { parameters: { ...assign(best.x) }, estimated: free.map((p) => p.name) };
}
