import type { IncentiveReport } from "../../../../../shared/src/api";
import type { CellValue, TableData } from "../../../workbook/workbook";

/*
 * The incentive report as the sheet the compensation process reads: a row per
 * owner × customer segment, then the owner's "All segments" row, and the
 * company's total last. Headers are ones resultFormats.ts knows, so money and
 * percentages come formatted.
 */

export const INCENTIVE_TABLE = "TierlineIncentives";
export const ALL_SEGMENTS = "All segments";

const HEADERS = ["Owner", "Segment", "Customers", "Revenue", "GrossMargin", "CostToServe", "MarginAfterCts", "MarginAfterCtsPct", "Incentive", "Floor", "BelowFloor"];

type Figures = IncentiveReport["totals"];
const cents = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
const share = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);
const cells = (f: Figures): CellValue[] => [f.customers, cents(f.revenue), cents(f.grossMargin), cents(f.costToServe), cents(f.marginAfterCts), share(f.marginAfterCtsPct), cents(f.incentive)];

export function incentiveSheet(report: IncentiveReport): TableData {
  const rows: CellValue[][] = [];
  for (const o of report.owners) {
    for (const s of report.segments.filter((x) => x.owner === o.owner)) rows.push([o.owner, s.segment, ...cells(s), s.floor, s.belowFloor]);
    rows.push([o.owner, ALL_SEGMENTS, ...cells(o), null, o.belowFloor]);
  }
  rows.push(["All owners", ALL_SEGMENTS, ...cells(report.totals), null, report.owners.reduce((a, o) => a + o.belowFloor, 0)]);
  return { name: INCENTIVE_TABLE, headers: HEADERS, rows };
}
