import type { SegmentationRun } from "../../../shared/src/api";
import type { RunProvenance } from "../../../shared/src/api/runProvenance";
import { DEFAULT_TIER_RULES, MC_ABC_DEFAULT_CUTOFFS, describeTierRule } from "../../../shared/src/segmentation";
import { orderWeekRange } from "../store/orderLines";
import type { Executor } from "./context";

/* The defaults the shared classifiers apply when a definition names no cut-offs (abc.ts, xyz.ts). */
const ABC_CUTOFFS = [0.8, 0.95];
const XYZ_CUTOFFS = [0.5, 1.0];

const weekLabel = (week: number) => `W${String(week).padStart(2, "0")}`;

/**
 * How a service run was made, as the approver reads it on the request: the
 * method with its criterion, mode and cut-offs (the defaults spelled out),
 * the parts of a hybrid key, the weeks of stored history it read and how
 * many entities it classified. One builder for the preview and the run, so
 * what was previewed is what the request carries.
 */
export function runProvenanceOf(definition: SegmentationRun, window: { first: number; last: number } | null, rows: number): RunProvenance {
  const base = {
    method: definition.method,
    computedFrom: "service" as const,
    ...(window ? { window: { first: weekLabel(window.first), last: weekLabel(window.last), periods: window.last - window.first + 1 } } : {}),
    population: { source: "stored order history", rows },
  };
  switch (definition.method) {
    case "abc":
      return { ...base, criterion: definition.criterion, mode: definition.mode, cutoffs: { abc: definition.cutoffs ?? ABC_CUTOFFS } };
    case "xyz":
      return { ...base, cutoffs: { xyz: definition.cutoffs ?? XYZ_CUTOFFS } };
    case "abc-xyz":
      return { ...base, criterion: definition.criterion, mode: "value", cutoffs: { abc: definition.abcCutoffs ?? ABC_CUTOFFS, xyz: definition.xyzCutoffs ?? XYZ_CUTOFFS } };
    case "mcabc":
      return {
        ...base,
        criteria: definition.criteria.map((c) => ({ name: c.metric, weight: c.weight })),
        mode: definition.mode,
        cutoffs: { abc: definition.cutoffs ?? MC_ABC_DEFAULT_CUTOFFS[definition.mode] },
      };
    case "hybrid": {
      const abc = definition.parts.includes("abc");
      const xyz = definition.parts.includes("xyz");
      return {
        ...base,
        keyParts: definition.parts,
        ...(abc ? { criterion: "revenue", mode: "value" as const } : {}),
        ...(abc || xyz ? { cutoffs: { ...(abc ? { abc: ABC_CUTOFFS } : {}), ...(xyz ? { xyz: XYZ_CUTOFFS } : {}) } } : {}),
      };
    }
    case "customer-tiers":
      return { ...base, tierRules: (definition.rules ?? DEFAULT_TIER_RULES).map(describeTierRule) };
  }
}

/** The provenance of a run over the stored order history. */
export async function storedRunProvenance(db: Executor, definition: SegmentationRun, rows: number): Promise<RunProvenance> {
  return runProvenanceOf(definition, await orderWeekRange(db), rows);
}
