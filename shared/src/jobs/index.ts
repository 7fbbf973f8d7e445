export { segmentCompany } from "./segmentCompany";
export type { CompanySegmentation } from "./segmentCompany";
export { formatSegmentationReport } from "./formatSegmentationReport";
export { aggregateOrderLines } from "./aggregateOrderLines";
export type { OrderLineAggregates, OrderLineFacts } from "./aggregateOrderLines";
export { runSegmentationMethod } from "./runSegmentationMethod";
export type { ProposedAssignment } from "./runSegmentationMethod";
