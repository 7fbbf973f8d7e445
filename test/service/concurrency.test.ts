/**
 * An approver expects that nothing is lost or applied twice when people click
 * at once: 50 concurrent approvals of one change request, on both stores.
 */
import { STORES, startTestService, type TestService } from "./harness";

jest.setTimeout(60_000);

describe.each(STORES)("concurrent decisions on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("50 concurrent approvals of one request: exactly one applies, 49 get 409, one version, one audit entry", async () => {
    const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId: "P0003", segment: "A" }], justification: "race test" } });
    expect(cr.status).toBe(201);
    const approvers = [t.tokens.approver, t.tokens.approver2, t.tokens.admin];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: approvers[i % approvers.length], body: { reason: `click ${i}`, expectedVersion: 1 } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of results.filter((x) => x.status === 409)) expect(r.headers.get("content-type")).toContain("application/problem+json");
    const versions = await t.api("GET", "/api/v1/versions?dimension=product");
    expect(versions.body.current).toBe(2);
    expect(versions.body.versions.filter((v: { changeRequestId: string }) => v.changeRequestId === cr.body.id)).toHaveLength(1);
    const audit = await t.api("GET", `/api/v1/audit?entity=${cr.body.id}&action=change_request.approved`);
    expect(audit.body.entries).toHaveLength(1);
  });

  it("two different requests approved at once against the same version: one wins, the other is told to review", async () => {
    const make = (entityId: string) => t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId, segment: "C" }], justification: "parallel edits" } });
    const [a, b] = await Promise.all([make("P0004"), make("P0005")]);
    const current = (await t.api("GET", "/api/v1/versions?dimension=product")).body.current;
    const [ra, rb] = await Promise.all([
      t.api("POST", `/api/v1/change-requests/${a.body.id}/approve`, { token: t.tokens.approver, body: { reason: "first", expectedVersion: current } }),
      t.api("POST", `/api/v1/change-requests/${b.body.id}/approve`, { token: t.tokens.approver2, body: { reason: "second", expectedVersion: current } }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    expect((await t.api("GET", "/api/v1/versions?dimension=product")).body.current).toBe(current + 1);
  });
});
