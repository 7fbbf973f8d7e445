/**
 * The cost TIER.* worksheet functions: thin adapters over shared/ (see
 * segmentationFunctions.ts for the pattern). Filled in by the cost issue.
 */
export {};
