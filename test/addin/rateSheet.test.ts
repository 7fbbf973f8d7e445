/**
 * The activity-rate table as planners edit it in a sheet: written out and
 * read back unchanged, a date Excel turned into a serial number read as the
 * day it shows, every problem named by sheet row and column, and the
 * proposal's changes in words.
 */
import { diffRates, isEmptyRateDiff, RATE_TABLE, rateTableData, rateWords, ratesFromTable, readDay, rowState } from "../../addin/src/taskpane/panes/policies/rateSheet";

const RATES = [
  { activity: "delivery drop", driver: "deliveries", rate: 35, validFrom: "2025-01-01" },
  { activity: "delivery drop", driver: "deliveries", rate: 38, validFrom: "2026-07-01" },
  { activity: "picking", driver: "units_picked", rate: 0.08, validFrom: "2025-01-01" },
];

describe("the rate sheet", () => {
  it("round-trips the table, and reads Excel's date serials as days", () => {
    const data = rateTableData(RATES);
    expect(data).toMatchObject({ name: RATE_TABLE, headers: ["Activity", "Driver", "Rate", "ValidFrom"] });
    expect(ratesFromTable(data)).toEqual({ ok: true, rows: RATES });
    // 45658 is 1 Jan 2025 in Excel's 1900 date system; 46204 is 1 Jul 2026.
    expect(readDay(45658)).toEqual({ day: "2025-01-01" });
    expect(readDay(46204)).toEqual({ day: "2026-07-01" });
    const typed = { ...data, rows: data.rows.map((r, i) => [r[0], r[1], String(r[2]), i === 1 ? 46204 : r[3]]) };
    expect(ratesFromTable(typed)).toEqual({ ok: true, rows: RATES });
  });

  it("names every problem by sheet row and column", () => {
    const data = rateTableData(RATES);
    data.rows[0][2] = "-3";
    data.rows[1][3] = "2026-02-30";
    data.rows[2][0] = "";
    data.rows.push(["picking", "units_picked", 0.09, "2025-01-01"]);
    const reading = ratesFromTable(data);
    expect(reading).toEqual({
      ok: false,
      problems: ["row 2, Rate: must be ≥ 0", 'row 3, ValidFrom: "2026-02-30" is not a date (write 2026-01-31)', "row 4, Activity: may not be blank"],
    });
    expect(ratesFromTable({ name: RATE_TABLE, headers: ["Activity", "Rate"], rows: [] })).toEqual({
      ok: false,
      problems: [`${RATE_TABLE} has no Driver, ValidFrom columns: write the rate table to a sheet first, then edit it there.`],
    });
    const twice = rateTableData([...RATES, { ...RATES[2], rate: 0.09 }]);
    expect(ratesFromTable(twice)).toEqual({ ok: false, problems: ['row 5: "picking" from 2025-01-01 is also on row 4; keep one.'] });
  });

  it("says what a proposal changes, and which rows price today", () => {
    const proposed = [{ ...RATES[0] }, { ...RATES[1], rate: 40 }, { activity: "returns processing", driver: "returns", rate: 18, validFrom: "2025-01-01" }];
    const diff = diffRates(RATES, proposed);
    expect(diff).toEqual({
      added: [proposed[2]],
      removed: [RATES[2]],
      changed: [{ activity: "delivery drop", validFrom: "2026-07-01", from: "38.00 per delivery", to: "40.00 per delivery" }],
      unchanged: 1,
    });
    expect(isEmptyRateDiff(diffRates(RATES, RATES))).toBe(true);
    expect([rateWords(RATES[2]), rateWords({ rate: 1.5, driver: "order_lines" }), rateWords({ rate: 120, driver: "sales_visits" })]).toEqual(["0.08 per unit picked", "1.50 per order line", "120.00 per sales visit"]);
    expect(rowState({ ...RATES[0], inForce: false }, "2026-12-04")).toBe("superseded");
    expect(rowState({ ...RATES[1], inForce: true }, "2026-12-04")).toBe("in force");
    expect(rowState({ ...RATES[1], inForce: false }, "2026-05-01")).toBe("from later");
  });
});
