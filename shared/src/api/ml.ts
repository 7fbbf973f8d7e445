import { z } from "zod";
import { mustBe } from "../validation/mustBe";
import { ENTITY_FEATURES } from "../ml/entityFeatures";
import { changeRequestStatusSchema, changeRequestSummarySchema } from "./changeRequests";
import { queryText } from "./text";

/* Clustering, segment classifiers and reclassification recommendations on the wire. */

const ML_DIMENSIONS = ["product", "customer"] as const;
const mlDimension = z.enum(ML_DIMENSIONS, "must be product or customer");

export const clusteringRequestSchema = z
  .object({
    dimension: z.enum(["customer", "product"], "must be customer or product"),
    features: z.array(z.enum(ENTITY_FEATURES)).min(1, "at least one feature is needed").max(ENTITY_FEATURES.length).default(["revenue", "margin_pct", "demand_cov", "order_frequency"]),
    k: z.number().int().min(2).max(20).optional(),
    kRange: z.tuple([z.number().int().min(2).max(20), z.number().int().min(2).max(20)]).optional(),
    seed: z.number().int().min(0).max(4294967295).default(0),
    scaling: z.enum(["zscore", "robust"]).default("zscore"),
    missing: z.enum(["median", "drop"]).default("median"),
    /** raise a pending change request moving each entity to its cluster's name */
    propose: z.boolean().default(false),
    justification: z.string().trim().min(3).max(2000).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.k !== undefined && body.kRange !== undefined) ctx.addIssue({ code: "custom", path: ["kRange"], message: "give k or kRange, not both" });
    if (body.kRange && body.kRange[0] > body.kRange[1]) ctx.addIssue({ code: "custom", path: ["kRange", 1], message: "must be ≥ kRange[0]" });
    if (new Set(body.features).size !== body.features.length) ctx.addIssue({ code: "custom", path: ["features"], message: "a feature is listed twice" });
  });
export type ClusteringRequest = z.output<typeof clusteringRequestSchema>;

const nullableNumbers = z.record(z.string(), z.number().nullable());
export const clusterProfileSchema = z.object({
  cluster: z.number().int(),
  name: z.string(),
  size: z.number().int(),
  share: z.number(),
  centroid: z.record(z.string(), z.number()),
  mean: nullableNumbers,
  median: nullableNumbers,
});

export type ClusterProfile = z.infer<typeof clusterProfileSchema>;

export const clusteringResultSchema = z.object({
  dimension: z.enum(ML_DIMENSIONS),
  features: z.array(z.string()),
  dataWindow: z.object({ fromWeek: z.number().int(), toWeek: z.number().int() }),
  seed: z.number().int(),
  preprocessing: z.object({ scaling: z.string(), missing: z.string(), dropped: z.array(z.string()), transforms: z.array(z.object({ name: z.string() })) }),
  k: z.number().int(),
  chosenBy: z.enum(["given", "silhouette"]),
  candidates: z.array(z.object({ k: z.number().int() })),
  inertia: z.number(),
  iterations: z.number().int(),
  converged: z.boolean(),
  silhouette: z.object({ mean: z.number() }).nullable(),
  profiles: z.array(clusterProfileSchema),
  assignments: z.array(z.object({ entityId: z.string(), cluster: z.number().int(), name: z.string() })),
  changeRequest: changeRequestSummarySchema.nullable(),
});
export type ClusteringResult = z.infer<typeof clusteringResultSchema>;

/** What the classifier trainer uses unless the request says otherwise. */
export const DEFAULT_TRAINING_EPOCHS = 400;
/** Classes a stored model predicts, per dimension: the ABC class of a product, the tier of a customer. */
export const MODEL_TARGETS = {
  product: { part: "abc", classes: ["A", "B", "C"] },
  customer: { part: "tier", classes: ["Key", "Core", "Transactional"] },
} as const;

export const trainModelSchema = z
  .object({
    dimension: mlDimension,
    seed: z.number("must be an integer from 0 to 4294967295").int("must be an integer from 0 to 4294967295").min(0).max(4294967295),
    /** per predicted class: recommend only at or above this probability (default 0.8) */
    thresholds: z.record(z.string(), z.number("must be a probability").gt(0, mustBe.above(0)).max(1, mustBe.atMost(1))).optional(),
    /** weeks of behaviour one prediction reads: the latest block, and each training block */
    windowWeeks: z.number().int().min(4).max(26).default(12),
    holdoutFraction: z.number().min(0.1).max(0.5).default(0.25),
    epochs: z.number().int().min(50).max(5000).default(DEFAULT_TRAINING_EPOCHS),
  })
  .superRefine((body, ctx) => {
    const classes: readonly string[] = MODEL_TARGETS[body.dimension].classes;
    for (const key of Object.keys(body.thresholds ?? {})) {
      if (!classes.includes(key)) ctx.addIssue({ code: "custom", path: ["thresholds", key], message: `not a class of the ${body.dimension} model: expected one of ${classes.join(", ")}` });
    }
  });
export type TrainModelRequest = z.output<typeof trainModelSchema>;

export const modelIdSchema = z.object({ id: z.uuid("must be a model id (a UUID)") });

const classificationReportSchema = z.object({
  classes: z.array(z.string()),
  confusion: z.array(z.array(z.number())),
  accuracy: z.number(),
  perClass: z.array(z.object({ class: z.string(), support: z.number().int(), precision: z.number().nullable(), recall: z.number().nullable() })),
  macroRecall: z.number().nullable(),
  n: z.number().int(),
});

const calibrationSplitSchema = z.object({ split: z.enum(["calibration", "evaluation"]), entities: z.number().int(), rows: z.number().int(), entityIds: z.array(z.string()) });

export const storedModelSchema = z.object({
  id: z.string(),
  dimension: z.enum(ML_DIMENSIONS),
  version: z.number().int(),
  target: z.string(),
  seed: z.number().int(),
  dataWindow: z.object({
    historyWeeks: z.number().int(),
    windowWeeks: z.number().int(),
    trainingBlocks: z.array(z.object({ fromWeek: z.number().int(), toWeek: z.number().int() })),
    predictionWindow: z.object({ fromWeek: z.number().int(), toWeek: z.number().int() }),
  }),
  features: z.array(z.object({ name: z.string() })),
  classes: z.array(z.string()),
  weights: z.object({ weights: z.array(z.number()), bias: z.array(z.number()), temperature: z.number().optional(), training: z.record(z.string(), z.unknown()) }),
  evaluation: z.object({
    holdout: classificationReportSchema,
    training: z.object({ accuracy: z.number(), n: z.number().int(), finalLoss: z.number() }),
    /** temperature scaling fitted on the hold-out's calibration split, the Brier score before and after and the reliability curve after on its evaluation split (absent on models trained before it) */
    calibration: z
      .object({
        method: z.string(),
        temperature: z.number(),
        brierBefore: z.number(),
        brier: z.number(),
        reliability: z.array(z.object({ from: z.number(), to: z.number(), n: z.number().int(), meanPredicted: z.number().nullable(), observed: z.number().nullable() })),
        n: z.number().int(),
        /** the hold-out entities the temperature was fitted on, and the disjoint ones brier, brierBefore and reliability were computed on (absent on models trained before the split) */
        fittedOn: calibrationSplitSchema.optional(),
        evaluatedOn: calibrationSplitSchema.optional(),
      })
      .optional(),
  }),
  thresholds: z.record(z.string(), z.number()),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type StoredModelResponse = z.infer<typeof storedModelSchema>;

export const generateRecommendationsSchema = z.object({
  dimension: mlDimension,
  /** weeks per period: the hysteresis engine compares period against period */
  periodWeeks: z.number().int().min(1).max(26).default(4),
  consecutivePeriods: z.number().int().min(1).max(12).default(3),
  margin: z.number().min(0).max(1).default(0.25),
  /** the segment parts to judge (default: every part the current segmentation has) */
  parts: z
    .array(z.enum(["abc", "xyz", "tier"]))
    .min(1)
    .optional(),
  /** rule (the default), model (the latest model of the dimension), or both */
  source: z.enum(["rule", "model", "both"], "must be rule, model or both").default("rule"),
});
export type GenerateRecommendations = z.output<typeof generateRecommendationsSchema>;

export const recommendationSourceSchema = z.enum(["rule", "model"]);
export type RecommendationSource = z.infer<typeof recommendationSourceSchema>;
export const recommendationDirectionSchema = z.enum(["upgrade", "downgrade", "lateral"], "must be upgrade, downgrade or lateral");
export const confidenceKindSchema = z.enum(["persistence", "probability"]);

export const listRecommendationsSchema = z.object({
  dimension: mlDimension.optional(),
  /** without one, every status but "retired" (withdrawn requests are asked for by name) */
  status: changeRequestStatusSchema.optional(),
  /** recommendations this source proposed, alone or merged with the other */
  source: recommendationSourceSchema.optional(),
  /** part of the entity's id or name, any case */
  q: queryText(100).optional(),
  /** at least this confidence (0…1), whatever its kind */
  minConfidence: z.coerce.number<unknown>("must be a number from 0 to 1").min(0, "must be a number from 0 to 1").max(1, "must be a number from 0 to 1").optional(),
  direction: recommendationDirectionSchema.optional(),
  /** the current segment, exactly */
  from: queryText(100).optional(),
  /** the proposed segment, exactly */
  to: queryText(100).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export type RecommendationFilter = z.input<typeof listRecommendationsSchema>;
export type ListRecommendations = z.output<typeof listRecommendationsSchema>;

const typicalRangeSchema = z.object({ members: z.number().int(), p10: z.number(), p25: z.number(), median: z.number(), p75: z.number(), p90: z.number() });
export type TypicalRange = z.infer<typeof typicalRangeSchema>;

/** One reason behind a recommendation: a feature's value against the target segment's typical (p10–p90) range. */
export const rationaleItemSchema = z.object({
  feature: z.string(),
  /** which source's evidence this is, once rule and model are merged into one request */
  source: recommendationSourceSchema.optional(),
  /** the segment part a rule judged (abc, xyz, tier); absent on supporting features */
  part: z.string().optional(),
  /** null when the feature is undefined for the entity (a model feature without data) */
  value: z.number().nullable(),
  targetSegment: z.string(),
  targetRange: typicalRangeSchema.nullable().optional(),
  currentRange: typicalRangeSchema.nullable().optional(),
  boundary: z.number().optional(),
  bound: z.number().optional(),
  /** rule parts: period ends, latest first, at which the reading was past the bound (the rule's one tolerated miss aside), counted as far back as the data goes */
  periodsPast: z.number().optional(),
  /** rule parts: the period ends those were read over (periodsPast, plus the miss the rule tolerates when one fell inside) */
  periodsRead: z.number().optional(),
  /** rule parts: the last week of the earliest period end counted; model: the last week of the earliest window read as leaving */
  sinceWeek: z.number().optional(),
  /** the class of `part` the entity is in now (the class the model's probability of leaving is of) */
  currentClass: z.string().optional(),
  /** the model: windows of its length, one every `windowStep` weeks back from the latest, in a row at which its probability of leaving reached the threshold */
  windowsLeaving: z.number().optional(),
  windowStep: z.number().optional(),
  evidence: z.array(z.object({ period: z.string(), value: z.number() })).optional(),
  /** rule parts: the item's Syntetos–Boylan demand pattern over the baseline, whether it is read season against season, how the reading was put on the segmentation's scale */
  pattern: z.string().optional(),
  seasonal: z.boolean().optional(),
  basis: z.string().optional(),
  /** rule parts: the entity's own band of baseline readings the latest left */
  ownBand: z.object({ low: z.number(), high: z.number() }).optional(),
  /** model features: the value in the model's standardised units, and how much it raised the log-odds of the target class over the current one */
  standardised: z.number().optional(),
  logOddsContribution: z.number().optional(),
});
export type RationaleItem = z.infer<typeof rationaleItemSchema>;

const fromTo = z.object({ from: z.number().nullable(), to: z.number().nullable() });
export const recommendationImpactSchema = z.object({
  safetyStock: z
    .object({
      units: z.object({ from: z.number(), to: z.number() }),
      value: z.object({ from: z.number(), to: z.number(), change: z.number() }).nullable(),
      basis: z.record(z.string(), z.unknown()).optional(),
    })
    .nullable()
    .optional(),
  serviceLevel: fromTo.optional(),
  fillRate: fromTo.optional(),
  costToServe: z.unknown().optional(),
  costToServeNote: z.string().optional(),
  policyNotes: z.array(z.string()).optional(),
});
export type RecommendationImpact = z.infer<typeof recommendationImpactSchema>;

/** One source's say on an entity: the segment it proposes and how sure it is, in its own kind of confidence. */
export const sourceConfidenceSchema = z.object({
  source: recommendationSourceSchema,
  kind: confidenceKindSchema,
  /** 0…1 */
  value: z.number().min(0).max(1),
  /** the segment this source proposes; differs from the request's target when the sources disagree */
  to: z.string(),
});
export type SourceConfidence = z.infer<typeof sourceConfidenceSchema>;

export const recommendationSchema = z.object({
  id: z.string(),
  changeRequestId: z.string(),
  dimension: z.string(),
  /** the source whose target the request carries: the rule whenever it fired (its threshold is deterministic), else the model */
  source: recommendationSourceSchema,
  /** every source that fired for the entity (rule and model merge into one request) */
  sources: z.array(recommendationSourceSchema).min(1),
  entityId: z.string(),
  /** the entity's name from master data, null when it has none */
  entityName: z.string().nullable(),
  /** toward a better class (C → B), a worse one, or sideways (e.g. X → Y within one ABC class); the value class decides a compound move (AX → BY is a downgrade) */
  direction: recommendationDirectionSchema,
  from: z.string(),
  to: z.string(),
  /** 0…1, of `source` */
  confidence: z.number().min(0).max(1),
  /** what confidence measures: for a rule, how persistently the threshold was crossed; for the model, a calibrated probability */
  confidenceKind: confidenceKindSchema,
  /** each source's confidence and proposed segment, the request's own source first */
  confidences: z.array(sourceConfidenceSchema).min(1),
  status: changeRequestStatusSchema,
  /** why a retired request was withdrawn; null otherwise */
  decisionReason: z.string().nullable(),
  rationale: z.array(rationaleItemSchema),
  impact: recommendationImpactSchema.nullable(),
  dataWindow: z.object({ fromWeek: z.number().optional(), toWeek: z.number().optional(), periodWeeks: z.number().optional(), periods: z.array(z.string()).optional() }).nullable(),
  modelId: z.string().nullable(),
  createdAt: z.string(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const recommendationListSchema = z.object({ recommendations: z.array(recommendationSchema) });

export const generateRecommendationsResultSchema = z.object({
  dimension: z.string(),
  source: z.string(),
  window: z.unknown().optional(),
  created: z.number().int(),
  /** proposals identical to a pending request (or already proposed by this source for the entity): nothing new raised */
  alreadyPending: z.number().int(),
  /** proposals folded into the other source's pending request for the same entity (one request per entity) */
  merged: z.number().int(),
  /** pending requests this run withdrew: obsolete against the master data, or superseded by a merged one */
  retired: z.number().int(),
  recommendations: z.array(recommendationSchema),
  /** with source "both": each source's counts and data window */
  bySource: z.record(z.string(), z.object({ created: z.number().int(), alreadyPending: z.number().int(), merged: z.number().int(), window: z.unknown() })).optional(),
});
export type GenerateRecommendationsResult = z.infer<typeof generateRecommendationsResultSchema>;
