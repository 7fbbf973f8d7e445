import { z } from "zod";
import { dimensionSchema } from "./schemas";

/* Master data on the wire: entities, segment tables, versions and their differences. */

export const entityListSchema = z.object({
  dimension: dimensionSchema,
  entities: z.array(z.object({ id: z.string(), name: z.string(), attributes: z.record(z.string(), z.unknown()) })),
});

export const assignmentSchema = z.object({ entityId: z.string(), segment: z.string(), detail: z.record(z.string(), z.unknown()) });
export type Assignment = z.infer<typeof assignmentSchema>;

export const segmentTableSchema = z.object({ dimension: dimensionSchema, version: z.number().int(), assignments: z.array(assignmentSchema) });
export type SegmentTable = z.infer<typeof segmentTableSchema>;

export const segmentLookupResultSchema = z.object({
  dimension: dimensionSchema,
  version: z.number().int(),
  segments: z.array(z.object({ id: z.string(), segment: z.string().nullable() })),
});
export type SegmentLookupResult = z.infer<typeof segmentLookupResultSchema>;

export const entitySegmentSchema = z.object({
  dimension: dimensionSchema,
  id: z.string(),
  segment: z.string(),
  detail: z.record(z.string(), z.unknown()),
  version: z.number().int(),
});

export const versionHistorySchema = z.object({
  dimension: dimensionSchema,
  current: z.number().int(),
  versions: z.array(
    z.object({
      dimension: z.string(),
      version: z.number().int(),
      effectiveAt: z.string(),
      createdAt: z.string(),
      createdBy: z.string(),
      changeRequestId: z.string().nullable(),
      note: z.string(),
    }),
  ),
});

/** One applied change of an entity's segment: entered (from null), moved, or left (to null). */
export const segmentChangeSchema = z.object({
  version: z.number().int(),
  effectiveAt: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  approvedBy: z.string(),
  reason: z.string(),
  changeRequestId: z.string().nullable(),
});
export const entityHistorySchema = z.object({ dimension: dimensionSchema, id: z.string(), name: z.string().nullable(), changes: z.array(segmentChangeSchema) });
export type EntityHistory = z.infer<typeof entityHistorySchema>;

export const versionDiffSchema = z.object({
  dimension: dimensionSchema,
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(z.object({ entityId: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
});
