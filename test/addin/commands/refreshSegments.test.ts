/**
 * "Refresh segments" against the real service (SQLite, small demo company)
 * on the in-page demo workbook: version-aware through the ETag, reporting
 * what changed, and the ribbon wiring in manifest.xml.
 */
import fs from "node:fs";
import path from "node:path";
import { ServiceClient, ServiceError } from "../../../addin/src/api/serviceClient";
import { REFRESH_SEGMENTS_ACTION, runRefreshCommand } from "../../../addin/src/commands/commands";
import { describeRefresh, dimensionOfName, formatWhen, refreshSegments } from "../../../addin/src/commands/refreshSegments";
import { DemoWorkbook } from "../../../addin/src/workbook/demoWorkbook";
import { startTestService, type TestService } from "../../service/harness";

let service: TestService;
beforeAll(async () => {
  service = await startTestService("sqlite");
}, 60_000);
afterAll(() => service?.close());

const client = (token = service.tokens.viewer) => new ServiceClient({ url: service.url, token });

function workbook() {
  return new DemoWorkbook({
    tables: [
      {
        name: "TierlineSegments",
        headers: ["ProductId", "Segment", "abc"],
        rows: [
          ["P0001", null, null],
          ["P0002", "stale", null],
          ["NOPE", "x", null],
        ],
      },
      { name: "TierlineSegmentsCustomer", headers: ["CustomerId", "Segment"], rows: [["C001", null]] },
      { name: "Other", headers: ["ProductId", "Segment"], rows: [["P0001", "kept"]] },
    ],
  });
}

test("fills every managed table from the current version, tags it, and reports the changes and unknown ids", async () => {
  const book = workbook();
  const report = await refreshSegments(book, client());
  const current = await service.api("POST", "/api/v1/segments/lookup", { body: { dimension: "product", ids: ["P0001", "P0002"] } });
  const [p1, p2] = current.body.segments.map((s: { segment: string }) => s.segment);
  const products = await book.readTable("TierlineSegments");
  expect(products.rows.map((r) => r[1])).toEqual([p1, p2, "x"]);
  // The segment's parts go to the columns named after them.
  expect(products.rows[0][2]).toBe(p1.slice(0, 1));
  expect((await book.readTable("Other")).rows).toEqual([["P0001", "kept"]]);
  const version = current.body.version;
  const row = (id: string, index: number, from: string | null, to: string) => ({
    id,
    row: index,
    name: expect.any(String),
    from,
    to,
    version: expect.any(Number),
    effectiveAt: expect.any(String),
    approvedBy: expect.any(String),
    reason: expect.any(String),
    changeRequestId: expect.any(String),
  });
  expect(report.tables).toEqual([
    {
      table: "TierlineSegments",
      dimension: "product",
      status: "updated",
      fromVersion: null,
      toVersion: version,
      approvedAt: expect.any(String),
      // P0002's "stale" was never an approved segment: the approval that gave it its segment still explains the change.
      changed: [row("P0001", 0, null, p1), row("P0002", 1, "stale", p2)],
      unknown: ["NOPE"],
    },
    expect.objectContaining({ table: "TierlineSegmentsCustomer", dimension: "customer", status: "updated", changed: [expect.objectContaining({ id: "C001", from: null })] }),
  ]);
  const tag = book.snapshot().tags.TierlineSegments;
  expect(tag).toEqual({ dimension: "product", version, etag: `"product-v${version}-json"`, approvedAt: report.tables[0].approvedAt, refreshedAt: report.at });
  // The changed segment cells are marked for the eye; the Segment column is the one marked.
  expect(book.snapshot().marks.TierlineSegments).toEqual({ column: "Segment", rows: [0, 1] });
  expect(describeRefresh(report)).toContain(`TierlineSegments: updated to segments approved ${formatWhen(tag.approvedAt)}, 2 changes; 1 id not in the master data (NOPE).`);
  expect(describeRefresh(report)).not.toMatch(/version|none/);
});

test("a second refresh costs a 304 per table and writes nothing", async () => {
  const book = workbook();
  await refreshSegments(book, client());
  const before = book.snapshot().tables;
  const report = await refreshSegments(book, client());
  expect(report.tables.map((t) => t.status)).toEqual(["unchanged", "unchanged"]);
  expect(book.snapshot().tables).toBe(before);
  // The marks of the first refresh go with the next one.
  expect(book.snapshot().marks.TierlineSegments).toEqual({ column: "Segment", rows: [] });
  expect(describeRefresh(report)).toMatch(/^TierlineSegments: up to date with segments approved .+\.$/m);
});

test("after an approval only the changed dimension is rewritten", async () => {
  const book = workbook();
  await refreshSegments(book, client());
  const version = (await service.api("GET", "/api/v1/versions?dimension=product")).body.current;
  const raised = await service.api("POST", "/api/v1/change-requests", {
    token: service.tokens.planner,
    body: { dimension: "product", changes: [{ entityId: "P0001", segment: "CZ" }], justification: "test: demote P0001" },
  });
  expect(raised.status).toBe(201);
  expect((await service.api("POST", `/api/v1/change-requests/${raised.body.id}/approve`, { token: service.tokens.approver, body: { reason: "agreed", expectedVersion: version } })).status).toBe(200);
  const report = await refreshSegments(book, client());
  expect(report.tables.map((t) => [t.table, t.status])).toEqual([
    ["TierlineSegments", "updated"],
    ["TierlineSegmentsCustomer", "unchanged"],
  ]);
  expect(report.tables[0].changed).toEqual([
    {
      id: "P0001",
      row: 0,
      name: expect.any(String),
      from: expect.any(String),
      to: "CZ",
      version: version + 1,
      effectiveAt: expect.any(String),
      approvedBy: "test-approver",
      reason: "agreed",
      changeRequestId: raised.body.id,
    },
  ]);
  expect(report.tables[0].toVersion).toBe(version + 1);
  expect(book.snapshot().marks.TierlineSegments.rows).toEqual([0]);
});

test("the command words every outcome for the MessageBar: not signed in, a bad token, an empty workbook", async () => {
  await expect(runRefreshCommand(workbook(), undefined)).resolves.toMatchObject({ intent: "warning", text: "Sign in to the Tierline service first (Settings)." });
  await expect(runRefreshCommand(workbook(), client("tl_not-a-token"))).resolves.toMatchObject({ intent: "error", title: "Refresh segments failed (401)", text: "the token was not accepted; sign in again in Settings" });
  await expect(runRefreshCommand(new DemoWorkbook({ tables: [] }), client())).resolves.toMatchObject({ intent: "info", text: expect.stringMatching(/^No Tierline-managed tables/) });
  const unreachable = new ServiceClient({ url: "http://127.0.0.1:9", token: "x" });
  await expect(refreshSegments(workbook(), unreachable)).rejects.toBeInstanceOf(ServiceError);
});

test("dimension from the table name; the manifest's button calls the associated action", () => {
  expect(dimensionOfName("TierlineSegments")).toBe("product");
  expect(dimensionOfName("TierlineSegmentsCustomers2025")).toBe("customer");
  expect(dimensionOfName("TierlineSegmentsRegion")).toBe("region");
  const manifest = fs.readFileSync(path.resolve(__dirname, "../../../manifest.xml"), "utf8");
  expect(manifest).toContain(`<FunctionName>${REFRESH_SEGMENTS_ACTION}</FunctionName>`);
});

test("the command records the workbook's service and recalculates the service cells only when master data moved", async () => {
  const book = workbook();
  const first = await runRefreshCommand(book, client());
  expect(first.intent).toBe("success");
  expect(book.snapshot().serviceUrl).toBe(service.url);
  expect(book.snapshot().recalculations).toBe(1);
  // Every table answers 304: nothing changed, no recalculation.
  await runRefreshCommand(book, client());
  expect(book.snapshot().recalculations).toBe(1);
  // A workbook without managed tables cannot tell: its TIER.SEGMENT cells are recalculated.
  const empty = new DemoWorkbook({ tables: [] });
  await runRefreshCommand(empty, client());
  expect(empty.snapshot().recalculations).toBe(1);
});
