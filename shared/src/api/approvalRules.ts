import { z } from "zod";
import { dimensionSchema } from "./schemas";
import { roleSchema } from "./roles";
import { idText } from "./text";

/*
 * Multi-step approval: which roles must approve a change request, in order.
 * A rule names a dimension ("policy" for policy tables, "rates" for the activity-rate table) and optionally a
 * segment pattern (`*` matches any text within a part, as in the policy
 * table); a request's steps are fixed when it is raised.
 */

/** A role that may hold a step: every role that decides (not viewer). */
export const stepRoleSchema = roleSchema.exclude(["viewer"], { error: "a step needs a role that may decide: planner, sales, finance, approver or admin" });

/** Steps of a request no rule covers: one approver, as before multi-step approval. */
export const DEFAULT_APPROVAL_STEPS: readonly z.infer<typeof stepRoleSchema>[] = ["approver"];

export const approvalRuleSchema = z.object({
  dimension: z.union([dimensionSchema, z.literal("policy"), z.literal("rates")]),
  /** matched against each change's proposed segment and its current one; absent: every request of the dimension */
  segment: idText().optional(),
  steps: z.array(stepRoleSchema).min(1, "name at least one step").max(6, "at most 6 steps"),
});
export type ApprovalRule = z.infer<typeof approvalRuleSchema>;

export const putApprovalRulesSchema = z.object({
  rules: z
    .array(approvalRuleSchema)
    .max(500, "at most 500 rules")
    .superRefine((rules, ctx) => {
      const seen = new Map<string, number>();
      rules.forEach((rule, i) => {
        const key = `${rule.dimension}\u0000${rule.segment ?? ""}`;
        const first = seen.get(key);
        if (first !== undefined) ctx.addIssue({ code: "custom", path: [i, "segment"], message: `${rule.dimension} ${rule.segment ? `"${rule.segment}"` : "(every segment)"} is also rule ${first}` });
        else seen.set(key, i);
        if ((rule.dimension === "policy" || rule.dimension === "rates") && rule.segment !== undefined)
          ctx.addIssue({ code: "custom", path: [i, "segment"], message: `${rule.dimension === "policy" ? "a policy table" : "the activity-rate table"} has no segment: leave it out` });
      });
    }),
});
export type PutApprovalRules = z.infer<typeof putApprovalRulesSchema>;

export const approvalRulesSchema = z.object({
  rules: z.array(approvalRuleSchema),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type ApprovalRules = z.infer<typeof approvalRulesSchema>;

/** One step of a request: the role it needs and, once approved, who approved it and when. */
export const approvalStepSchema = z.object({
  role: stepRoleSchema,
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ApprovalStep = z.infer<typeof approvalStepSchema>;

/** An approval that recorded a step without applying the request: which step of how many, and the role the next one needs. */
export const steppedSchema = z.object({ step: z.number().int().min(1), of: z.number().int().min(1), nextRole: stepRoleSchema });
