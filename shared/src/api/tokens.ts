import { z } from "zod";
import { mustBe } from "../validation/mustBe";
import { can, permissionSchema, roleSchema } from "./roles";
import { idText, labelText } from "./text";

/* API tokens for automation (pipelines, scripts): listed without their secret, issued once, revoked at once. */

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  /** the owner four-eyes compares */
  subject: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  status: z.enum(["active", "expired", "revoked"]),
  /** the permissions the token is limited to; null: all of its role's */
  scopes: z.array(permissionSchema).nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const tokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

/** API tokens expire: a forgotten pipeline token stops working within a quarter unless someone renews it. */
export const DEFAULT_TOKEN_DAYS = 90;

export const issueTokenSchema = z
  .object({
    /** what the token is for, e.g. "nightly ERP export" */
    name: labelText(),
    /** who owns it: the person or service account answerable for its use */
    subject: idText(),
    role: roleSchema,
    expiresInDays: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).max(365, mustBe.atMost(365)).default(DEFAULT_TOKEN_DAYS),
    /** limit the token to these of its role's permissions (least privilege for a pipeline); absent: the whole role */
    scopes: z.array(permissionSchema).min(1, "name at least one permission, or leave scopes out for the whole role").optional(),
  })
  .superRefine((token, ctx) => {
    const beyond = token.scopes?.filter((p) => !can(token.role, p)) ?? [];
    if (beyond.length > 0) ctx.addIssue({ code: "custom", path: ["scopes"], message: `role ${token.role} does not hold ${beyond.join(", ")}: a token cannot do more than its role` });
  });
export type IssueToken = z.output<typeof issueTokenSchema>;

/** The token itself is in this answer only: it is stored as a hash. */
export const issuedTokenSchema = apiTokenSchema.extend({ token: z.string() });
export const tokenIdSchema = z.object({ id: z.uuid("must be a token id (a UUID)") });
