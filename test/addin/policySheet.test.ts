/**
 * The policy table as planners edit it in a sheet: written out and read back
 * unchanged, shares read however they were typed, every problem named by
 * sheet row and column, and the proposal's changes in words.
 */
import { DEMO_POLICIES } from "../../service/src/demo/loadDemo";
import { PolicyTable } from "../../shared/src/segmentation/policyTable";
import { diffPolicies, isEmptyDiff } from "../../addin/src/taskpane/panes/policies/policyDiff";
import { POLICY_TABLE, policyTableData, rowsFromTable } from "../../addin/src/taskpane/panes/policies/policySheet";
import { policyDetails, policySummary } from "../../addin/src/taskpane/panes/policies/policyWords";

const demo = new PolicyTable(DEMO_POLICIES).rows;
const withGovernance = [...demo, { ...demo[0], segment: "Key", overrideAllowedBy: ["demand planner", "sales"] as Array<"demand planner" | "sales">, maxOverridePct: 0.3, maxWape: 0.25 }];

describe("the policy sheet", () => {
  it("reads back what it wrote, lists included", () => {
    const data = policyTableData(withGovernance);
    expect(data.name).toBe(POLICY_TABLE);
    expect(data.headers.slice(0, 3)).toEqual(["Segment", "CycleServiceLevel", "TargetFillRate"]);
    expect(data.rows.at(-1)![data.headers.indexOf("OverrideAllowedBy")]).toBe("demand planner; sales");
    const back = rowsFromTable(data);
    expect(back).toEqual({ ok: true, rows: withGovernance });
    expect(isEmptyDiff(diffPolicies(withGovernance, back.ok ? back.rows : []))).toBe(true);
  });

  it("reads ForecastReview as Excel's TRUE/FALSE or typed yes/no, and names the cell of anything else", () => {
    const data = policyTableData([{ ...demo[0], forecastReview: true }, ...demo.slice(1, 4)]);
    const col = data.headers.indexOf("ForecastReview");
    expect(data.rows[0][col]).toBe(true);
    data.rows[1][col] = " Yes ";
    data.rows[2][col] = "FALSE";
    const back = rowsFromTable(data);
    expect(back.ok && back.rows.map((r) => r.forecastReview)).toEqual([true, true, false, undefined]);
    data.rows[3][col] = "maybe";
    expect(rowsFromTable(data)).toEqual({ ok: false, problems: ["row 5, ForecastReview: write TRUE or FALSE (got maybe)"] });
  });

  it("reads the forecast level (item or family) from its column, names the row of any other word, and says it in words", () => {
    const data = policyTableData(demo.slice(0, 3));
    const col = data.headers.indexOf("ForecastLevel");
    expect(col).toBeGreaterThan(0);
    data.rows[1][col] = "family";
    data.rows[2][col] = "category";
    const bad = rowsFromTable(data);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems).toEqual([expect.stringMatching(/^row 4, ForecastLevel: .*"item".*"family"/)]);
    data.rows[2][col] = null;
    const back = rowsFromTable(data);
    expect(back.ok && back.rows.map((r) => r.forecastLevel)).toEqual([undefined, "family", undefined]);
    const family = back.ok ? back.rows[1] : demo[1];
    expect(policySummary(family)).toContain(" · forecast by family · ");
    expect(policyDetails(family).find((d) => d.field === "forecastLevel")?.value).toBe("Family (the category forecast, split by each item's historical share)");
    expect(diffPolicies(demo.slice(0, 3), back.ok ? back.rows : []).changed).toEqual([
      { segment: demo[1].segment, fields: [{ field: "forecastLevel", label: "Forecast level", from: "not set", to: "Family (the category forecast, split by each item's historical share)" }] },
    ]);
  });

  it("reads shares as typed: 97% and 0.97 alike, headers in any case", () => {
    const data = policyTableData(demo.slice(0, 2));
    data.headers = data.headers.map((h) => h.toLowerCase());
    data.rows[0][1] = "97%";
    data.rows[1][1] = " 0.97 ";
    const back = rowsFromTable(data);
    expect(back.ok && back.rows.map((r) => r.cycleServiceLevel)).toEqual([0.97, 0.97]);
  });

  it("names the sheet row and column of every problem, and says how to write a share typed as 95", () => {
    const data = policyTableData(demo.slice(0, 3));
    data.rows[0][1] = 95;
    data.rows[1][data.headers.indexOf("ForecastMethod")] = "magic";
    data.rows[2][data.headers.indexOf("PromisedLeadTimeDays")] = "two";
    data.headers.push("Colour");
    data.rows.forEach((r) => r.push("blue"));
    const back = rowsFromTable(data);
    expect(back.ok).toBe(false);
    const problems = back.ok ? [] : back.problems;
    expect(problems[0]).toMatch(/Colour is not a policy field/);
    expect(problems).toContainEqual(expect.stringMatching(/^row 2, CycleServiceLevel: .*got 95; write 95% or 0\.95/));
    expect(problems).toContainEqual(expect.stringMatching(/^row 3, ForecastMethod: /));
    expect(problems).toContainEqual(expect.stringMatching(/^row 4, PromisedLeadTimeDays: must be a number, got "two"/));
  });

  it("skips blank rows, refuses a repeated pattern and a sheet without a Segment column", () => {
    const data = policyTableData(demo.slice(0, 2));
    data.rows.push(data.headers.map(() => null));
    data.rows.push([...data.rows[0]]);
    const back = rowsFromTable(data);
    expect(back.ok ? [] : back.problems).toEqual([`Segment ${demo[0].segment} appears twice: one row per pattern.`]);
    expect(rowsFromTable({ name: POLICY_TABLE, headers: ["Pattern"], rows: [["A*"]] })).toEqual({ ok: false, problems: [expect.stringMatching(/no Segment column/)] });
  });

  it("says what a proposal changes, field by field in words", () => {
    const proposed = demo.map((r) => (r.segment === "CZ" ? { ...r, cycleServiceLevel: 0.9, forecastMethod: "tsb" as const } : r)).filter((r) => r.segment !== "BZ");
    proposed.push({ ...demo[0], segment: "Key" });
    const diff = diffPolicies(demo, proposed);
    expect(diff.changed).toEqual([
      {
        segment: "CZ",
        fields: [
          { field: "cycleServiceLevel", label: "Cycle service level", from: "85 %", to: "90 %" },
          { field: "forecastMethod", label: "Forecast method", from: "Syntetos–Boylan (intermittent)", to: "Teunter–Syntetos–Babai (intermittent, obsolescence)" },
        ],
      },
    ]);
    expect(diff.added.map((r) => r.segment)).toEqual(["Key"]);
    expect(diff.removed.map((r) => r.segment)).toEqual(["BZ"]);
    expect(diff.unchanged).toBe(demo.length - 2);
  });

  it("words a row for the list and its details", () => {
    const a = demo.find((r) => r.segment === "A*")!;
    expect(policySummary(a)).toBe("98 % cycle service · 99 % fill · promise 2 days · Automatic (best fit) · push");
    expect(policyDetails(withGovernance.at(-1)!).find((d) => d.field === "maxOverridePct")).toEqual({ field: "maxOverridePct", label: "Override limit", value: "± 30 %" });
  });
});
