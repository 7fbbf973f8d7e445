import { z } from "zod";
import {
  approvedSchema,
  approveManyResultSchema,
  approveManySchema,
  changeRequestDetailSchema,
  changeRequestPageSchema,
  changeRequestStatusSchema,
  changeRequestSummarySchema,
  rejectedSchema,
  segmentationRunResultSchema,
} from "./changeRequests";
import { forecastExceptionReportSchema, forecastExceptionsQuerySchema } from "./forecastExceptions";
import {
  decideForecastReviewLineSchema,
  forecastReviewIdSchema,
  forecastReviewLineParamsSchema,
  forecastReviewListSchema,
  forecastReviewSchema,
  forecastValueAddedSchema,
  publishForecastReviewSchema,
} from "./forecastReviews";
import { forecastAccuracyQuerySchema, forecastAccuracyReportSchema } from "./forecastLevels";
import { forecastOverrideListSchema, forecastOverrideSchema, listForecastOverridesSchema, recordForecastOverrideSchema } from "./forecastOverrides";
import { jobIdSchema, jobPageSchema, jobSchema, listJobsSchema, startJobSchema } from "./jobs";
import { forecastPageSchema, forecastRunIdSchema, forecastRunPageSchema, listForecastRunsSchema, readForecastsSchema } from "./forecasts";
import { designNetworkSchema, networkDesignResultSchema } from "./network";
import { freightAllocationSchema, freightQuerySchema } from "./freight";
import { incentivePlanResponseSchema, incentivePlanSchema, incentiveReportQuerySchema, incentiveReportSchema } from "./incentives";
import { costDriversSchema } from "./costDrivers";
import { supplierSettingsResponseSchema, supplierSettingsSchema } from "./supplierSettings";
import { approvalRulesSchema, putApprovalRulesSchema } from "./approvalRules";
import { putActivityRatesSchema, rateTableSchema } from "./activityRates";
import { scheduleIdSchema, scheduleInputSchema, scheduleListSchema, scheduleSchema } from "./schedules";
import { COMPUTE_LIMITS, computeBodySchemas, computeEngineSchema } from "./computeSchemas";
import { auditPageSchema, freezeWindowCreatedSchema, healthSchema, importReportSchema, meSchema, policyTableResponseSchema, readinessSchema, validationReportSchema } from "./governance";
import {
  actionListSchema,
  breachQuerySchema,
  breachReportSchema,
  correctiveActionSchema,
  createActionSchema,
  healthCheckQuerySchema,
  healthCheckSchema,
  kpiQuerySchema,
  kpiReportSchema,
  listActionsSchema,
  updateActionSchema,
} from "./kpis";
import { entityHistorySchema, entityListSchema, entitySegmentSchema, segmentLookupResultSchema, segmentTableSchema, versionDiffSchema, versionHistorySchema } from "./masterData";
import {
  clusteringRequestSchema,
  clusteringResultSchema,
  generateRecommendationsResultSchema,
  generateRecommendationsSchema,
  listRecommendationsSchema,
  modelIdSchema,
  recommendationListSchema,
  storedModelSchema,
  trainModelSchema,
} from "./ml";
import { CHANGE_REQUEST_PAGE_DEFAULT, CHANGE_REQUEST_PAGE_MAX, cursorSchema } from "./pagination";
import type { Permission } from "./roles";
import { signInOptionsSchema } from "./signIn";
import { previewChangesSchema, previewSegmentationRunSchema, proposalPreviewSchema, segmentationRunPreviewSchema } from "./proposals";
import {
  approveSchema,
  createChangeRequestSchema,
  decideSchema,
  dimensionSchema,
  entityIdSchema,
  freezeWindowSchema,
  importKindSchema,
  putPoliciesSchema,
  segmentationRunSchema,
  segmentLookupSchema,
  versionParamSchema,
} from "./schemas";
import { freeText, MAX_STORED_INTEGER, queryText } from "./text";
import { scorecardQuerySchema, scorecardReportSchema, sourcingQuerySchema, sourcingReportSchema } from "./suppliers";
import { issuedTokenSchema, issueTokenSchema, tokenIdSchema, tokenListSchema, apiTokenSchema } from "./tokens";
import { versionChangesQuerySchema, versionChangesSchema } from "./versionChanges";
import { planSlottingSchema, sharedCapacityResultSchema, sharedCapacitySchema, slottingResultSchema, waveReleaseResultSchema, waveReleaseSchema } from "./warehouse";
import { agingQuerySchema, agingReportSchema, pushPullQuerySchema, pushPullReportSchema, slowMoverQuerySchema, slowMoverReportSchema } from "./stockRisk";
import { atpQuerySchema, atpReportSchema, fulfilmentPathReportSchema, fulfilmentPathsQuerySchema, fulfilmentRulesSchema, putFulfilmentRulesSchema, shipmentPlanRequestSchema, shipmentPlanSchema } from "./fulfilment";

/*
 * The service's API (/api/v1) as one table: each route's method, path,
 * permission, request schemas and response schemas. The service attaches a
 * handler to every entry (a missing one does not compile) and checks its
 * answers against these schemas under test; the add-in's client derives its
 * calls and types from the same entries; OpenAPI and the README's role matrix
 * are generated from it.
 */

export interface RouteDefinition {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Express-style path, `:name` for a path parameter */
  path: string;
  /** served at the root rather than under /api/v1 (liveness and readiness probes) */
  root?: boolean;
  summary: string;
  description?: string;
  /** "public" routes need no token */
  permission: Permission | "public";
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** a body whose schema depends on a path parameter: one schema per value */
  bodyByParam?: { param: string; schemas: Record<string, z.ZodType> };
  /** the request is multipart/form-data: its fields and whether each is a file */
  multipart?: Record<string, "file" | "string">;
  /** JSON answers by status; `null` for an answer without a body (304) */
  responses: Record<number, z.ZodType | null>;
  /** other representations of the success answer, by the `format` query value */
  formats?: Record<string, string>;
  /** repeating the request has no further effect: the client may retry it after a network failure */
  idempotent?: boolean;
  /** how long the client waits before giving up */
  timeoutMs?: number;
}

const route = <const R extends RouteDefinition>(r: R): R => r;

const CSV = "text/csv; charset=utf-8";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Long-running calls (training, clustering, imports) get longer than a look-up before the client gives up. */
const LONG = 300_000;

const paging = z.object({
  limit: z.coerce.number<unknown>().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number<unknown>().int().min(0).max(MAX_STORED_INTEGER).default(0),
});
const changeRequestId = z.object({ id: z.uuid("must be a change-request id (a UUID)") });
const actionId = z.object({ id: z.uuid("must be an action id (a UUID)") });
const isoDateTime = z.iso.datetime({ offset: true });

export const segmentsQuerySchema = z.object({
  dimension: dimensionSchema.default("product"),
  version: versionParamSchema.optional(),
  asOf: isoDateTime.optional(),
  format: z.enum(["json", "csv", "xlsx"]).default("json"),
});

export const listChangeRequestsSchema = z.object({
  status: changeRequestStatusSchema.optional(),
  dimension: z.union([dimensionSchema, z.literal("policy"), z.literal("rates")]).optional(),
  source: queryText(50).optional(),
  limit: z.coerce.number<unknown>().int().min(1).max(CHANGE_REQUEST_PAGE_MAX).default(CHANGE_REQUEST_PAGE_DEFAULT),
  cursor: cursorSchema.optional(),
});
export type ListChangeRequests = z.output<typeof listChangeRequestsSchema>;

export const auditQuerySchema = z.object({
  /** an entity's id (its segment changes are listed with the entries about it) or any other audited id */
  entity: queryText(200).optional(),
  /** with `entity`: the dimension it belongs to (default: every dimension that has it) */
  dimension: dimensionSchema.optional(),
  action: queryText(100).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  format: z.enum(["json", "csv"]).default("json"),
  limit: z.coerce.number<unknown>().int().min(1).max(100_000).default(1000),
});

export const routes = {
  healthz: route({ method: "get", path: "/healthz", root: true, summary: "Liveness", permission: "public", responses: { 200: healthSchema }, idempotent: true }),
  readyz: route({ method: "get", path: "/readyz", root: true, summary: "Readiness: the store answers", permission: "public", responses: { 200: readinessSchema, 503: readinessSchema }, idempotent: true }),
  openapi: route({ method: "get", path: "/openapi.json", summary: "This API as OpenAPI 3.1", permission: "public", responses: { 200: z.record(z.string(), z.unknown()) }, idempotent: true }),

  listEntities: route({
    method: "get",
    path: "/entities/:dimension",
    summary: "List entities with attributes",
    permission: "read",
    params: z.object({ dimension: dimensionSchema }),
    query: paging,
    responses: { 200: entityListSchema },
    idempotent: true,
  }),
  entityHistory: route({
    method: "get",
    path: "/entities/:dimension/:id/history",
    summary: "Read an entity's segment history",
    description: "Every applied change of the entity's segment, oldest first: version, effective date, from → to, approver, reason and the request.",
    permission: "read",
    params: z.object({ dimension: dimensionSchema, id: entityIdSchema }),
    responses: { 200: entityHistorySchema },
    idempotent: true,
  }),
  readSegments: route({
    method: "get",
    path: "/segments",
    summary: "Read the segment assignment table",
    description: "The version is the entity tag: send If-None-Match with the ETag of an earlier read and an unchanged table answers 304.",
    permission: "read",
    query: segmentsQuerySchema,
    responses: { 200: segmentTableSchema, 304: null },
    formats: { csv: CSV, xlsx: XLSX },
    idempotent: true,
  }),
  lookupSegments: route({
    method: "post",
    path: "/segments/lookup",
    summary: "Look up the segments of many entities",
    permission: "read",
    body: segmentLookupSchema,
    responses: { 200: segmentLookupResultSchema },
    idempotent: true,
  }),
  readEntitySegment: route({
    method: "get",
    path: "/segments/:dimension/:id",
    summary: "Read one entity's segment",
    permission: "read",
    params: z.object({ dimension: dimensionSchema, id: entityIdSchema }),
    query: z.object({ version: versionParamSchema.optional() }),
    responses: { 200: entitySegmentSchema },
    idempotent: true,
  }),
  listVersions: route({
    method: "get",
    path: "/versions",
    summary: "List the version history",
    permission: "read",
    query: z.object({ dimension: dimensionSchema.default("product") }),
    responses: { 200: versionHistorySchema },
    idempotent: true,
  }),
  diffVersions: route({
    method: "get",
    path: "/versions/diff",
    summary: "Compare two versions",
    permission: "read",
    query: z.object({ dimension: dimensionSchema.default("product"), from: versionParamSchema, to: versionParamSchema }),
    responses: { 200: versionDiffSchema },
    idempotent: true,
  }),
  versionChanges: route({
    method: "get",
    path: "/versions/changes",
    summary: "List the segment changes since a version",
    description:
      "One row per entity whose segment differs between `since` and the current version: from, to, and the version, effective date, approver, reason and request that gave it its current segment. The entity tag is the current version's, the same as readSegments' JSON: a workbook's stored tag answers 304 when nothing was approved since.",
    permission: "read",
    query: versionChangesQuerySchema,
    responses: { 200: versionChangesSchema, 304: null },
    idempotent: true,
  }),

  runSegmentation: route({
    method: "post",
    path: "/segmentation-runs",
    summary: "Run a segmentation method and propose the result",
    permission: "run",
    body: z.intersection(segmentationRunSchema, z.object({ justification: freeText().optional() })),
    responses: { 200: segmentationRunResultSchema, 201: segmentationRunResultSchema },
    timeoutMs: LONG,
  }),
  previewSegmentationRun: route({
    method: "post",
    path: "/segmentation-runs/preview",
    summary: "What a segmentation run would propose, without raising it",
    description: "Runs the method over the stored data and answers what it would change (transitions, coverage of policies, tiny segments, a pending duplicate); nothing is stored.",
    permission: "run",
    body: previewSegmentationRunSchema,
    responses: { 200: segmentationRunPreviewSchema },
    timeoutMs: LONG,
  }),
  previewChangeRequest: route({
    method: "post",
    path: "/change-requests/preview",
    summary: "What a set of assignment changes would do, without raising it",
    description:
      "Against the current master data: who moves where, how much of the dimension the changes cover, proposed segments no policy row covers, segments left with one or two members, a pending request with the same moves; nothing is stored.",
    permission: "request",
    body: previewChangesSchema,
    responses: { 200: proposalPreviewSchema },
  }),
  createChangeRequest: route({
    method: "post",
    path: "/change-requests",
    summary: "Raise a change request",
    permission: "request",
    body: createChangeRequestSchema,
    responses: { 201: changeRequestSummarySchema },
  }),
  listChangeRequests: route({
    method: "get",
    path: "/change-requests",
    summary: "List change requests",
    permission: "read",
    query: listChangeRequestsSchema,
    responses: { 200: changeRequestPageSchema },
    idempotent: true,
  }),
  readChangeRequest: route({
    method: "get",
    path: "/change-requests/:id",
    summary: "Read a change request with its changes",
    permission: "read",
    params: changeRequestId,
    responses: { 200: changeRequestDetailSchema },
    idempotent: true,
  }),
  approveChangeRequest: route({
    method: "post",
    path: "/change-requests/:id/approve",
    summary: "Approve and apply a change request",
    description:
      "Carries the master-data version the approver reviewed: a different current version, or a request decided meanwhile, is a 409. A request whose approval rule names several steps is approved one step at a time, in order, each by the role the step names (an admin may take any one step) and by a different person: an earlier step is recorded (`stepped`) and the request stays pending; the last step applies it.",
    permission: "decide-step",
    params: changeRequestId,
    body: approveSchema,
    responses: { 200: approvedSchema },
  }),
  rejectChangeRequest: route({
    method: "post",
    path: "/change-requests/:id/reject",
    summary: "Reject a change request",
    description: "By the role of the request's next step (or an admin): a rejection at any step rejects the request.",
    permission: "decide-step",
    params: changeRequestId,
    body: decideSchema,
    responses: { 200: rejectedSchema },
  }),
  approveChangeRequests: route({
    method: "post",
    path: "/change-requests/approve",
    summary: "Approve many change requests as one version per dimension",
    description:
      "Every approvable request (pending, raised by someone else, its dimension at the expected version, still applicable to the master data) is applied in one new version per dimension, in one transaction, each audited; the others are listed under refused with a plain reason. A request that became obsolete is retired.",
    permission: "decide",
    body: approveManySchema,
    responses: { 200: approveManyResultSchema },
  }),
  readApprovalRules: route({
    method: "get",
    path: "/approval-rules",
    summary: "Read the approval rules",
    description: "Which roles approve a change request, in order, per dimension and segment pattern; a request no rule covers needs one approver.",
    permission: "read",
    responses: { 200: approvalRulesSchema },
    idempotent: true,
  }),
  replaceApprovalRules: route({
    method: "put",
    path: "/approval-rules",
    summary: "Replace the approval rules",
    description: "The whole table at once, validated and audited. Requests already raised keep the steps they were raised with.",
    permission: "admin",
    body: putApprovalRulesSchema,
    responses: { 200: approvalRulesSchema },
    idempotent: true,
  }),
  createFreezeWindow: route({
    method: "post",
    path: "/freeze-windows",
    summary: "Declare a freeze window",
    permission: "admin",
    body: freezeWindowSchema,
    responses: { 201: freezeWindowCreatedSchema },
  }),

  importFile: route({
    method: "post",
    path: "/imports",
    summary: "Import a CSV or xlsx file",
    description:
      "All or nothing: a file with any bad cell is refused with every problem (422) and nothing is written. A file larger than the service's IMPORT_JOB_BYTES is imported in the background instead: the answer is 202 with the job (kind importFile) to watch under /jobs; its result is the same report, and a refused file fails the job with the same first problem.",
    permission: "import",
    multipart: { file: "file", kind: "string" },
    body: z.object({ kind: importKindSchema }),
    responses: { 201: importReportSchema, 202: jobSchema },
    timeoutMs: LONG,
  }),
  readAudit: route({
    method: "get",
    path: "/audit",
    summary: "Read the audit trail",
    permission: "read",
    query: auditQuerySchema,
    responses: { 200: auditPageSchema },
    formats: { csv: CSV },
    idempotent: true,
  }),
  readPolicies: route({
    method: "get",
    path: "/policies",
    summary: "Read the policy table",
    permission: "read",
    responses: { 200: policyTableResponseSchema, 304: null },
    idempotent: true,
  }),
  proposePolicies: route({
    method: "put",
    path: "/policies",
    summary: "Propose a new policy table",
    permission: "edit-policies",
    body: putPoliciesSchema,
    responses: { 201: changeRequestSummarySchema },
  }),
  readActivityRates: route({
    method: "get",
    path: "/activity-rates",
    summary: "Read the activity-rate table: the latest version, each row marked when it is the one in force today",
    permission: "read",
    responses: { 200: rateTableSchema },
    idempotent: true,
  }),
  proposeActivityRates: route({
    method: "put",
    path: "/activity-rates",
    summary: "Propose a new activity-rate table",
    description: "Raises a change request (kind rates); once another user approves it, the table is stored as the next rate version and cost-to-serve prices activities with it.",
    permission: "edit-policies",
    body: putActivityRatesSchema,
    responses: { 201: changeRequestSummarySchema },
  }),
  signInOptions: route({
    method: "get",
    path: "/sign-in",
    summary: "How to sign in: with a Microsoft account (the add-in's app registration and scopes) and/or an API token",
    permission: "public",
    responses: { 200: signInOptionsSchema },
    idempotent: true,
  }),
  me: route({ method: "get", path: "/me", summary: "Who the token belongs to", permission: "read", responses: { 200: meSchema }, idempotent: true }),
  listTokens: route({
    method: "get",
    path: "/tokens",
    summary: "List API tokens",
    description: "An admin sees every token; anyone else the tokens they own. Never the secret.",
    permission: "read",
    responses: { 200: tokenListSchema },
    idempotent: true,
  }),
  issueToken: route({
    method: "post",
    path: "/tokens",
    summary: "Issue an API token",
    description: "The token is in this answer only; it expires after expiresInDays.",
    permission: "admin",
    body: issueTokenSchema,
    responses: { 201: issuedTokenSchema },
  }),
  revokeToken: route({
    method: "post",
    path: "/tokens/:id/revoke",
    summary: "Revoke an API token",
    description: "Its owner or an admin; it stops working at once.",
    permission: "read",
    params: tokenIdSchema,
    responses: { 200: apiTokenSchema },
    idempotent: true,
  }),
  validateDefinitions: route({
    method: "post",
    path: "/validate",
    summary: "Replay stored segment definitions",
    permission: "admin",
    responses: { 200: validationReportSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),

  compute: route({
    method: "post",
    path: "/compute/:engine",
    summary: "Compute with a shared engine",
    description: `Engines: ${computeEngineSchema.options.join(", ")}. Limits per request: ${Object.entries(COMPUTE_LIMITS)
      .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
      .join("; ")}. A request over a limit is a 400 naming it; one that runs past the compute budget is stopped with a 503.`,
    permission: "compute",
    params: z.object({ engine: z.string().max(50) }),
    bodyByParam: { param: "engine", schemas: computeBodySchemas },
    responses: { 200: z.object({ engine: computeEngineSchema, result: z.unknown() }) },
    idempotent: true,
    timeoutMs: LONG,
  }),
  cluster: route({
    method: "post",
    path: "/clustering",
    summary: "Cluster customers or products by behaviour",
    permission: "run",
    body: clusteringRequestSchema,
    responses: { 200: clusteringResultSchema, 201: clusteringResultSchema },
    timeoutMs: LONG,
  }),

  generateRecommendations: route({
    method: "post",
    path: "/recommendations/generate",
    summary: "Generate segment-change recommendations as pending change requests",
    permission: "run",
    body: generateRecommendationsSchema,
    responses: { 200: generateRecommendationsResultSchema, 201: generateRecommendationsResultSchema },
    timeoutMs: LONG,
  }),
  listRecommendations: route({
    method: "get",
    path: "/recommendations",
    summary: "List recommendations with confidence, rationale and impact",
    permission: "read",
    query: listRecommendationsSchema,
    responses: { 200: recommendationListSchema },
    idempotent: true,
  }),
  trainModel: route({
    method: "post",
    path: "/models",
    summary: "Train, evaluate and store a segment classifier",
    permission: "run",
    body: trainModelSchema,
    responses: { 201: storedModelSchema },
    timeoutMs: LONG,
  }),
  readModel: route({
    method: "get",
    path: "/models/:id",
    summary: "A stored model with its data window, features, weights and evaluation",
    permission: "read",
    params: modelIdSchema,
    responses: { 200: storedModelSchema },
    idempotent: true,
  }),

  startJob: route({
    method: "post",
    path: "/jobs",
    summary: "Start long work as a job",
    description:
      "The body is `{ kind, body }`: kind names the synchronous route the job stands in for (generateRecommendations, trainModel, cluster, designNetwork), body is that route's body, checked by the same schema and permission (forecastProducts has no synchronous route: its body is described under listForecastRuns, its permission is run). Answers at once with the queued job; read it with readJob until it has ended; its result is that route's success answer.",
    permission: "run",
    body: startJobSchema,
    responses: { 202: jobSchema },
  }),
  listJobs: route({
    method: "get",
    path: "/jobs",
    summary: "List jobs, newest first",
    permission: "read",
    query: listJobsSchema,
    responses: { 200: jobPageSchema },
    idempotent: true,
  }),
  readJob: route({
    method: "get",
    path: "/jobs/:id",
    summary: "Read a job: status, progress and, once done, its result or error",
    permission: "read",
    params: jobIdSchema,
    responses: { 200: jobSchema },
    idempotent: true,
  }),
  cancelJob: route({
    method: "post",
    path: "/jobs/:id/cancel",
    summary: "Cancel a queued or running job",
    description: "Who started it or an admin. A job that has already ended is answered as it is (no change).",
    permission: "run",
    params: jobIdSchema,
    responses: { 200: jobSchema },
    idempotent: true,
  }),
  listForecastRuns: route({
    method: "get",
    path: "/forecast-runs",
    summary: "List forecast runs, newest version first",
    description: "A run is started as a forecastProducts job (POST /jobs); its status, window, series count and chunks done are here.",
    permission: "read",
    query: listForecastRunsSchema,
    responses: { 200: forecastRunPageSchema },
    idempotent: true,
  }),
  readForecasts: route({
    method: "get",
    path: "/forecast-runs/:id/forecasts",
    summary: "Read one forecast run's forecasts, a page at a time",
    description:
      "Filter by productId or segment (a label or a pattern with *). Each row: the policy's method and the one used, the horizon's forecasts, sigma and in-sample MASE and WAPE, and errorSd: the forecast-error sd for each step of the horizon (80 % / 95 % intervals are forecast ± 1.2816 / 1.96 × it).",
    permission: "read",
    params: forecastRunIdSchema,
    query: readForecastsSchema,
    responses: { 200: forecastPageSchema },
    idempotent: true,
  }),

  readKpis: route({
    method: "get",
    path: "/kpis",
    summary: "Read KPIs per segment against the policy targets",
    permission: "read",
    query: kpiQuerySchema,
    responses: { 200: kpiReportSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),
  readBreaches: route({
    method: "get",
    path: "/breaches",
    summary: "Read KPI breaches with owner, escalation and root causes",
    permission: "read",
    query: breachQuerySchema,
    responses: { 200: breachReportSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),
  healthCheck: route({
    method: "get",
    path: "/health-check",
    summary: "Check segment health on the features that define the segments: silhouette, pairs no feature tells apart, small segments",
    permission: "read",
    query: healthCheckQuerySchema,
    responses: { 200: healthCheckSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),
  listActions: route({
    method: "get",
    path: "/actions",
    summary: "List corrective actions",
    permission: "read",
    query: listActionsSchema,
    responses: { 200: actionListSchema },
    idempotent: true,
  }),
  readAction: route({
    method: "get",
    path: "/actions/:id",
    summary: "Read a corrective action",
    permission: "read",
    params: actionId,
    responses: { 200: correctiveActionSchema },
    idempotent: true,
  }),
  createAction: route({
    method: "post",
    path: "/actions",
    summary: "Create a corrective action",
    permission: "run",
    body: createActionSchema,
    responses: { 201: correctiveActionSchema },
  }),
  updateAction: route({
    method: "patch",
    path: "/actions/:id",
    summary: "Update a corrective action",
    description: "Carries the action's version the editor saw: a different current version is a 409.",
    permission: "run",
    params: actionId,
    body: updateActionSchema,
    responses: { 200: correctiveActionSchema },
    idempotent: true,
  }),

  listSchedules: route({
    method: "get",
    path: "/schedules",
    summary: "List the reclassification schedules",
    description: "Readable by every role that approves, so an approver sees what will raise requests and who must approve them.",
    permission: "decide-step",
    responses: { 200: scheduleListSchema },
    idempotent: true,
  }),
  createSchedule: route({
    method: "post",
    path: "/schedules",
    summary: "Create a reclassification schedule",
    description:
      "Per dimension: a cadence (every N hours, days or weeks from an anchor) and/or a KPI trigger (a segment breaching a KPI for N periods running), the generation thresholds, the source (rule, model, both) and optionally the approval steps of the requests it raises (the approval rules apply when they ask for more).",
    permission: "admin",
    body: scheduleInputSchema,
    responses: { 201: scheduleSchema },
  }),
  replaceSchedule: route({
    method: "put",
    path: "/schedules/:id",
    summary: "Replace a reclassification schedule",
    description: "The whole schedule; its next run is computed again from the cadence. Requests already raised keep their steps.",
    permission: "admin",
    params: scheduleIdSchema,
    body: scheduleInputSchema,
    responses: { 200: scheduleSchema },
    idempotent: true,
  }),
  deleteSchedule: route({
    method: "delete",
    path: "/schedules/:id",
    summary: "Delete a reclassification schedule",
    description: "Answers the schedule as it was. A run already started finishes; its requests stay.",
    permission: "admin",
    params: scheduleIdSchema,
    responses: { 200: scheduleSchema },
  }),
  runSchedule: route({
    method: "post",
    path: "/schedules/:id/run",
    summary: "Run a reclassification schedule now",
    description: "Starts its scheduledReclassification job at once (the cadence is unchanged) and answers the queued job; read it with readJob.",
    permission: "admin",
    params: scheduleIdSchema,
    responses: { 202: jobSchema },
  }),
  recordForecastOverride: route({
    method: "post",
    path: "/forecast-overrides",
    summary: "Record a forecast override, within the segment policy's limits",
    description:
      "The product's segment policy decides who may override its forecast (overrideAllowedBy: planners act as demand planner or supply chain, sales as sales, finance as finance; default demand planners) and how far from the statistical forecast (maxOverridePct): a role not named is a 403, an override beyond the limit a 422 naming the limit. Audited.",
    permission: "request",
    body: recordForecastOverrideSchema,
    responses: { 201: forecastOverrideSchema },
  }),
  listForecastOverrides: route({
    method: "get",
    path: "/forecast-overrides",
    summary: "List recorded forecast overrides",
    permission: "read",
    query: listForecastOverridesSchema,
    responses: { 200: forecastOverrideListSchema },
    idempotent: true,
  }),
  readForecastExceptions: route({
    method: "get",
    path: "/forecast-exceptions",
    summary: "Forecast exceptions: products whose forecast error exceeds their segment's ceiling, costliest first",
    description:
      "Over the newest finished forecast run: each product's in-sample WAPE against its segment policy's maxWape (else the default for its ABC class: A 20 %, B 40 %, C 60 %), ranked by value at risk = WAPE × revenue over the run's window.",
    permission: "read",
    query: forecastExceptionsQuerySchema,
    responses: { 200: forecastExceptionReportSchema },
    idempotent: true,
  }),
  publishForecastReview: route({
    method: "post",
    path: "/forecast-reviews",
    summary: "Publish the next weeks of a finished forecast run to sales for review",
    description:
      "Lines for the products whose current segment's policy sets forecastReview, for the periods weeks after the run's history (at most its horizon), from the run given or the newest finished one. One review is open at a time: another open review is a 409. Audited.",
    permission: "run",
    body: publishForecastReviewSchema,
    responses: { 201: forecastReviewSchema },
  }),
  listForecastReviews: route({
    method: "get",
    path: "/forecast-reviews",
    summary: "Forecast reviews, newest first, with their counts of accepted, adjusted and pending lines",
    permission: "read",
    responses: { 200: forecastReviewListSchema },
    idempotent: true,
  }),
  readForecastReview: route({
    method: "get",
    path: "/forecast-reviews/:id",
    summary: "One forecast review: its lines, each accepted, adjusted (quantity and assumption) or pending, and the override limits per segment",
    permission: "read",
    params: forecastReviewIdSchema,
    responses: { 200: forecastReviewSchema },
    idempotent: true,
  }),
  decideForecastReviewLine: route({
    method: "post",
    path: "/forecast-reviews/:id/lines/:productId/:week",
    summary: "Sales accept a review line or adjust it with an assumption (sales or admin; audited)",
    description:
      "An adjustment is checked as a forecast override: the segment policy's overrideAllowedBy must name sales and the change from the statistical figure must stay within maxOverridePct, else 403/422 naming the line. The body carries the line's version the person saw: another version (someone decided it meanwhile) is a 409. A closed review is a 409.",
    permission: "request",
    params: forecastReviewLineParamsSchema,
    body: decideForecastReviewLineSchema,
    responses: { 200: forecastReviewSchema },
  }),
  closeForecastReview: route({
    method: "post",
    path: "/forecast-reviews/:id/close",
    summary: "Close a forecast review: its outcome becomes the forecast stock-risk reads (pending lines keep the statistical figure; audited)",
    permission: "run",
    params: forecastReviewIdSchema,
    responses: { 200: forecastReviewSchema },
    idempotent: true,
  }),
  readForecastValueAdded: route({
    method: "get",
    path: "/forecast-reviews/:id/value-added",
    summary: "Forecast value added per segment: the statistical forecast's error minus the reviewed forecast's, over the reviewed weeks the order history covers",
    description: "MAE and WAPE (Σ|A − F| / ΣA) of each, per product segment and in total; FVA = statistical error − reviewed error (Gilliland 2010): above 0 the review improved the forecast.",
    permission: "read",
    params: forecastReviewIdSchema,
    responses: { 200: forecastValueAddedSchema },
    idempotent: true,
  }),
  readForecastAccuracy: route({
    method: "get",
    path: "/forecast-accuracy",
    summary: "Forecast accuracy at item and family level: per segment and forecast level, and per family forecast top-down",
    description:
      "Over a stored forecast run (runId, else the newest that finished): per segment and level (the policy's forecastLevel: item, or family = top-down within the category, split by Gross & Sohl's average of historical proportions) the pooled in-sample WAPE and mean MASE of the products' own forecasts, and each family's aggregate WAPE and MASE.",
    permission: "read",
    query: forecastAccuracyQuerySchema,
    responses: { 200: forecastAccuracyReportSchema },
    idempotent: true,
  }),
  readSupplierScorecards: route({
    method: "get",
    path: "/suppliers/scorecards",
    summary: "Score suppliers from the stored performance history, weighted by the product segments each serves",
    description:
      "Per supplier and period: on-time rate, quality (ppm), lead-time mean and standard deviation; the window's figures combine the periods (lead-time sd by the law of total variance). Weights blend the segment weights by the share of the supplier's products' revenue in each segment.",
    permission: "read",
    query: scorecardQuerySchema,
    responses: { 200: scorecardReportSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),
  readSourcing: route({
    method: "get",
    path: "/suppliers/sourcing",
    summary: "Sourcing recommendations per product: dual sourcing, strategic buffer, VMI, buyer, approval limit, with reasons",
    description: "Over the stored products, order history, supplier performance and contract terms; paged (limit, offset) or one product. The supplier-development shortlist covers every product.",
    permission: "read",
    query: sourcingQuerySchema,
    responses: { 200: sourcingReportSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),
  readFreightAllocation: route({
    method: "get",
    path: "/cost-to-serve/freight",
    summary: "Stored freight spread over customers and customer segments by weight, order lines or shipments",
    description:
      "Over the imported freight_costs: a shipment bill goes to its customer; a lane bill into a region is spread over that region's customers in proportion to the driver (kg shipped, order lines or deliveries in the stored order history within the bill's weeks). Lane bills with no driver to spread over are listed as unallocated.",
    permission: "read",
    query: freightQuerySchema,
    responses: { 200: freightAllocationSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),
  readIncentivePlan: route({
    method: "get",
    path: "/incentives/plan",
    summary: "The incentive plan finance set: the share of margin after cost-to-serve and the floors per customer segment (null: no plan)",
    permission: "read",
    responses: { 200: incentivePlanResponseSchema },
    idempotent: true,
  }),
  putIncentivePlan: route({
    method: "put",
    path: "/incentives/plan",
    summary: "Replace the incentive plan (finance or admin; audited)",
    description:
      "share 0–1 of each account's margin after cost-to-serve; floors per customer segment: an account whose margin after cost-to-serve, as a share of its revenue, is below its segment's floor earns nothing. Any other role is a 403.",
    permission: "request",
    body: incentivePlanSchema,
    responses: { 200: incentivePlanResponseSchema },
    idempotent: true,
  }),
  readIncentiveReport: route({
    method: "get",
    path: "/incentives/report",
    summary: "Revenue, gross margin, cost-to-serve, margin after cost-to-serve and the incentive per account owner and per owner × customer segment",
    description:
      "Over the stored order history (weeks from…to, default all), the activity counts at the rates in force (as the KPI report prices cost-to-serve), the customers' account_owner and current segments, and the stored plan; without a plan the figures come without an incentive. Customers without an owner are the row (no owner).",
    permission: "read",
    query: incentiveReportQuerySchema,
    responses: { 200: incentiveReportSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),
  readCostDrivers: route({
    method: "get",
    path: "/cost-to-serve/drivers",
    summary: "Yearly driver volume of each activity per customer segment, with the rate in force",
    description:
      "Over the stored activity_counts, scaled from the weeks of stored order history to 52, summed per segment of the current customer assignments; the rates are the stored table in force today (else the illustrative defaults). An automation's investment case (POST /compute/investment-case) prices the volume it removes at these rates.",
    permission: "read",
    responses: { 200: costDriversSchema },
    idempotent: true,
  }),
  readSupplierSettings: route({
    method: "get",
    path: "/suppliers/settings",
    summary: "The scorecard weights per segment class and the sourcing thresholds in force",
    permission: "read",
    responses: { 200: supplierSettingsResponseSchema },
    idempotent: true,
  }),
  putSupplierSettings: route({
    method: "put",
    path: "/suppliers/settings",
    summary: "Replace the scorecard weights and sourcing thresholds (audited)",
    description:
      "Weights per ABC letter of the product segment (A, B, C, other) over on-time, quality, lead time and lead-time variability, each 0–1 (scaled to sum to 1 when scored); sourcing thresholds 0–1 and the development shortlist's score ceiling 0–100.",
    permission: "edit-policies",
    body: supplierSettingsSchema,
    responses: { 200: supplierSettingsResponseSchema },
    idempotent: true,
  }),
  designNetwork: route({
    method: "post",
    path: "/network-designs",
    summary: "Design the distribution network over the stored customers and candidate DCs",
    description:
      "Which candidate DCs to open and which customers each serves (facility location solved by HiGHS), with cost and service per customer segment for the chosen and the current network and the saving. Demand is each customer's units in the stored order history scaled to a year. Answers synchronously for up to 20,000 customer × DC pairs; larger designs, and the Network pane, run as the job kind designNetwork (POST /jobs) with progress and cancel.",
    permission: "run",
    body: designNetworkSchema,
    responses: { 200: networkDesignResultSchema },
    timeoutMs: LONG,
  }),
  planSlotting: route({
    method: "post",
    path: "/warehouse/slotting",
    summary: "Slot the stored products into the zones given, by segment pick velocity",
    description:
      "Pick frequency is each product's order lines a week over the last `weeks` weeks of the stored history, its segment the current assignment, its space the product's slot_space (1 when blank), refrigerated products only in refrigerated zones, today's zone its storage_zone. The zones (capacity, cost per pick) come with the request, from the planner's zones sheet. A generalised assignment solved by HiGHS; answers per zone and per product with reasons.",
    permission: "compute",
    body: planSlottingSchema,
    responses: { 200: slottingResultSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),
  allocateSharedCapacity: route({
    method: "post",
    path: "/warehouse/shared-capacity",
    summary: "Share a capacity (refrigerated space, fast pick) between product segments by margin and service floors",
    description: "Each segment's units a week and margin per unit come from the stored order history; the LP fills the capacity in order of margin per unit of capacity above each segment's service floor.",
    permission: "compute",
    body: sharedCapacitySchema,
    responses: { 200: sharedCapacityResultSchema },
    idempotent: true,
  }),
  releaseWaves: route({
    method: "post",
    path: "/warehouse/wave-release",
    summary: "Release a day's orders into waves by segment rules and cut-offs",
    permission: "compute",
    body: waveReleaseSchema,
    responses: { 200: waveReleaseResultSchema },
    idempotent: true,
  }),
  readAgingActions: route({
    method: "get",
    path: "/inventory/aging",
    summary: "Aging and obsolescence actions per product from the latest stock snapshot and the order history",
    description: "Months of supply = stock on the latest snapshot / mean monthly units ordered; excess above monthsOfSupply, dormant after noDemandWeeks without an order. Ranked by excess value; paged.",
    permission: "read",
    query: agingQuerySchema,
    responses: { 200: agingReportSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),
  readSlowMoverReorderPoints: route({
    method: "get",
    path: "/inventory/slow-movers",
    summary: "Reorder points of intermittent products (Poisson / negative binomial) from the stored weekly demand",
    description: "Intermittent: average weeks between orders ≥ 1.32 (Syntetos, Boylan & Croston 2005). Lead time from the supplier, review period and cycle service level from the segment's policy.",
    permission: "read",
    query: slowMoverQuerySchema,
    responses: { 200: slowMoverReportSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),
  readPushPull: route({
    method: "get",
    path: "/inventory/push-pull",
    summary: "Push or pull per product: the policy's supply mode, or the push/pull rule where the policy says derive",
    description: "The rule compares the supplier lead time P with the segment's promised lead time D and the weekly demand CoV; every product carries the rule's reason.",
    permission: "read",
    query: pushPullQuerySchema,
    responses: { 200: pushPullReportSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),
  readFulfilmentRules: route({
    method: "get",
    path: "/fulfilment/rules",
    summary: "Read the allocation and fulfilment-path tables",
    description:
      "Allocation: per customer segment (\"*\" for any other) its priority, the share of each product's supply reserved for it and for how many days, and whether it may have a premium last mile. Paths: the first row matching a line's segment, quantity and weight decides its path, transport mode, last mile, deliveries per week and window.",
    permission: "read",
    responses: { 200: fulfilmentRulesSchema },
    idempotent: true,
  }),
  replaceFulfilmentRules: route({
    method: "put",
    path: "/fulfilment/rules",
    summary: "Replace the allocation and fulfilment-path tables",
    description: "Both tables at once, validated (each problem named by row and field) and audited with the tables before and after.",
    permission: "edit-policies",
    body: putFulfilmentRulesSchema,
    responses: { 200: fulfilmentRulesSchema },
    idempotent: true,
  }),
  readAtp: route({
    method: "get",
    path: "/fulfilment/atp",
    summary: "Promise the open orders: allocated ATP by customer-segment priority over the stored supply",
    description:
      "Per product, supply is on hand in the latest stock snapshot plus the scheduled receipts; each segment's reserve (its share of the supply) serves its orders first, then priorities are served in turn and the priority that runs short shares fairly (in proportion to what each line still needs). A line's promised delivery date is its units' availability plus the promised lead time of its segment's policy, and never before the requested date. Totals and segments cover every line; the lines are paged.",
    permission: "read",
    query: atpQuerySchema,
    responses: { 200: atpReportSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),
  readFulfilmentPaths: route({
    method: "get",
    path: "/fulfilment/paths",
    summary: "Fulfilment path, transport mode, last mile, delivery frequency and window of each open order line",
    description: 'From the stored path table: the first row whose segment (or "*"), quantity and weight bounds match the line decides. Lines are paged; the counts per path cover every line.',
    permission: "read",
    query: fulfilmentPathsQuerySchema,
    responses: { 200: fulfilmentPathReportSchema },
    idempotent: true,
    timeoutMs: LONG,
  }),
  planShipments: route({
    method: "post",
    path: "/fulfilment/shipment-plan",
    summary: "Which promised lines leave first when carrier capacity is short",
    description:
      "The promised open lines (as GET /fulfilment/atp promises them) queue by their customer segment's allocation priority, then by the day each must leave to keep its promised date, and load first fit onto the departures given; a line is ready on its ship-by day, not before. Answers per segment how many leave on time, late or not at all, and the lines that miss.",
    permission: "compute",
    body: shipmentPlanRequestSchema,
    responses: { 200: shipmentPlanSchema },
    timeoutMs: LONG,
  }),
} satisfies Record<string, RouteDefinition>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;

type Out<S> = S extends z.ZodType ? z.output<S> : never;
type In<S> = S extends z.ZodType ? z.input<S> : never;
type ResponsesOf<K extends RouteName> = Routes[K]["responses"];
type SuccessStatus<K extends RouteName> = Extract<keyof ResponsesOf<K>, 200 | 201 | 202>;

/** The JSON a route answers with on success (as the client receives it). */
export type RouteResponse<K extends RouteName> = { [S in SuccessStatus<K>]: Out<ResponsesOf<K>[S]> }[SuccessStatus<K>];
/** The JSON a handler may answer with on status `S`, before the schema's transforms. */
export type RouteReplyJson<K extends RouteName, S extends keyof ResponsesOf<K>> = In<ResponsesOf<K>[S]>;

type Field<R, F extends "params" | "query" | "body", Io extends "in" | "out"> = R extends { [P in F]: infer S } ? (Io extends "in" ? In<S> : Out<S>) : undefined;
type BodyByParam<R, Io extends "in" | "out"> = R extends { bodyByParam: { schemas: infer M } } ? { [E in keyof M]: Io extends "in" ? In<M[E]> : Out<M[E]> }[keyof M] : never;
type BodyOf<R, Io extends "in" | "out"> = R extends { bodyByParam: object } ? BodyByParam<R, Io> : Field<R, "body", Io>;

/** What a caller sends: path parameters, query and body, each as its schema accepts it (defaults may be left out). */
export type RouteRequest<K extends RouteName> = OmitUndefined<{ params: Field<Routes[K], "params", "in">; query: Field<Routes[K], "query", "in">; body: BodyOf<Routes[K], "in"> }>;
/** What a handler receives: the same, after validation (defaults filled in). */
export interface RouteInput<K extends RouteName> {
  params: Field<Routes[K], "params", "out">;
  query: Field<Routes[K], "query", "out">;
  body: BodyOf<Routes[K], "out">;
}

type OmitUndefined<T> = { [P in keyof T as T[P] extends undefined ? never : P]: T[P] };

export const ROUTE_NAMES = Object.keys(routes) as RouteName[];

/** The body schema of a request: the route's, or the one its path parameter selects (undefined when the value selects none). */
export function bodySchemaOf(definition: RouteDefinition, params: Record<string, unknown>): z.ZodType | undefined {
  if (definition.bodyByParam) {
    const { schemas, param } = definition.bodyByParam;
    const value = String(params[param]);
    // Own keys only: a path segment such as "__proto__" names no schema.
    return Object.hasOwn(schemas, value) ? schemas[value] : undefined;
  }
  return definition.body;
}

/** The URL path of a call, parameters encoded: `/change-requests/:id` with { id } → `/change-requests/<id>`. */
export function pathOf(definition: RouteDefinition, params: Record<string, unknown> | undefined): string {
  return definition.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === "") throw new Error(`${name}: a value is needed for the path ${definition.path}`);
    return encodeURIComponent(String(value));
  });
}
