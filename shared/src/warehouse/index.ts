export { sharedCapacityModel, allocateSharedCapacity, capacitySegmentSchema } from "./sharedCapacity";
export type { CapacitySegment, SharedCapacityAllocation } from "./sharedCapacity";
