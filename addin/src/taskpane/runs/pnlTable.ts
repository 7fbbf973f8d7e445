import type { SegmentPnl } from "../../../../shared/src/cost";
import type { CellValue, TableData } from "../../workbook/workbook";
import type { FreightSummary } from "./storedFreight";

export const PNL_TABLE = "TierlineSegmentPnl";

const r2 = (x: number) => Math.round(x * 100) / 100;
const share = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

/**
 * The segment P&L as the sheet shows it, a row per segment and a Total row.
 * With stored freight, Freight is its own line before Contribution and the
 * last column says what it was spread by, so the sheet explains itself.
 * With transfer prices, InventoryCarrying is deducted before Contribution
 * (the company's view) and the supplying division's margin follows it with
 * the selling division's contribution after paying it.
 */
export function pnlTable(pnl: SegmentPnl, freight: FreightSummary | undefined, withTransfers = false): TableData {
  const withFreight = freight !== undefined;
  const row = (label: string, l: SegmentPnl["total"]): CellValue[] => [
    label,
    l.customers,
    r2(l.revenue),
    r2(l.cogs),
    r2(l.grossMargin),
    r2(l.costToServe),
    ...(withFreight ? [r2(l.freight)] : []),
    ...(withTransfers ? [r2(l.inventoryCarrying)] : []),
    r2(l.contribution),
    share(l.marginPct),
    ...(withTransfers ? [r2(l.transferMargin), r2(l.divisionContribution)] : []),
    ...(withFreight ? [`stored freight spread by ${freight.driver}`] : []),
  ];
  return {
    name: PNL_TABLE,
    headers: [
      "Segment",
      "Customers",
      "Revenue",
      "COGS",
      "GrossMargin",
      "CostToServe",
      ...(withFreight ? ["Freight"] : []),
      ...(withTransfers ? ["InventoryCarrying"] : []),
      "Contribution",
      "MarginPct",
      ...(withTransfers ? ["TransferMargin", "DivisionContribution"] : []),
      ...(withFreight ? ["FreightSpreadBy"] : []),
    ],
    rows: [...pnl.segments.map((s) => row(s.segment, s)), row("Total", pnl.total)],
  };
}
