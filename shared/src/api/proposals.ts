import { z } from "zod";
import { assignmentChangeSchema, dimensionSchema, segmentationRunSchema } from "./schemas";
import { runProvenanceSchema } from "./runProvenance";

/*
 * A proposal as an approver must judge it: the run that produced it (method,
 * criterion, cut-offs, data window, population) travels with the request,
 * and before anything is raised the proposer sees what it would do to the
 * master data (who moves where, how many of the dimension the run covered,
 * which keys no policy row serves, which segments end up with one or two
 * members, whether the same moves already wait for a decision).
 */

/** What the proposer asks the service to check, before raising anything. */
export const previewChangesSchema = z.object({
  dimension: dimensionSchema,
  changes: z.array(assignmentChangeSchema).min(1, "at least one change").max(100_000, "at most 100,000 changes"),
});
export type PreviewChanges = z.infer<typeof previewChangesSchema>;

export const transitionSchema = z.object({ from: z.string().nullable(), to: z.string(), count: z.number().int() });

export const proposalPreviewSchema = z.object({
  dimension: z.string(),
  /** the master-data version the preview was taken against */
  version: z.number().int(),
  /** entities of the dimension the service knows */
  population: z.number().int(),
  /** entities the proposal names that the service knows */
  covered: z.number().int(),
  /** ids the service does not know (the first 20) and how many in all */
  unknown: z.object({ count: z.number().int(), examples: z.array(z.string()) }),
  /** entities whose segment would change */
  changes: z.number().int(),
  /** every from → to pair with its count (from null: not segmented yet); unchanged entities are left out */
  transitions: z.array(transitionSchema),
  direction: z.object({ upgrade: z.number().int(), downgrade: z.number().int(), lateral: z.number().int(), new: z.number().int() }),
  /** the proposed segments (after fallback: the pattern that serves each) that no policy row covers; empty when covered or when no policy table is stored */
  uncoveredKeys: z.array(z.string()),
  /** segments with one or two members once applied, as the master data would hold them */
  tinySegments: z.array(z.object({ segment: z.string(), count: z.number().int() })),
  /** the pending request that already proposes exactly these moves, if any */
  duplicateOf: z.string().nullable(),
  /** plain sentences for the proposer: subset, unknown ids, uncovered keys, tiny segments, duplicate */
  warnings: z.array(z.string()),
  /** true when raising it would be refused (uncovered keys, duplicate, unknown ids, nothing changes) */
  blocked: z.boolean(),
});
export type ProposalPreview = z.infer<typeof proposalPreviewSchema>;

/** A service-side run, previewed: the same checks on the assignments the method would propose. */
export const previewSegmentationRunSchema = segmentationRunSchema;
export const segmentationRunPreviewSchema = proposalPreviewSchema.extend({ run: runProvenanceSchema });
export type SegmentationRunPreview = z.infer<typeof segmentationRunPreviewSchema>;
