import { z } from "zod";
import { dimensionSchema, versionParamSchema } from "./schemas";

/*
 * "What changed since my table's version": one row per entity whose segment
 * differs between `since` and the current version, with the provenance of
 * the version that gave it its current segment. A workbook refresh shows it
 * to sales ops (who approved what, when and why) and the ribbon counts it.
 */

export const versionChangesQuerySchema = z.object({
  dimension: dimensionSchema.default("product"),
  /** the version the caller holds; 0 for "never refreshed" */
  since: versionParamSchema,
});
export type VersionChangesQuery = z.output<typeof versionChangesQuerySchema>;

export const versionChangeSchema = z.object({
  entityId: z.string(),
  /** the master data's display name, null for an entity no longer in it */
  name: z.string().nullable(),
  /** the segment at `since` (null: not assigned then) */
  from: z.string().nullable(),
  /** the segment now (null: no longer assigned) */
  to: z.string().nullable(),
  /** the version that gave the entity its current segment */
  version: z.number().int(),
  effectiveAt: z.string(),
  approvedBy: z.string(),
  reason: z.string(),
  changeRequestId: z.string().nullable(),
});
export type VersionChange = z.infer<typeof versionChangeSchema>;

export const versionChangesSchema = z.object({
  dimension: dimensionSchema,
  since: z.number().int(),
  current: z.number().int(),
  /** when the current version took effect (ISO); null before the first approval */
  currentAt: z.string().nullable(),
  changes: z.array(versionChangeSchema),
});
export type VersionChanges = z.infer<typeof versionChangesSchema>;
