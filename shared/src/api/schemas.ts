import { z } from "zod";
import { tierRuleSchema } from "../segmentation/customerTiers";
import { policyRowSchema } from "../segmentation/policyTable";
import { freeText, idText, labelText, storedIntegerSchema } from "./text";
import { runProvenanceSchema } from "./runProvenance";

/*
 * The request and response shapes of the service's public API (/api/v1).
 * They live in shared/ so the add-in's typed client and the service validate
 * against the same definitions.
 */

const DIMENSION_ALIASES: Record<string, string> = { products: "product", customers: "customer", suppliers: "supplier", regions: "region" };

/** The kinds of master data that carry segments; plurals are accepted as aliases. */
export const dimensionSchema = z.preprocess((v) => (typeof v === "string" ? (DIMENSION_ALIASES[v.trim().toLowerCase()] ?? v.trim().toLowerCase()) : v), z.enum(["product", "customer", "supplier", "region"]));
export type Dimension = z.infer<typeof dimensionSchema>;

/** Entity ids and segment labels: the one text rule (printable, bounded, no control characters; labels no `*`). */
export const entityIdSchema = idText();
export const segmentLabelSchema = labelText();

/** A version number in a query string: a whole number 0 … 2³¹ − 1 (range-checked before SQL sees it). */
export const versionParamSchema = z.coerce.number<unknown>().pipe(storedIntegerSchema);

export const assignmentChangeSchema = z.object({
  entityId: entityIdSchema,
  segment: segmentLabelSchema,
  /** the segment's parts, e.g. { abc: "A", xyz: "X" } */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type AssignmentChange = z.infer<typeof assignmentChangeSchema>;

export const createChangeRequestSchema = z.object({
  dimension: dimensionSchema,
  changes: z.array(assignmentChangeSchema).min(1, "at least one change").max(100_000, "at most 100,000 changes"),
  justification: freeText("say why (at least 3 characters)"),
  /** when the change takes effect once approved (default: at approval) */
  effectiveAt: z.iso.datetime({ offset: true }).optional(),
  /** days until a pending request expires (default 14) */
  expiresInDays: z.number().int().min(1).max(365).optional(),
  /** the run that produced the changes (method, cut-offs, window, population): the request's source becomes "segmentation-run" */
  run: runProvenanceSchema.optional(),
});
export type CreateChangeRequest = z.infer<typeof createChangeRequestSchema>;

export const decideSchema = z.object({
  reason: freeText("give a reason (at least 3 characters)"),
});
export const approveSchema = decideSchema.extend({
  /** the master version the approver saw; a different current version is a 409 */
  expectedVersion: storedIntegerSchema,
});

export const segmentationRunSchema = z.discriminatedUnion("method", [
  z.object({
    method: z.literal("abc"),
    dimension: z.literal("product").default("product"),
    criterion: z.enum(["revenue", "margin", "units"]).default("revenue"),
    cutoffs: z.array(z.number()).optional(),
    labels: z.array(segmentLabelSchema).min(1).max(100).optional(),
    mode: z.enum(["value", "count"]).default("value"),
  }),
  z.object({
    method: z.literal("xyz"),
    dimension: z.literal("product").default("product"),
    cutoffs: z.array(z.number()).optional(),
    labels: z.array(segmentLabelSchema).min(1).max(100).optional(),
  }),
  z.object({
    method: z.literal("abc-xyz"),
    dimension: z.literal("product").default("product"),
    criterion: z.enum(["revenue", "margin", "units"]).default("revenue"),
    /** the A/B and B/C cut-offs as cumulative shares (default 0.8, 0.95), e.g. the planner's from the workbook */
    abcCutoffs: z.array(z.number()).max(20).optional(),
    /** the X/Y and Y/Z cut-offs as coefficients of variation (default 0.5, 1.0) */
    xyzCutoffs: z.array(z.number()).max(20).optional(),
  }),
  z.object({
    method: z.literal("customer-tiers"),
    dimension: z.literal("customer").default("customer"),
    /** the tier rules, first match wins, the last a catch-all (default: Strategic, Key, Core, Transactional; see assignCustomerTiers) */
    rules: z.array(tierRuleSchema).min(1).max(20).optional(),
  }),
  z.object({
    method: z.literal("mcabc"),
    dimension: z.literal("product").default("product"),
    criteria: z
      .array(
        z.object({
          metric: z.enum(["revenue", "margin", "units", "marginPct", "cv"]),
          weight: z.number().finite().min(0).default(1),
          direction: z.enum(["benefit", "cost"]).optional(),
        }),
      )
      .min(1, "name at least one criterion")
      .max(10),
    scoring: z.enum(["weighted", "edas"]).default("weighted"),
    mode: z.enum(["value", "count"]).default("count"),
    cutoffs: z.array(z.number()).optional(),
  }),
  z.object({
    method: z.literal("hybrid"),
    dimension: z.enum(["product", "customer"]),
    /** the parts of the key, in order: product parts abc, xyz, category; customer parts tier, region, channel */
    parts: z
      .array(z.enum(["abc", "xyz", "category", "tier", "region", "channel"]))
      .min(2, "a hybrid key has at least two parts")
      .max(4),
  }),
]);
export type SegmentationRun = z.infer<typeof segmentationRunSchema>;

export const putPoliciesSchema = z.object({
  rows: z.array(policyRowSchema).min(1).max(10_000, "at most 10,000 rows"),
  justification: freeText("say why (at least 3 characters)"),
});

export const importKindSchema = z.enum([
  "products",
  "customers",
  "suppliers",
  "regions",
  "order_lines",
  "supplier_performance",
  "activity_counts",
  "customer_feedback",
  "deliveries",
  "stock_snapshots",
  "activity_rates",
  "escalation_paths",
  "forecast_overrides",
  "supplier_terms",
  "dc_candidates",
  "open_orders",
  "scheduled_receipts",
  "freight_costs",
  "sell_through",
]);
export type ImportKind = z.infer<typeof importKindSchema>;

export const freezeWindowSchema = z
  .object({
    dimension: dimensionSchema.optional(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    reason: freeText("at least 3 characters", 500),
  })
  .refine((w) => Date.parse(w.endsAt) > Date.parse(w.startsAt), { message: "must end after it starts", path: ["endsAt"] });
export type FreezeWindow = z.output<typeof freezeWindowSchema>;

export const segmentLookupSchema = z.object({
  ids: z.array(entityIdSchema).min(1).max(50_000),
  dimension: dimensionSchema.default("product"),
  version: storedIntegerSchema.optional(),
});
