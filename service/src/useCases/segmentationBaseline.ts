import { storedDefinitions } from "../store/definitions";
import { requestsAppliedIn } from "../store/changeRequests";
import type { Executor } from "./context";

/* XYZ's default limits when a definition names none (shared/src/segmentation/xyz.ts). */
const XYZ_CUTOFFS = [0.5, 1.0];

/** The weeks the rule examines with the default request: 4-week periods, 3 in a row, read over N + 1 period ends (5 periods). */
export const RULE_EXAMINED_WEEKS = 4 * (2 * 3 - 1);

export interface SegmentationBaseline {
  /** the weeks the segmentation that set the current classes read */
  window: { fromWeek: number; toWeek: number };
  /** "run": the applied run's own window; "before the examined weeks": no run window is stored */
  source: "run" | "before the examined weeks";
  /** the run's own window, uncut (the whole history without a stored run) */
  runWindow: { fromWeek: number; toWeek: number };
  /** the XYZ limits of the stored definition, when it has an XYZ part */
  xyzCutoffs?: number[];
}

/**
 * The baseline a rule recommendation is read against: the stored definition
 * of the dimension and the window of stored history its applied run read
 * (the run's provenance on the request that applied it), so the rule
 * recomputes the segmentation's own statistic over the segmentation's own
 * weeks. Without a stored run window, every week before the weeks the rule
 * examines; a run window that reaches into the weeks examined ends
 * before them.
 */
export async function segmentationBaseline(db: Executor, dimension: "product" | "customer", weeks: number, examinedWeeks: number): Promise<SegmentationBaseline> {
  const stored = (await storedDefinitions(db)).find((d) => d.dimension === dimension);
  const definition = (stored?.definition ?? {}) as { method?: string; xyzCutoffs?: number[]; cutoffs?: number[] };
  const xyzCutoffs =
    definition.method === "abc-xyz" ? (definition.xyzCutoffs ?? XYZ_CUTOFFS) : definition.method === "xyz" ? (definition.cutoffs ?? XYZ_CUTOFFS) : definition.method === "hybrid" ? XYZ_CUTOFFS : undefined;
  const fallback = { window: { fromWeek: 1, toWeek: Math.max(1, weeks - examinedWeeks) }, runWindow: { fromWeek: 1, toWeek: weeks }, source: "before the examined weeks" as const, ...(xyzCutoffs ? { xyzCutoffs } : {}) };
  if (!stored) return fallback;
  for (const r of await requestsAppliedIn(db, dimension, [stored.version])) {
    const window = (JSON.parse(r.payload) as { run?: { window?: { first: string; last: string } } }).run?.window;
    const first = Number(/\d+/.exec(window?.first ?? "")?.[0]);
    const last = Number(/\d+/.exec(window?.last ?? "")?.[0]);
    // The weeks the rule examines are the evidence of change, not of the baseline: a run that read them (a history
    // imported again over the same weeks) is cut back to the weeks before.
    const end = Math.min(last, weeks - examinedWeeks);
    if (Number.isInteger(first) && Number.isInteger(last) && first >= 1 && last >= first && Math.min(last, weeks) >= first)
      return { window: { fromWeek: first, toWeek: Math.max(first, end) }, runWindow: { fromWeek: first, toWeek: Math.min(last, weeks) }, source: "run", ...(xyzCutoffs ? { xyzCutoffs } : {}) };
  }
  return fallback;
}
