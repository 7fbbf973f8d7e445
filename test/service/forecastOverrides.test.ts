/**
 * Forecast overrides under the segment policy's governance, on SQLite and
 * PostgreSQL: the policy of a product's segment names who may override
 * (here demand planners and sales) and by how much (±30 %); an override
 * within the limit is recorded and audited, one beyond it is refused with
 * the limit named, a role the policy does not name is refused, and a
 * segment whose policy says nothing lets demand planners only, unbounded.
 */
import { DEMO_POLICIES } from "../../service/src/demo/loadDemo";
import { STORES, startTestService, type TestService } from "./harness";

jest.setTimeout(60_000);

describe.each(STORES)("forecast overrides on %s", (store) => {
  let t: TestService;
  let governed: { id: string; segment: string };
  let other: { id: string; segment: string };
  beforeAll(async () => {
    t = await startTestService(store);
    const assignments = (await t.api("GET", "/api/v1/segments?dimension=product")).body.assignments as Array<{ entityId: string; segment: string }>;
    governed = { id: assignments[0].entityId, segment: assignments[0].segment };
    const o = assignments.find((a) => a.segment !== governed.segment)!;
    other = { id: o.entityId, segment: o.segment };
    // A literal row for the governed segment (more specific than any pattern), with forecast governance.
    const policies = (await t.api("GET", "/api/v1/policies")).body;
    const rows = [
      ...policies.rows.filter((r: { segment: string }) => r.segment !== governed.segment),
      { ...DEMO_POLICIES[0], segment: governed.segment, overrideAllowedBy: ["demand planner", "sales"], maxOverridePct: 0.3 },
    ];
    const put = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows, justification: "override limits for one segment" } });
    expect(put.status).toBe(201);
    expect((await t.api("POST", `/api/v1/change-requests/${put.body.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed by S&OP", expectedVersion: policies.version } })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  const override = (token: string, productId: string, from: number, to: number) => t.api("POST", "/api/v1/forecast-overrides", { token, body: { productId, week: 30, from, to, reason: "customer promotion" } });

  it("records an override within the limit, with who and the limit, and audits it", async () => {
    const r = await override(t.tokens.planner, governed.id, 100, 125);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ productId: governed.id, week: 30, from: 100, to: 125, change: 0.25, segment: governed.segment, limit: 0.3, who: "test-planner" });
    expect((await override(t.tokens.sales, governed.id, 100, 71)).status).toBe(201);
    const listed = await t.api("GET", `/api/v1/forecast-overrides?productId=${governed.id}`, { token: t.tokens.viewer });
    expect(listed.body.overrides.map((o: { to: number; who: string }) => [o.to, o.who])).toEqual([
      [125, "test-planner"],
      [71, "test-sales"],
    ]);
    const audit = await t.api("GET", "/api/v1/audit?action=forecast_override.recorded");
    expect(audit.body.entries[0]).toMatchObject({ actor: expect.stringMatching(/^test-/), entityId: governed.id, reason: "customer promotion" });
  });

  it("refuses an override beyond the segment's limit, naming the limit, and stores nothing", async () => {
    const r = await override(t.tokens.planner, governed.id, 100, 140);
    expect(r.status).toBe(422);
    expect(r.body.detail).toBe(`body.to: an override of +40 % is beyond the ±30 % the policy of segment ${governed.segment} allows`);
    expect(r.body.errors).toEqual([{ field: "body.to", message: "beyond the limit of ±30 %" }]);
    expect((await override(t.tokens.planner, governed.id, 0, 5)).body.detail).toMatch(/an override from 0 to 5 is beyond the ±30 %/);
    const listed = await t.api("GET", `/api/v1/forecast-overrides?productId=${governed.id}`, { token: t.tokens.viewer });
    expect(listed.body.overrides).toHaveLength(2);
  });

  it("refuses a role the policy does not name; a segment without governance lets demand planners override by any amount", async () => {
    const finance = await override(t.tokens.finance, governed.id, 100, 110);
    expect(finance.status).toBe(403);
    expect(finance.body.detail).toBe(`role finance may not override forecasts of segment ${governed.segment}: its policy lets demand planner, sales override`);
    expect((await override(t.tokens.sales, other.id, 100, 110)).status).toBe(403);
    expect((await override(t.tokens.planner, other.id, 100, 400)).status).toBe(201);
    expect((await override(t.tokens.viewer, other.id, 100, 110)).status).toBe(403);
    expect((await t.api("POST", "/api/v1/forecast-overrides", { token: t.tokens.planner, body: { productId: "P-NONE", week: 30, from: 1, to: 1, reason: "x y z" } })).status).toBe(404);
    const bad = await t.api("POST", "/api/v1/forecast-overrides", { token: t.tokens.planner, body: { productId: other.id, week: 0, from: -1, to: 1, reason: "x y z" } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["body.from", "body.week"]);
  });
});

describe.each(STORES)("forecast overrides saved in the same millisecond on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    // A stopped clock: every override is recorded at the same instant.
    t = await startTestService(store, { now: () => new Date("2026-11-02T09:00:00.000Z") });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("keeps both of two overrides of one product and week saved at once, a millisecond apart in the order they landed", async () => {
    const product = (await t.api("GET", "/api/v1/segments?dimension=product")).body.assignments[0].entityId as string;
    const save = (to: number) => t.api("POST", "/api/v1/forecast-overrides", { token: t.tokens.planner, body: { productId: product, week: 12, from: 100, to, reason: "two planners at once" } });
    const [a, b] = await Promise.all([save(110), save(120)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const listed = (await t.api("GET", `/api/v1/forecast-overrides?productId=${product}`, { token: t.tokens.viewer })).body.overrides as Array<{ to: number; at: string }>;
    expect(listed.map((o) => o.to).sort()).toEqual([110, 120]);
    expect(new Set(listed.map((o) => o.at)).size).toBe(2);
    expect([a.body.at, b.body.at].sort()).toEqual(["2026-11-02T09:00:00.000Z", "2026-11-02T09:00:00.001Z"]);
  });
});
