import { z } from "zod";
import { mustBe } from "../validation/mustBe";
import { DEFAULT_CEILINGS } from "../kpi/kpiDefaults";
import { escalationLevelSchema, kpiNameSchema } from "../kpi/schemas";
import { DEFAULT_MIN_PERIODS } from "../kpi/persistentUnderperformance";

/* KPIs per segment, breaches, the segment health check and corrective actions on the wire. */

export const KPI_DIMENSIONS = ["product", "customer"] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

/** "products"/"customers" are accepted as aliases, as elsewhere in the API. */
export const kpiDimensionSchema = z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase().replace(/s$/, "") : v), z.enum(KPI_DIMENSIONS, "must be product or customer"));

export const kpiQuerySchema = z.object({
  dimension: kpiDimensionSchema.default("product"),
  segment: z.string().trim().min(1, "may not be blank").max(100).optional(),
  maxCostToServePct: z.coerce.number(mustBe.number).gt(0, mustBe.above(0)).max(10, mustBe.atMost(10)).default(DEFAULT_CEILINGS.maxCostToServePct),
  maxWape: z.coerce.number(mustBe.number).gt(0, mustBe.above(0)).max(10, mustBe.atMost(10)).default(DEFAULT_CEILINGS.maxWape),
});
export type KpiQuery = z.output<typeof kpiQuerySchema>;
export const breachQuerySchema = kpiQuerySchema.omit({ segment: true });

const kpiValueSchema = z.object({
  kpi: kpiNameSchema,
  value: z.number().nullable(),
  target: z.number().nullable(),
  /** where the target comes from */
  targetSource: z
    .enum([
      "policy.cycleServiceLevel",
      "policy.targetFillRate",
      "policy.inventoryTurnsTarget",
      "maxCostToServePct",
      "maxWape",
      "policy.maxWape",
      "policy.maxTrackingSignal",
      "default.maxTrackingSignal",
      "policy.minNps",
      "policy.minCsat",
      "default.minNps",
      "default.minCsat",
    ])
    .nullable(),
  status: z.enum(["met", "breach", "no_data", "no_target"]),
  /** measured from stored data (deliveries, stock snapshots, the rate table), modelled where that data is absent, or not measured */
  basis: z.enum(["measured", "modelled", "not_measured"]),
  note: z.string().optional(),
  /** measured values per month (YYYY-MM), oldest first */
  periods: z.array(z.object({ period: z.string(), value: z.number().nullable() })).optional(),
});
export type KpiValue = z.infer<typeof kpiValueSchema>;

const kpiContextSchema = z.object({
  dimension: z.enum(KPI_DIMENSIONS),
  dataWindow: z.object({ fromWeek: z.number().int(), toWeek: z.number().int(), forecastHoldoutWeeks: z.number().int() }),
  assumptions: z.object({
    activityRates: z.record(z.string(), z.number()),
    /** stored: the rate table's version in force; default: illustrative rates, no table stored */
    activityRatesSource: z.object({ source: z.enum(["stored", "default"]), version: z.number().int().nullable() }).optional(),
    ceilings: z.object({ maxCostToServePct: z.number(), maxWape: z.number() }),
    escalationSource: z.enum(["stored", "default", "stored+default"]),
  }),
});

export const kpiReportSchema = kpiContextSchema.extend({
  assignmentsVersion: z.number().int(),
  policyVersion: z.number().int(),
  segments: z.array(
    z.object({
      segment: z.string(),
      entities: z.array(z.string()),
      policy: z.object({ pattern: z.string(), row: z.number().int(), ownerFunction: z.string() }).nullable(),
      policyError: z.string().nullable(),
      kpis: z.array(kpiValueSchema),
    }),
  ),
});
export type KpiReportResponse = z.infer<typeof kpiReportSchema>;

export const ACTION_STATUSES = ["open", "in_progress", "done", "cancelled"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

const dueDate = z.iso.date("must be a date YYYY-MM-DD");
const text = (max: number) => z.string().trim().min(1, "may not be blank").max(max, `at most ${max} characters`);

export const createActionSchema = z
  .object({
    title: text(300),
    owner: text(200),
    dueDate,
    status: z.enum(ACTION_STATUSES).default("open"),
    dimension: z.enum(KPI_DIMENSIONS, "must be product or customer").optional(),
    segment: text(100).optional(),
    kpi: kpiNameSchema.optional(),
    notes: z.string().max(5000, "at most 5000 characters").default(""),
  })
  .superRefine((b, ctx) => {
    if ((b.segment !== undefined || b.kpi !== undefined) && b.dimension === undefined) ctx.addIssue({ code: "custom", path: ["dimension"], message: "is needed with a segment or KPI" });
    if (b.kpi !== undefined && b.segment === undefined) ctx.addIssue({ code: "custom", path: ["segment"], message: "is needed with a KPI (the breach is a segment's KPI)" });
  });
export type CreateAction = z.output<typeof createActionSchema>;

export const updateActionSchema = z
  .object({
    expectedVersion: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)),
    title: text(300).optional(),
    owner: text(200).optional(),
    dueDate: dueDate.optional(),
    status: z.enum(ACTION_STATUSES).optional(),
    notes: z.string().max(5000, "at most 5000 characters").optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== "expectedVersion"), { message: "nothing to change: give title, owner, dueDate, status or notes", path: [] });
export type UpdateAction = z.output<typeof updateActionSchema>;

export const listActionsSchema = z.object({
  status: z.enum(ACTION_STATUSES).optional(),
  dimension: z.enum(KPI_DIMENSIONS).optional(),
  segment: z.string().trim().min(1).max(100).optional(),
});
export type ListActions = z.output<typeof listActionsSchema>;

export const correctiveActionSchema = z.object({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  dueDate: z.string(),
  status: z.enum(ACTION_STATUSES),
  dimension: z.string().nullable(),
  segment: z.string().nullable(),
  kpi: z.string().nullable(),
  /** `dimension:segment:kpi` of the breach the action answers, when it names one */
  breachId: z.string().nullable(),
  notes: z.string(),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CorrectiveAction = z.infer<typeof correctiveActionSchema>;
export const actionListSchema = z.object({ actions: z.array(correctiveActionSchema) });

export const breachSchema = z.object({
  id: z.string(),
  dimension: z.enum(KPI_DIMENSIONS),
  segment: z.string(),
  kpi: kpiNameSchema,
  value: z.number(),
  target: z.number(),
  direction: z.enum(["min", "max"]),
  gap: z.number(),
  relativeGap: z.number().nullable(),
  owner: z.string(),
  escalation: z.array(escalationLevelSchema),
  /** the first day of the current run of breached months (from the KPI's monthly figures); null when no monthly figures say */
  since: z.string().nullable(),
  ageDays: z.number().int().nullable(),
  /** the level reached at that age (the first level when the age is unknown) */
  reached: escalationLevelSchema.nullable(),
  /** a path stored for the segment and KPI (escalation_paths import), or the owner function's */
  pathSource: z.enum(["segment", "owner"]),
  /** the breach's root causes: ranked contributors per driver */
  drivers: z.record(z.string(), z.unknown()),
  actions: z.array(correctiveActionSchema),
});
export type BreachResponse = z.infer<typeof breachSchema>;
export const breachReportSchema = kpiContextSchema.extend({ breaches: z.array(breachSchema) });

export const healthCheckQuerySchema = z.object({
  dimension: kpiDimensionSchema,
  minSize: z.coerce.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).max(100000).default(3),
  /** Cohen's d under which no defining feature tells two segments apart (0.2: a small difference) */
  maxEffectSize: z.coerce.number(mustBe.number).gt(0, mustBe.above(0)).max(10, mustBe.atMost(10)).default(0.2),
  /** η² at which a feature counts as defining the segmentation (0.14: a large effect) */
  definingShare: z.coerce.number(mustBe.number).gt(0, mustBe.above(0)).max(1, mustBe.atMost(1)).default(0.14),
  /** months in a row, up to the latest, a KPI must miss its target to be flagged as underperforming */
  minPeriods: z.coerce.number(mustBe.number).int(mustBe.wholeNumber).min(2, mustBe.atLeast(2)).max(24, mustBe.atMost(24)).default(DEFAULT_MIN_PERIODS),
});
export type HealthCheckQuery = z.output<typeof healthCheckQuerySchema>;

export const healthCheckSchema = z.object({
  dimension: z.enum(KPI_DIMENSIONS),
  assignmentsVersion: z.number().int(),
  entities: z.number().int(),
  features: z.array(z.string()),
  dataWindow: z.object({ fromWeek: z.number().int(), toWeek: z.number().int() }),
  thresholds: z.object({ minSize: z.number(), maxEffectSize: z.number(), definingShare: z.number(), minPeriods: z.number().optional() }),
  /** the features the segments differ on, with the share of each one's variance the segments explain (η²) */
  definingFeatures: z.array(z.object({ feature: z.string(), share: z.number() })),
  silhouette: z.number().nullable(),
  sampled: z.boolean(),
  segments: z.array(
    z.object({
      segment: z.string(),
      size: z.number().int(),
      silhouette: z.number().nullable(),
      spread: z.number(),
      tooSmall: z.boolean(),
      nearest: z.object({ segment: z.string(), distance: z.number() }).nullable(),
    }),
  ),
  similarPairs: z.array(z.object({ segments: z.tuple([z.string(), z.string()]), centroidDistance: z.number(), ratio: z.number(), effectSize: z.number(), feature: z.string() })),
  suggestions: z.array(z.string()),
  /** KPIs that missed their target in each of the latest `minPeriods` or more months, with the months named and each month's figure */
  underperforming: z
    .array(
      z.object({
        segment: z.string(),
        kpi: kpiNameSchema,
        target: z.number(),
        periods: z.array(z.string()),
        values: z.array(z.number()),
        worst: z.object({ period: z.string(), value: z.number() }),
        sentence: z.string(),
      }),
    )
    .optional(),
});
