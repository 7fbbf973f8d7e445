/** An entity's segment history after approvals: every applied change with version, date, approver, reason and request. */
import { startTestService, STORES, type TestService } from "./harness";

jest.setTimeout(60_000);

describe.each(STORES)("entity history (%s)", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
  });
  afterAll(async () => {
    await t?.close();
  });

  const approve = async (segment: string, reason: string) => {
    const raised = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId: "P0010", segment }], justification: `move P0010 to ${segment}` } });
    const current = (await t.api("GET", "/api/v1/versions?dimension=product")).body.current;
    const approved = await t.api("POST", `/api/v1/change-requests/${raised.body.id}/approve`, { token: t.tokens.approver, body: { reason, expectedVersion: current } });
    expect(approved.status).toBe(200);
    return { id: raised.body.id as string, version: approved.body.version as number };
  };

  it("lists the demo's first assignment and the two approved moves, oldest first", async () => {
    const before = (await t.api("GET", "/api/v1/entities/product/P0010/history", { token: t.tokens.sales })).body;
    expect(before.name).toEqual(expect.any(String));
    const first = await approve("ZZ1", "moved for the test");
    const second = await approve("ZZ2", "moved again");
    const after = await t.api("GET", "/api/v1/entities/product/P0010/history", { token: t.tokens.sales });
    expect(after.status).toBe(200);
    expect(after.body.changes.slice(0, before.changes.length)).toEqual(before.changes);
    const latest = after.body.changes.slice(before.changes.length);
    const from = before.changes.at(-1)?.to ?? null;
    expect(latest).toEqual([
      { version: first.version, effectiveAt: expect.any(String), from, to: "ZZ1", approvedBy: "test-approver", reason: "moved for the test", changeRequestId: first.id },
      { version: second.version, effectiveAt: expect.any(String), from: "ZZ1", to: "ZZ2", approvedBy: "test-approver", reason: "moved again", changeRequestId: second.id },
    ]);
  });

  it("answers 404 for an entity the master data never had", async () => {
    const r = await t.api("GET", "/api/v1/entities/product/NOPE-1/history");
    expect(r.status).toBe(404);
    expect(r.body.detail).toBe('product "NOPE-1" is not in the master data and was never assigned a segment');
  });
});
