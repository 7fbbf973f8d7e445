import { z } from "zod";
import { assignmentChangeSchema } from "./schemas";
import { freeText } from "./text";
import { runProvenanceSchema } from "./runProvenance";
import { approvalStepSchema, stepRoleSchema, steppedSchema } from "./approvalRules";

/* Change requests on the wire: what the approver's queue lists and opens. */

/** "retired": the service withdrew a pending request that had become obsolete (its "from" no longer matches the master data) or would change nothing; audited, never approvable. */
export const changeRequestStatusSchema = z.enum(["pending", "approved", "rejected", "expired", "retired"]);
export type ChangeRequestStatus = z.infer<typeof changeRequestStatusSchema>;

export const changeRequestKindSchema = z.enum(["assignments", "policies", "rates"]);
export type ChangeKind = z.infer<typeof changeRequestKindSchema>;

/** Where a change request came from: a hand edit, a segmentation run, a recommendation (rule or model), a policy edit or an activity-rate edit. */
export const changeSourceSchema = z.enum(["manual", "segmentation-run", "recommendation-rule", "recommendation-model", "policy-edit", "rate-edit"]);
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
  /** changes (assignments) or rows (policies, rates) */
  size: z.number().int(),
  /** the roles that must approve, in order, fixed when the request was raised; each approved one with who and when ("step 2 of 3: sales") */
  approvalSteps: z.array(approvalStepSchema).optional(),
  /** the role the next step needs; null once no step is open (decided, or not pending) */
  nextStep: stepRoleSchema.nullable().optional(),
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
      /** how the run that produced the changes was made */
      run: runProvenanceSchema.optional(),
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

/**
 * The request's last step applies it: `version` is the new master version. An
 * earlier step is only recorded: the request stays pending, `version` is the
 * current (unchanged) one and `stepped` says which step was approved.
 */
export const approvedSchema = z.object({ changeRequest: changeRequestSummarySchema, version: z.number().int(), stepped: steppedSchema.optional() });
export const rejectedSchema = z.object({ changeRequest: changeRequestSummarySchema });

export const segmentationRunResultSchema = z.object({
  changeRequest: changeRequestSummarySchema.nullable(),
  proposed: z.number().int(),
  changes: z.number().int(),
  detail: z.string(),
});

/** Approving many requests at once: every approvable one lands in one master-data version per dimension. */
export const approveManySchema = z.object({
  ids: z.array(z.string().min(1).max(100)).min(1, "name at least one change request").max(1000, "at most 1,000 requests at once"),
  reason: freeText("give a reason (at least 3 characters)"),
  /** the master version the approver saw, per dimension; a different current version refuses that dimension's requests (409 each) */
  expectedVersions: z.record(z.string(), z.number().int().min(0)),
});
export type ApproveMany = z.infer<typeof approveManySchema>;

export const approveManyResultSchema = z.object({
  /** the version each dimension's approvals landed in */
  versions: z.record(z.string(), z.number().int()),
  approved: z.array(z.object({ id: z.string(), dimension: z.string(), entityIds: z.array(z.string()) })),
  /** requests not approved, each with the plain reason (already decided, retired, four-eyes, version moved on) */
  refused: z.array(z.object({ id: z.string(), status: z.number().int(), reason: z.string() })),
  /** requests that need further steps: this approval recorded a step, nothing was applied (absent when none) */
  stepped: z.array(steppedSchema.extend({ id: z.string(), dimension: z.string() })).optional(),
});
export type ApproveManyResult = z.infer<typeof approveManyResultSchema>;
