import type { IncentiveReport } from "../../shared/src/api";
import { incentiveSheet } from "../../addin/src/taskpane/panes/costToServe/incentiveSheet";
import { COUNT_FORMAT, SHARE_FORMAT, moneyFormat, tableFormats } from "../../addin/src/workbook/resultFormats";

const figures = { customers: 1, revenue: 1000.004, grossMargin: 300, costToServe: 100, marginAfterCts: 200, marginAfterCtsPct: 0.2, incentive: 6 };
const report: IncentiveReport = {
  window: { fromWeek: 1, toWeek: 4 },
  plan: { share: 0.03, floors: [{ segment: "B", minMarginPct: 0.05 }] },
  notes: [],
  activityRatesSource: { source: "stored", version: 1 },
  owners: [
    { owner: "Ann", ...figures, customers: 2, belowFloor: 1 },
    { owner: "(no owner)", ...figures, belowFloor: 0 },
  ],
  segments: [
    { owner: "Ann", segment: "A", ...figures, floor: null, belowFloor: 0, marginBelowFloor: 0 },
    { owner: "Ann", segment: "B", ...figures, incentive: 0, floor: 0.05, belowFloor: 1, marginBelowFloor: 10 },
    { owner: "(no owner)", segment: "A", ...figures, floor: null, belowFloor: 0, marginBelowFloor: 0 },
  ],
  totals: { ...figures, customers: 3 },
};

describe("incentiveSheet", () => {
  const sheet = incentiveSheet(report);

  it("lists each owner's segments, then the owner's total, and the company's total last", () => {
    expect(sheet.name).toBe("TierlineIncentives");
    expect(sheet.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ["Ann", "A", 1],
      ["Ann", "B", 1],
      ["Ann", "All segments", 2],
      ["(no owner)", "A", 1],
      ["(no owner)", "All segments", 1],
      ["All owners", "All segments", 3],
    ]);
    const col = (h: string) => sheet.headers.indexOf(h);
    expect(sheet.rows[1][col("Floor")]).toBe(0.05);
    expect(sheet.rows[1][col("BelowFloor")]).toBe(1);
    expect(sheet.rows[0][col("Revenue")]).toBe(1000);
  });

  it("formats money as money, the margin % and floors as percentages, counts as counts", () => {
    const formats = Object.fromEntries(sheet.headers.map((h, j) => [h, tableFormats(sheet.headers, sheet.rows)[j]]));
    for (const h of ["Revenue", "GrossMargin", "CostToServe", "MarginAfterCts", "Incentive"]) expect([h, formats[h]]).toEqual([h, moneyFormat()]);
    expect([formats.MarginAfterCtsPct, formats.Floor]).toEqual([SHARE_FORMAT, SHARE_FORMAT]);
    expect([formats.Customers, formats.BelowFloor]).toEqual([COUNT_FORMAT, COUNT_FORMAT]);
    expect([formats.Owner, formats.Segment]).toEqual([undefined, undefined]);
  });
});
