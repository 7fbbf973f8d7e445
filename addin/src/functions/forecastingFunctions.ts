/**
 * The forecasting TIER.* worksheet functions: thin adapters over shared/ (see
 * segmentationFunctions.ts for the pattern). Filled in by the forecasting issue.
 */
export {};
