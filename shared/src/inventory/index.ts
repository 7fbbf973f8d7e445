/**
 * Inventory policies per segment: safety stock, reorder points, fill
 * rates, EOQ, EPQ, quantity discounts, the newsvendor, base stock, (s, S), (r, Q), slow movers, the GSM, and the segment rules
 * (push/pull, turns, aging). Shared-capacity allocation across segments (e.g.
 * refrigerated space, by profit per unit of capacity with service floors) is
 * the linear programme in `shared/src/warehouse/sharedCapacity.ts`, imported by
 * path because it loads the HiGHS solver.
 */
export { normalPdf, normalCdf, erfc } from "./normalDistribution";
export { normalQuantile } from "./normalQuantile";
export { normalLoss, normalSecondLoss } from "./normalLoss";
export { safetyStock } from "./safetyStock";
export { reorderPoint } from "./reorderPoint";
export { safetyStockArrays } from "./safetyStockArrays";
export type { SafetyStockColumns } from "./safetyStockArrays";
export { fillRateSafetyStock, FILL_RATE_EXACT_BELOW } from "./fillRateSafetyStock";
export type { FillRateSafetyStock } from "./fillRateSafetyStock";
export { fillRate } from "./fillRate";
export type { FillRateOfInput } from "./fillRate";
export { cycleServiceLevel } from "./cycleServiceLevel";
export { eoq } from "./eoq";
export type { EoqResult } from "./eoq";
export { baseStock } from "./baseStock";
export type { BaseStockResult } from "./baseStock";
export { rqPolicy } from "./rqPolicy";
export type { RqPolicy } from "./rqPolicy";
export { rqCostOf } from "./rqCost";
export { poissonRqCost } from "./rqPoisson";
export { epq } from "./epq";
export type { EpqResult } from "./epq";
export { eoqDiscount } from "./eoqDiscount";
export type { EoqDiscountResult } from "./eoqDiscount";
export { newsvendor } from "./newsvendor";
export type { NewsvendorResult } from "./newsvendor";
export { ssPolicy } from "./ssPolicy";
export type { SsPolicy } from "./ssPolicy";
export { MAX_POLICY_SPAN, newsvendorCostAt, poissonDemand } from "./poissonCosts";
export type { LeadTimeDemand } from "./rqCost";
export { solveGuaranteedService } from "./guaranteedService";
export type { GsmInput, GsmStage, GsmResult, GsmStageResult } from "./guaranteedService";
export * from "./schemas";
export { demandVariability, variabilitySourceSchema, variabilityPolicySchema } from "./demandVariability";
export type { VariabilitySource, VariabilityPolicy, DemandVariabilityInput, DemandVariability } from "./demandVariability";
export { discreteDemand, MAX_DISCRETE_MEAN } from "./discreteDemand";
export type { DiscreteDemand, DiscreteFamily } from "./discreteDemand";
export { slowMoverReorderPoint, poissonFillRate, slowMoverInputSchema, leadTimeDemandModelSchema, SLOW_MOVER_THRESHOLD } from "./slowMoverReorderPoint";
export type { SlowMoverInput, SlowMoverReorderPoint, LeadTimeDemandModel } from "./slowMoverReorderPoint";
export { pushPull, pushPullItemSchema, pushPullOptionsSchema } from "./pushPull";
export type { PushPullItem, PushPullOptions, PushPullDecision, SupplyStrategy } from "./pushPull";
export { effectiveSupplyMode } from "./derivedSupplyMode";
export type { EffectiveSupplyMode } from "./derivedSupplyMode";
export { inventoryTurns, turnsItemSchema, turnsOptionsSchema } from "./inventoryTurns";
export type { TurnsItem, TurnsOptions, TurnsResult, TurnsStatus } from "./inventoryTurns";
export { agingRisk, defaultAgingRules, agingItemSchema, agingRuleSchema, agingOptionsSchema } from "./agingRisk";
export type { AgingItem, AgingRule, AgingOptions, AgingResult } from "./agingRisk";
