import { z } from "zod";
import { kpiNameSchema } from "../kpi/schemas";
import { stepRoleSchema } from "./approvalRules";
import { generateRecommendationsSchema } from "./ml";
import { idText } from "./text";

/*
 * Scheduled reclassification: an admin's standing order to generate
 * recommendations for a dimension on a cadence, and/or when a segment
 * breaches a KPI for N periods running. Each run raises requests under the
 * same governance as a manual run; a schedule may ask for more approval steps
 * than the approval rules do, never fewer.
 */

export const SCHEDULE_DIMENSIONS = ["product", "customer"] as const;
export const CADENCE_UNITS = ["hour", "day", "week"] as const;
export const KPI_PERIOD_UNITS = ["day", "week"] as const;

const isoDateTime = z.iso.datetime({ offset: true, error: "must be an ISO date-time, e.g. 2026-12-07T06:00:00Z" });

/**
 * Every `every` `unit`s from `anchor` (UTC, fixed lengths: a week is 7 days).
 * Runs fall at anchor + k × interval; one missed while no instance ran is
 * not caught up, the next one due is.
 */
export const cadenceSchema = z.object({
  every: z.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000"),
  unit: z.enum(CADENCE_UNITS, `must be one of ${CADENCE_UNITS.join(", ")}`),
  anchor: isoDateTime,
});
export type Cadence = z.infer<typeof cadenceSchema>;

/**
 * Start a run when a segment matching `segment` (a pattern, `*` any text
 * within a part; absent: every segment) breaches `kpi` in `periods`
 * consecutive periods. Breach: past `threshold` in the KPI's direction, or
 * without one, the KPI's own target (the policy's or the report's ceiling).
 * Fires once per breach episode.
 */
export const kpiTriggerSchema = z.object({
  kpi: kpiNameSchema,
  threshold: z.number("must be a number").finite("must be a finite number").optional(),
  periods: z.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(52, "must be at most 52"),
  periodUnit: z.enum(KPI_PERIOD_UNITS, `must be one of ${KPI_PERIOD_UNITS.join(", ")}`).default("week"),
  segment: idText().optional(),
});
export type KpiTrigger = z.infer<typeof kpiTriggerSchema>;

/** The generation thresholds of a run: generateRecommendations' body without its dimension and source. */
export const scheduleThresholdsSchema = generateRecommendationsSchema.omit({ dimension: true, source: true });
export type ScheduleThresholds = z.output<typeof scheduleThresholdsSchema>;

export const scheduleInputSchema = z
  .object({
    dimension: z.enum(SCHEDULE_DIMENSIONS, "must be product or customer"),
    /** absent or null: runs only on its KPI trigger (or Run now) */
    cadence: cadenceSchema.nullable().default(null),
    thresholds: scheduleThresholdsSchema.prefault({}),
    source: z.enum(["rule", "model", "both"], "must be rule, model or both").default("rule"),
    /** the roles that approve each raised request, in order; absent: the approval rules decide */
    approvalSteps: z.array(stepRoleSchema).min(1, "name at least one step").max(6, "at most 6 steps").optional(),
    kpiTrigger: kpiTriggerSchema.optional(),
    enabled: z.boolean("must be true or false").default(true),
  })
  .superRefine((s, ctx) => {
    if (s.cadence === null && s.kpiTrigger === undefined) ctx.addIssue({ code: "custom", path: ["cadence"], message: "give a cadence, a kpiTrigger or both" });
  });
export type ScheduleInput = z.output<typeof scheduleInputSchema>;

export const scheduleIdSchema = z.object({ id: z.uuid("must be a schedule id (a UUID)") });

export const scheduleSchema = z.object({
  id: z.string(),
  dimension: z.enum(SCHEDULE_DIMENSIONS),
  cadence: cadenceSchema.nullable(),
  thresholds: scheduleThresholdsSchema,
  source: z.enum(["rule", "model", "both"]),
  approvalSteps: z.array(stepRoleSchema).nullable(),
  kpiTrigger: kpiTriggerSchema.nullable(),
  enabled: z.boolean(),
  /** null without a cadence or while disabled */
  nextRunAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastJobId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type Schedule = z.infer<typeof scheduleSchema>;
export const scheduleListSchema = z.object({ schedules: z.array(scheduleSchema) });

/** What started a run. */
export const scheduleTriggerSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("cadence"), due: z.string() }),
  z.object({ kind: z.literal("kpi"), kpi: kpiNameSchema, segments: z.array(z.string()), period: z.string() }),
  z.object({ kind: z.literal("manual"), by: z.string() }),
]);
export type ScheduleTrigger = z.infer<typeof scheduleTriggerSchema>;

/** A scheduledReclassification job's result: what the run did. */
export const scheduledRunReportSchema = z.object({
  scheduleId: z.string(),
  dimension: z.enum(SCHEDULE_DIMENSIONS),
  source: z.enum(["rule", "model", "both"]),
  trigger: scheduleTriggerSchema,
  /** requests raised */
  raised: z.number().int(),
  /** entities with a proposal left alone because a request for them is pending */
  skippedPending: z.number().int(),
  /** entities with no proposal (their segment stands) */
  unchanged: z.number().int(),
  /** raised requests by move, e.g. { "B→A": 3 } */
  byMove: z.record(z.string(), z.number().int()),
  /** the steps the raised requests carry, per distinct list */
  approvalSteps: z.array(z.array(stepRoleSchema)),
  changeRequestIds: z.array(z.string()),
});
export type ScheduledRunReport = z.infer<typeof scheduledRunReportSchema>;
