/**
 * Text the add-in writes into cells through `range.values` (service answers,
 * imported ids, the planner's own table text) lands as text, never as a
 * formula: against the recording context, which stores each string as Excel
 * stores typed input, and end to end through "Refresh segments" with labels
 * from the real service.
 */
import { ServiceClient } from "../../../addin/src/api/serviceClient";
import { refreshSegments } from "../../../addin/src/commands/refreshSegments";
import { ExcelWorkbook } from "../../../addin/src/excel/excelWorkbook";
import { readTable, writeColumns, writeTable } from "../../../addin/src/excel/tables";
import { startTestService, importForm, type TestService } from "../../service/harness";
import { RecordingContext } from "./recordingContext";

jest.setTimeout(60_000);

const PAYLOADS = ["=1+1", '=HYPERLINK("http://evil","click")', "+1+1", "-1+1", "@SUM(1)", "=cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "\n=1+1", "-12.5", 'say "hi", then; go', "Ünïcødé ☃ =東京", "'quoted"];

describe("the recording context stores text as Excel does", () => {
  test("text written raw through values becomes a formula, an apostrophe keeps it text, a signed number is a number", async () => {
    const context = new RecordingContext({ sheets: ["Sheet1"] });
    const sheet = context.sheet("Sheet1")!;
    sheet.getRangeByIndexes(0, 0, 1, 5).values = [["=1+1", "-1+1", "@SUM(1)", "'=1+1", "-12.5"]];
    await context.sync();
    expect([...sheet.formulas.values()]).toEqual(["=1+1", "=-1+1", "=SUM(1)"]);
    expect([sheet.cells.get("0,3"), sheet.cells.get("0,4")]).toEqual(["=1+1", -12.5]);
  });
});

describe("tables.ts writes text as text", () => {
  test("writeTable: payload headers and cells come back as written, numbers and booleans as they were, no formula anywhere", async () => {
    const context = new RecordingContext();
    const rows = PAYLOADS.map((text, i) => [text, -i - 0.5, i % 2 === 0, null]);
    await writeTable(context.asExcel(), { name: "TierlinePayloads", headers: ["=Id", "-Value", "@Flag", "Blank"], rows });
    const sheet = context.sheet("TierlinePayloads")!;
    expect(sheet.formulas.size).toBe(0);
    expect(context.tables[0].headers).toEqual(["=Id", "-Value", "@Flag", "Blank"]);
    expect(context.tables[0].rows).toEqual(rows.map(([text, value, flag]) => [text, value, flag, ""]));
    expect(context.tables[0].rows.every((row) => typeof row[1] === "number" && typeof row[2] === "boolean")).toBe(true);
  });

  test("writeColumns into an existing table, then readTable: every payload reads back unchanged", async () => {
    const table = { name: "TierlineSegments", sheet: "Segments", headers: ["ProductId", "Segment"], rows: PAYLOADS.map((_, i) => [`P${i}`, "AX"]) };
    const context = new RecordingContext({ tables: [table] });
    await writeColumns(context.asExcel(), "TierlineSegments", [
      { header: "Segment", values: PAYLOADS },
      { header: "Score", values: PAYLOADS.map((_, i) => -i) },
    ]);
    expect(table).not.toHaveProperty("formulas");
    const read = await readTable(context.asExcel(), "TierlineSegments");
    expect(read.rows.map((row) => row[1])).toEqual(PAYLOADS);
    expect(read.rows.map((row) => row[2])).toEqual(PAYLOADS.map((_, i) => -i));
  });
});

describe("Refresh segments writes the service's labels as text", () => {
  let service: TestService;
  const ids = ["=cmd|' /C calc'!A0", "-1+1", "@SUM(1+1)*cmd|' /C calc'!A0", "PLAIN-1"];
  const labels = ['=HYPERLINK("http://evil","click")', "+3", "-12.5", "=1+1"];
  beforeAll(async () => {
    service = await startTestService("sqlite");
    const products = ["product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle", ...ids.map((id) => `"${id.replaceAll('"', '""')}",n,c,10,4,S1,active`)].join("\n");
    expect((await service.api("POST", "/api/v1/imports", { token: service.tokens.planner, raw: importForm("products", "products.csv", products) as never })).status).toBe(201);
    const changes = ids.map((entityId, i) => ({ entityId, segment: labels[i] }));
    const cr = await service.api("POST", "/api/v1/change-requests", { token: service.tokens.planner, body: { dimension: "product", changes, justification: "labels that look like formulas" } });
    const current = (await service.api("GET", "/api/v1/versions?dimension=product")).body.current;
    expect((await service.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: service.tokens.approver, body: { reason: "agreed", expectedVersion: current } })).status).toBe(200);
  });
  afterAll(() => service?.close());

  test("the managed table's Segment column holds every label as text, no cell a formula", async () => {
    const table = { name: "TierlineSegments", sheet: "Segments", headers: ["ProductId", "Segment"], rows: ids.map((id) => [id, ""]) };
    const context = new RecordingContext({ tables: [table] });
    const book = new ExcelWorkbook((batch) => batch(context.asExcel()));
    const report = await refreshSegments(book, new ServiceClient({ url: service.url, token: service.tokens.viewer }));
    expect(report.tables[0]).toMatchObject({ table: "TierlineSegments", status: "updated", unknown: [] });
    expect(table).not.toHaveProperty("formulas");
    expect(table.rows).toEqual(ids.map((id, i) => [id, labels[i]]));
  });
});
