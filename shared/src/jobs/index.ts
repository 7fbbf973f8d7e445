export { segmentCompany } from "./segmentCompany";
export type { CompanySegmentation } from "./segmentCompany";
export { formatSegmentationReport } from "./formatSegmentationReport";
export { aggregateOrderLines, aggregateOrderSums, orderSumsOf } from "./aggregateOrderLines";
export type { CustomerSums, OrderLineAggregates, OrderLineFacts, OrderSums, ProductWeekSums } from "./aggregateOrderLines";
export { runSegmentationMethod } from "./runSegmentationMethod";
export type { ProposedAssignment } from "./runSegmentationMethod";
