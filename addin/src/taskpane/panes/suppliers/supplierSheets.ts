import type { ScorecardReport, SourcingReport } from "../../../../../shared/src/api";
import type { TableData } from "../../../workbook/workbook";
import { actionsLine, segmentsLine } from "./supplierWords";

/*
 * The scorecards and the sourcing recommendations as worksheet tables;
 * headers are the ones resultFormats knows (OnTimeRate as %, lead times in
 * days with one decimal, money), so the sheet reads like the pane.
 */

export const SCORECARD_TABLE = "TierlineSupplierScorecards";
export const SOURCING_TABLE = "TierlineSourcing";

export function scorecardTableData(report: ScorecardReport): TableData {
  return {
    name: SCORECARD_TABLE,
    headers: ["Rank", "Supplier", "Name", "Score", "OnTimeRate", "QualityPpm", "LeadTimeMeanDays", "LeadTimeSdDays", "Segments", "Moq", "ContractedLeadTimeDays", "Periods"],
    rows: report.suppliers.map((c) => [
      c.rank,
      c.supplierId,
      c.name,
      c.score,
      c.onTimeRate,
      c.qualityPpm,
      c.leadTimeMeanDays,
      c.leadTimeSdDays,
      segmentsLine(c),
      c.terms?.moq ?? null,
      c.terms?.contractedLeadTimeDays ?? null,
      c.periods.length,
    ]),
  };
}

export function sourcingTableData(report: SourcingReport): TableData {
  return {
    name: SOURCING_TABLE,
    headers: ["Product", "Name", "Supplier", "Segment", "AnnualSpend", "SupplyRisk", "Exposure", "Quadrant", "Buyer", "Actions", "ApprovalLimit", "Approver", "LeadTimeMeanDays", "LeadTimeSdDays", "Reasons"],
    rows: report.items.map((i) => [
      i.productId,
      i.productName,
      i.supplierId,
      i.segment,
      i.annualSpend,
      i.supplyRisk,
      i.exposure,
      i.quadrant,
      i.buyer,
      actionsLine(i),
      i.approvalLimit,
      i.approver,
      i.leadTimeMeanDays,
      i.leadTimeSdDays,
      i.recommendations
        .filter((r) => r.recommended && r.kind !== "buyer")
        .map((r) => r.reason)
        .join("; "),
    ]),
  };
}
