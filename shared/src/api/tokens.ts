import { z } from "zod";
import { mustBe } from "../validation/mustBe";
import { roleSchema } from "./roles";
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
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const tokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

/** API tokens expire: a forgotten pipeline token stops working within a quarter unless someone renews it. */
export const DEFAULT_TOKEN_DAYS = 90;

export const issueTokenSchema = z.object({
  /** what the token is for, e.g. "nightly ERP export" */
  name: labelText(),
  /** who owns it: the person or service account answerable for its use */
  subject: idText(),
  role: roleSchema,
  expiresInDays: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).max(365, mustBe.atMost(365)).default(DEFAULT_TOKEN_DAYS),
});
export type IssueToken = z.output<typeof issueTokenSchema>;

/** The token itself is in this answer only: it is stored as a hash. */
export const issuedTokenSchema = apiTokenSchema.extend({ token: z.string() });
export const tokenIdSchema = z.object({ id: z.uuid("must be a token id (a UUID)") });
