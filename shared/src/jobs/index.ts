export { segmentCompany } from "./segmentCompany";
export type { CompanySegmentation } from "./segmentCompany";
export { formatSegmentationReport } from "./formatSegmentationReport";
