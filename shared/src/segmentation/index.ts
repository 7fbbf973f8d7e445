export * from "./schemas";
export { classifyAbc, classifyAbcArrays } from "./abc";
export type { AbcArrays, AbcItem, AbcClassSummary, AbcResult } from "./abc";
export { paretoShares } from "./pareto";
export { classifyXyz, classifyXyzMatrix, toDemandMatrix, NO_DEMAND } from "./xyz";
export type { XyzItem, XyzResult, XyzArrays, DemandMatrix } from "./xyz";
export { classifyDemandPatterns, demandPatternOfRow } from "./demandPattern";
export type { DemandPattern, DemandPatternItem } from "./demandPattern";
export { abcXyzMatrix } from "./abcXyzMatrix";
export type { AbcXyzMatrix, MatrixCell } from "./abcXyzMatrix";
export { scoreMultiCriteria, classifyMultiCriteriaAbc, MC_ABC_DEFAULT_CUTOFFS } from "./multiCriteria";
export type { MultiCriteriaAbcOptions } from "./multiCriteria";
export { assignCustomerTiers, describeTierRule, DEFAULT_TIER_RULES, customerTierInputSchema, tierRuleSchema } from "./customerTiers";
export type { CustomerTier, CustomerTierInput, TierRule } from "./customerTiers";
export { segmentKey, splitSegmentKey, KEY_SEPARATOR, WILDCARD } from "./segmentKey";
export {
  PolicyTable,
  policyFieldsSchema,
  policyRowSchema,
  policyOverrideSchema,
  policyTableSchema,
  forecastMethodSchema,
  forecastLevelSchema,
  ownerFunctionSchema,
  demandSignalPolicySchema,
  POLICY_FIELDS,
} from "./policyTable";
export type { PolicyFields, PolicyField, PolicyRow, PolicyOverride, ResolvedPolicy } from "./policyTable";
export { proposeReclassifications, hysteresisRuleSchema, reclassificationInputSchema } from "./reclassification";
export type { HysteresisRule, ReclassificationInput, ReclassificationProposal, HeldChange } from "./reclassification";
export { firstClassAtOrAbove, SHARE_TOLERANCE } from "./firstClassAtOrAbove";
export { entityHistory, type SegmentChange, type VersionFacts } from "./entityHistory";
export { segmentDirection, type SegmentDirection } from "./segmentDirection";
export { requestObsolescence, type ObsoleteRequest, type RequestedChange } from "./requestObsolescence";
