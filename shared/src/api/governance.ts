import { z } from "zod";
import { roleSchema } from "./roles";
import { importKindSchema } from "./schemas";

/* Imports, the audit trail, the policy table, the caller's identity and upgrade validation on the wire. */

export const importReportSchema = z.object({
  kind: importKindSchema,
  rows: z.number().int(),
  written: z.number().int(),
  /** every bad cell, by 1-based data row (the header is row 0) */
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  dimension: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema) });

export const policyTableResponseSchema = z.object({ version: z.number().int(), rows: z.array(z.record(z.string(), z.unknown())) });
export type PolicyTableResponse = z.infer<typeof policyTableResponseSchema>;

export const meSchema = z.object({ name: z.string(), subject: z.string(), role: roleSchema });
export type Me = z.infer<typeof meSchema>;

export const auditChainReportSchema = z.object({
  intact: z.boolean(),
  entries: z.number().int(),
  recordedEntries: z.number().int().nullable(),
  brokenAtSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
});

export const validationReportSchema = z.object({
  intact: z.boolean(),
  results: z.array(
    z.object({
      dimension: z.string(),
      definition: z.unknown(),
      definedAtVersion: z.number().int(),
      checked: z.number().int(),
      differences: z.array(z.object({ entityId: z.string(), applied: z.string(), replayed: z.string() })),
    }),
  ),
  audit: auditChainReportSchema,
});

export const freezeWindowCreatedSchema = z.object({
  id: z.string(),
  dimension: z.string().optional(),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
});

export const healthSchema = z.object({ status: z.literal("ok") });
export const readinessSchema = z.object({ status: z.enum(["ready", "unavailable"]), store: z.string() });
