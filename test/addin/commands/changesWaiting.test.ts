/**
 * Sales ops' side of a refresh against the real service (SQLite, small demo):
 * the "changes waiting" count (a 304 while nothing was approved), the
 * PreviousSegment / ChangedOn columns, the change report as CSV, and the
 * ribbon signal's limits.
 */
import fs from "node:fs";
import path from "node:path";
import { ServiceClient } from "../../../addin/src/api/serviceClient";
import { changeReportTable, toCsv } from "../../../addin/src/commands/changeReport";
import { changesWaiting } from "../../../addin/src/commands/changesWaiting";
import { refreshSegments } from "../../../addin/src/commands/refreshSegments";
import { showChangesWaitingOnRibbon } from "../../../addin/src/commands/ribbon";
import { DemoWorkbook } from "../../../addin/src/workbook/demoWorkbook";
import { startTestService, type TestService } from "../../service/harness";

let service: TestService;
beforeAll(async () => {
  service = await startTestService("sqlite");
}, 60_000);
afterAll(() => service?.close());

const client = () => new ServiceClient({ url: service.url, token: service.tokens.sales });
const book = () =>
  new DemoWorkbook({
    tables: [
      { name: "Mine", headers: ["ProductId", "Segment"], rows: [["P0003"], ["P0004"], ["P0005"]].map((r) => [...r, null]) },
      { name: "Also", headers: ["ProductId", "Segment"], rows: [["P0003", null]] },
    ],
    tags: { Mine: { dimension: "product", version: null, etag: null, history: true }, Also: { dimension: "product", version: null, etag: null } },
  });

async function approve(entityId: string, segment: string, reason: string) {
  const version = (await service.api("GET", "/api/v1/versions?dimension=product")).body.current;
  const raised = await service.api("POST", "/api/v1/change-requests", { token: service.tokens.planner, body: { dimension: "product", changes: [{ entityId, segment }], justification: reason } });
  const approved = await service.api("POST", `/api/v1/change-requests/${raised.body.id}/approve`, { token: service.tokens.approver, body: { reason, expectedVersion: version } });
  expect(approved.status).toBe(200);
  return raised.body.id as string;
}

test("nothing waits after a refresh (one 304 per dimension and version), then each approval counts once however many tables share it", async () => {
  const workbook = book();
  await refreshSegments(workbook, client());
  const calls: string[] = [];
  const counting = new ServiceClient({ url: service.url, token: service.tokens.sales }, (input, init) => {
    calls.push(String(input));
    return fetch(input, init);
  });
  await expect(changesWaiting(workbook, counting)).resolves.toEqual({
    total: 0,
    tables: [
      { table: "Mine", dimension: "product", waiting: 0 },
      { table: "Also", dimension: "product", waiting: 0 },
    ],
  });
  expect(calls).toHaveLength(1);
  await approve("P0004", "Q9", "sales asked");
  const waiting = await changesWaiting(workbook, client());
  expect(waiting.total).toBe(1);
  expect(waiting.tables.map((t) => t.waiting)).toEqual([1, 1]);
});

test("a never-refreshed table says so instead of counting the whole dimension", async () => {
  const fresh = await changesWaiting(book(), client());
  expect(fresh).toEqual({ total: 0, tables: [expect.objectContaining({ waiting: null }), expect.objectContaining({ waiting: null })] });
});

test("with history on, changed rows get PreviousSegment and ChangedOn; unchanged rows keep theirs", async () => {
  const workbook = book();
  await refreshSegments(workbook, client());
  const before = await workbook.readTable("Mine");
  const id = await approve("P0005", "Q8", "moved for the history test");
  const report = await refreshSegments(workbook, client());
  const after = await workbook.readTable("Mine");
  expect(after.headers).toEqual(["ProductId", "Segment", "PreviousSegment", "ChangedOn"]);
  const change = report.tables[0].changed[0];
  expect(change).toMatchObject({ id: "P0005", row: 2, to: "Q8", reason: "moved for the history test", changeRequestId: id });
  expect(after.rows[2]).toEqual(["P0005", "Q8", before.rows[2][1], change.effectiveAt!.slice(0, 10)]);
  // P0003 did not change in this refresh: what its columns said before stays.
  expect(after.rows[0].slice(0, 2)).toEqual(before.rows[0].slice(0, 2));
  expect(workbook.snapshot().marks.Mine.rows).toEqual([2]);
  // The table without the setting gets no extra columns.
  expect((await workbook.readTable("Also")).headers).toEqual(["ProductId", "Segment"]);
});

test("the change report as CSV: one row per change, formula-like text defused, separators quoted", () => {
  const table = changeReportTable({
    at: "2025-12-03T12:52:00.000Z",
    tables: [
      {
        table: "Mine",
        dimension: "product",
        status: "updated",
        fromVersion: 3,
        toVersion: 4,
        approvedAt: "2025-12-03T12:52:00.000Z",
        unknown: [],
        changed: [{ id: "P1", row: 0, name: '=HYPERLINK("x")', from: "AX", to: "BX", version: 4, effectiveAt: "2025-12-03T12:52:00.000Z", approvedBy: "ann", reason: "margin; volume", changeRequestId: "cr-1" }],
      },
    ],
  });
  expect(toCsv(table)).toBe('Table,Entity,Name,Previous segment,New segment,Effective,Approved by,Reason,Change request\r\nMine,P1,"\'=HYPERLINK(""x"")",AX,BX,2025-12-03,ann,"margin; volume",cr-1\r\n');
});

test("outside Excel (no office.js) the ribbon cannot be told, and says so", async () => {
  await expect(showChangesWaitingOnRibbon(3)).resolves.toBe(false);
});

test("where RibbonApi 1.1 exists the manifest's Approved changes button is enabled while changes wait and greyed otherwise", async () => {
  const updates: unknown[] = [];
  const office = { context: { requirements: { isSetSupported: (set: string, version: string) => set === "RibbonApi" && version === "1.1" } }, ribbon: { requestUpdate: async (u: unknown) => void updates.push(u) } };
  (globalThis as unknown as { Office?: unknown }).Office = office;
  try {
    await expect(showChangesWaitingOnRibbon(4)).resolves.toBe(true);
    await showChangesWaitingOnRibbon(0);
  } finally {
    delete (globalThis as unknown as { Office?: unknown }).Office;
  }
  const button = (enabled: boolean) => ({ tabs: [{ id: "TabHome", groups: [{ id: "Tierline.Group", controls: [{ id: "Tierline.ChangesButton", enabled }] }] }] });
  expect(updates).toEqual([button(true), button(false)]);
  const manifest = fs.readFileSync(path.resolve(__dirname, "../../../manifest.xml"), "utf8");
  expect(manifest).toMatch(/<OfficeTab id="TabHome">\s*<Group id="Tierline.Group">[\s\S]*<Control xsi:type="Button" id="Tierline.ChangesButton">/);
});
