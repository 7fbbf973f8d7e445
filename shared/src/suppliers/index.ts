export { scoreSuppliers, checkWeights, normaliseMetrics, scorecardOptionsSchema, scorecardDirectionSchema, normalisationSchema, WEIGHT_SUM_TOLERANCE } from "./scoreSuppliers";
export type { ScorecardOptions, ScorecardDirection, Normalisation, SupplierScore } from "./scoreSuppliers";
export { scoreSuppliersBySegment, blendSegmentWeights, segmentWeightsSchema, supplierSpendSchema } from "./segmentWeightedScorecard";
export type { SegmentWeights, SupplierSpend, SegmentWeightedScorecardOptions, SegmentWeightedScore } from "./segmentWeightedScorecard";
export { sourcingRules, sourcingLineSchema, segmentCriticalitySchema, sourcingPolicySchema, KRALJIC_QUADRANTS } from "./sourcingRules";
export type { SourcingLine, SegmentCriticality, SourcingPolicy, KraljicQuadrant, SourcingDecision, DevelopmentCandidate, SourcingPlan } from "./sourcingRules";
