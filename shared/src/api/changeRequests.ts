import { z } from "zod";
import { assignmentChangeSchema } from "./schemas";

/* Change requests on the wire: what the approver's queue lists and opens. */

export const changeRequestStatusSchema = z.enum(["pending", "approved", "rejected", "expired"]);
export type ChangeRequestStatus = z.infer<typeof changeRequestStatusSchema>;

export const changeRequestKindSchema = z.enum(["assignments", "policies"]);
export type ChangeKind = z.infer<typeof changeRequestKindSchema>;

/** Where a change request came from: a hand edit, a segmentation run, a recommendation (rule or model) or a policy edit. */
export const changeSourceSchema = z.enum(["manual", "segmentation-run", "recommendation-rule", "recommendation-model", "policy-edit"]);
export type ChangeSource = z.infer<typeof changeSourceSchema>;

/** Sources whose requests carry a recommendation (confidence, rationale, impact). */
export const RECOMMENDATION_SOURCES: readonly ChangeSource[] = ["recommendation-rule", "recommendation-model"];
export function isRecommendationSource(source: string): boolean {
  return (RECOMMENDATION_SOURCES as readonly string[]).includes(source);
}

export const changeRequestSummarySchema = z.object({
  id: z.string(),
  kind: changeRequestKindSchema,
  dimension: z.string(),
  status: changeRequestStatusSchema,
  source: changeSourceSchema,
  justification: z.string(),
  baseVersion: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  appliedVersion: z.number().int().nullable(),
  /** changes (assignments) or rows (policies) */
  size: z.number().int(),
});
export type ChangeRequestSummary = z.infer<typeof changeRequestSummarySchema>;

export const assignmentDiffSchema = z.object({ entityId: z.string(), from: z.string().nullable(), to: z.string().nullable() });
export type AssignmentDiff = z.infer<typeof assignmentDiffSchema>;

export const changeRequestDetailSchema = changeRequestSummarySchema.extend({
  payload: z
    .object({
      changes: z.array(assignmentChangeSchema).optional(),
      rows: z.array(z.unknown()).optional(),
      /** the method and options that produced the changes, replayed by /validate */
      definition: z.unknown().optional(),
      effectiveAt: z.string().optional(),
    })
    .optional(),
  /** pending assignment requests: what would change against the current version */
  diff: z.array(assignmentDiffSchema).optional(),
});
export type ChangeRequestDetail = z.infer<typeof changeRequestDetailSchema>;

export const changeRequestPageSchema = z.object({
  changeRequests: z.array(changeRequestSummarySchema),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});

export const approvedSchema = z.object({ changeRequest: changeRequestSummarySchema, version: z.number().int() });
export const rejectedSchema = z.object({ changeRequest: changeRequestSummarySchema });

export const segmentationRunResultSchema = z.object({
  changeRequest: changeRequestSummarySchema.nullable(),
  proposed: z.number().int(),
  changes: z.number().int(),
  detail: z.string(),
});
