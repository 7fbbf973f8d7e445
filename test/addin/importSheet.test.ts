/** A sheet's table as the import's CSV, and a refused import's problems in sheet rows (the header is row 1). */
import { ServiceError } from "../../addin/src/api/serviceClient";
import { importProblems, sheetCsv } from "../../addin/src/taskpane/runs/importSheet";

describe("sheetCsv", () => {
  it("writes the header and each row as typed, quoting what needs it; only trailing blank rows go", () => {
    const csv = sheetCsv({
      name: "T",
      headers: ["customer_id", "product_id", "week", "units"],
      rows: [
        ["C1", 'P"1', 5, 7.5],
        [null, "", null, null],
        ["C2", "P,2", 6, 0],
        [null, null, null, null],
      ],
    });
    // The blank row in the middle stays: the service's row numbers must stay the sheet's.
    expect(csv).toBe('customer_id,product_id,week,units\r\nC1,"P""1",5,7.5\r\n,,,\r\nC2,"P,2",6,0\r\n');
  });
});

describe("importProblems", () => {
  it("names the sheet row (data row + 1) and column of each problem, the first five, and counts the rest", () => {
    const errors = Array.from({ length: 7 }, (_, i) => ({ field: `rows[${i + 1}].week`, message: "must be ≥ 1" }));
    const text = importProblems("TierlineSellThrough", new ServiceError("7 problems", 422, { errors }));
    expect(text).toBe("TierlineSellThrough: nothing was imported. row 2, week: must be ≥ 1; row 3, week: must be ≥ 1; row 4, week: must be ≥ 1; row 5, week: must be ≥ 1; row 6, week: must be ≥ 1; and 2 more.");
  });

  it("falls back on the service's message when no row is named", () => {
    expect(importProblems("T", new ServiceError("file: no data rows below the header", 422, { errors: [{ field: "file", message: "empty" }] }))).toBe("T: file: no data rows below the header");
  });
});
