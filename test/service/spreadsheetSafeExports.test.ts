/**
 * The files the service writes for planners to open in Excel, carrying
 * CSV-injection payloads that came in through a real import, a change
 * request and its approval: the CSVs (segments and audit) prefix every field
 * that would start a formula with OWASP's apostrophe, and the xlsx holds
 * every id and label as a shared string, no cell a formula, the version a number.
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { STORES, startTestService, type TestService, importForm } from "./harness";

jest.setTimeout(60_000);

/** Entity id → segment label; every one passes the import's and the API's text rules (labels have no `*`). */
const PAYLOADS: Array<[string, string]> = [
  ['=HYPERLINK("http://evil","click")', "=1+1"],
  ["+1+1", "@SUM(1)"],
  ["-1+1", "+3"],
  ["@SUM(1+1)*cmd|' /C calc'!A0", "-1+1"],
  ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil","click")'],
  ["-12.5", "-12.5"],
  ["a;=1+2", "AX"],
  ['=1+2";=1+2', "=1+2'\" ;,=1+2"],
  ["Ünïcødé ☃ 東京", "Ünïcødé"],
  ["SAFE-1", "BY"],
];
const FILE_NAME = "=1+1.csv";
const REASON = "=cmd|' /C calc'!A0";
const FORMULA_LEADING = /^[=+\-@\t\r\n]/;
const expected = (text: string) => (FORMULA_LEADING.test(text) ? `'${text}` : text);

/** Every field quoted, quotes doubled: the import file as a spreadsheet would save it. */
const csvLine = (fields: string[]) => fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(",");

describe.each(STORES)("exports safe to open in a spreadsheet, on %s", (store) => {
  let t: TestService;
  let version: number;
  beforeAll(async () => {
    t = await startTestService(store);
    const products = [
      csvLine(["product_id", "name", "category", "unit_price", "unit_cost", "supplier_id", "lifecycle"]),
      ...PAYLOADS.map(([id, label]) => csvLine([id, label, "@SUM(1)", "10", "4", "=1+1", "active"])),
    ].join("\n");
    const imported = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("products", FILE_NAME, products) as never });
    expect(imported.status).toBe(201);
    const current = (await t.api("GET", "/api/v1/versions?dimension=product")).body.current;
    const changes = PAYLOADS.map(([entityId, segment]) => ({ entityId, segment }));
    const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes, justification: "=1+1 tiers for the new products" } });
    expect(cr.status).toBe(201);
    const approved = await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: REASON, expectedVersion: current } });
    expect(approved.status).toBe(200);
    version = approved.body.version;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("segments CSV: each payload id and label reads back as one field with the apostrophe, the demo's rows untouched", async () => {
    const res = await t.api("GET", "/api/v1/segments?dimension=product&format=csv", { token: t.tokens.viewer });
    expect(res.status).toBe(200);
    expect(res.text.split("\n")[0]).toBe("entity_id,segment");
    const rows = parse(res.text, { columns: true }) as Array<{ entity_id: string; segment: string }>;
    const byId = new Map(rows.map((r) => [r.entity_id, r.segment]));
    for (const [id, label] of PAYLOADS) expect([id, byId.get(expected(id))]).toEqual([id, expected(label)]);
    expect(byId.get('\'=HYPERLINK("http://evil","click")')).toBe("'=1+1");
    expect(byId.get("SAFE-1")).toBe("BY");
    expect(byId.get("P0001")).toMatch(/^[ABC][XYZN]$/);
    for (const row of rows) for (const field of [row.entity_id, row.segment]) expect(field).not.toMatch(FORMULA_LEADING);
  });

  it("audit CSV: the import's file name and the approval's reason are prefixed, sequence numbers stay plain numbers", async () => {
    const res = await t.api("GET", "/api/v1/audit?format=csv", { token: t.tokens.viewer });
    expect(res.status).toBe(200);
    const rows = parse(res.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.filter((r) => r.action === "import.products").map((r) => [r.entityId, r.after])).toContainEqual([`'${FILE_NAME}`, '{"rows":10}']);
    expect(rows.find((r) => r.action === "change_request.approved" && r.reason === `'${REASON}`)).toBeDefined();
    for (const row of rows) {
      expect(row.seq).toMatch(/^\d+$/);
      for (const field of Object.values(row)) expect(field).not.toMatch(FORMULA_LEADING);
    }
  });

  it("segments xlsx: ids and labels are shared strings as imported, no cell holds a formula, the version is a number", async () => {
    const res = await fetch(`${t.url}/api/v1/segments?dimension=product&format=xlsx`, { headers: { Authorization: `Bearer ${t.tokens.viewer}` } });
    expect(res.status).toBe(200);
    const file = await res.arrayBuffer();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file);
    const sheet = workbook.worksheets[0];
    const cells = new Map<string, ExcelJS.Cell>();
    sheet.eachRow((row, r) => {
      if (r > 1) cells.set(String(row.getCell(1).value), row.getCell(2));
    });
    for (const [id, label] of PAYLOADS) {
      const cell = cells.get(id);
      expect([id, cell?.value, cell?.type]).toEqual([id, label, ExcelJS.ValueType.String]);
    }
    expect(sheet.getCell("E1").type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell("E1").value).toBe(version);

    const zip = await JSZip.loadAsync(file);
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).not.toMatch(/<f[\s>/]/);
    const xmlCells = [...xml.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/g)].map(([, column, row, attributes, body]) => ({ column, row: Number(row), attributes, body: body ?? "" }));
    const table = xmlCells.filter((c) => c.column === "A" || c.column === "B");
    expect(table.length).toBe(2 * sheet.rowCount);
    for (const c of table) expect(c.attributes).toContain('t="s"');
    expect(xmlCells.find((c) => c.column === "E" && c.row === 1)).toEqual({ column: "E", row: 1, attributes: "", body: `<v>${version}</v>` });
    const sharedStrings = await zip.file("xl/sharedStrings.xml")!.async("string");
    expect(sharedStrings).toContain("<t>=HYPERLINK(&quot;http://evil&quot;,&quot;click&quot;)</t>");
  });
});
