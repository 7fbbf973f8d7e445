import { z } from "zod";
import { clusteringRequestSchema, clusteringResultSchema, generateRecommendationsResultSchema, generateRecommendationsSchema, storedModelSchema, trainModelSchema } from "./ml";
import { scheduledRunReportSchema } from "./schedules";
import { forecastProductsResultSchema, forecastProductsSchema } from "./forecasts";
import { importReportSchema } from "./governance";
import { designNetworkSchema, networkDesignResultSchema } from "./network";
import { MAX_STORED_INTEGER } from "./text";

/*
 * Long work as jobs. A kind is named for the synchronous route it stands in
 * for: its body is that route's body, its permission that route's
 * permission, and its result that route's success answer.
 */

/** scheduledReclassification is started by a schedule (its ticker or Run now), never through POST /jobs. */
export const JOB_KINDS = ["generateRecommendations", "trainModel", "cluster", "scheduledReclassification", "forecastProducts", "importFile", "designNetwork"] as const;
export const jobKindSchema = z.enum(JOB_KINDS, `must be one of ${JOB_KINDS.join(", ")}`);
export type JobKind = z.infer<typeof jobKindSchema>;

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export const jobStatusSchema = z.enum(JOB_STATUSES, `must be one of ${JOB_STATUSES.join(", ")}`);
export type JobStatus = z.infer<typeof jobStatusSchema>;

/**
 * POST /jobs: `{ kind, body }`, the body validated by the kind's own route
 * schema. An import becomes a job by its upload (POST /imports answers 202
 * above a size), never through this route: the file is not a JSON body.
 */
export const startJobSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("generateRecommendations"), body: generateRecommendationsSchema }),
  z.object({ kind: z.literal("trainModel"), body: trainModelSchema }),
  z.object({ kind: z.literal("cluster"), body: clusteringRequestSchema }),
  z.object({ kind: z.literal("forecastProducts"), body: forecastProductsSchema }),
  z.object({ kind: z.literal("designNetwork"), body: designNetworkSchema }),
]);
export type StartJob = z.output<typeof startJobSchema>;

/** What a finished job of each kind answers in `result`: the synchronous route's success answer. */
export const jobResultSchemas = {
  generateRecommendations: generateRecommendationsResultSchema,
  trainModel: storedModelSchema,
  cluster: clusteringResultSchema,
  scheduledReclassification: scheduledRunReportSchema,
  forecastProducts: forecastProductsResultSchema,
  importFile: importReportSchema,
  designNetwork: networkDesignResultSchema,
} satisfies Record<JobKind, z.ZodType>;

export const jobProgressSchema = z.object({ done: z.number().int(), total: z.number().int(), label: z.string() });

export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: jobStatusSchema,
  params: z.unknown(),
  /** null until the first step is reported */
  progress: jobProgressSchema.nullable(),
  /** the kind's answer (jobResultSchemas) once succeeded; null otherwise */
  result: z.unknown(),
  /** why it failed (or why the last attempt failed, while a retry waits) */
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** the service process that ran it */
  instance: z.string().nullable(),
  attempts: z.number().int(),
});
export type Job = z.infer<typeof jobSchema>;

export const listJobsSchema = z.object({
  status: jobStatusSchema.optional(),
  kind: z.string().max(100).optional(),
  limit: z.coerce.number<unknown>().int().min(1).max(500).default(50),
  offset: z.coerce.number<unknown>().int().min(0).max(MAX_STORED_INTEGER).default(0),
});
export type ListJobs = z.output<typeof listJobsSchema>;

export const jobPageSchema = z.object({ jobs: z.array(jobSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const jobIdSchema = z.object({ id: z.uuid("must be a job id (a UUID)") });
