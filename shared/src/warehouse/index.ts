export { sharedCapacityModel, allocateSharedCapacity, capacitySegmentSchema } from "./sharedCapacity";
export type { CapacitySegment, SharedCapacityAllocation } from "./sharedCapacity";
export { slottingModel, planSlotting, slottingItemSchema, storageZoneSchema, slottingOptionsSchema } from "./slotting";
export type { SlottingItem, StorageZone, SlottingOptions, SlottingModel, SlottingPlan } from "./slotting";
export { planWaveRelease, waveSchema, waveRuleSchema, releaseOrderSchema } from "./waveRelease";
export type { Wave, WaveRule, ReleaseOrder, ReleasePlan } from "./waveRelease";
