/** POST /clustering over real HTTP on SQLite and PostgreSQL: roles, bad input, determinism, proposing. */
import { STORES, startTestService, type TestService } from "./harness";

jest.setTimeout(60_000);

describe.each(STORES)("clustering on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("clusters the demo customers with a given k: assignments, centroids in original units, inertia, silhouette, named profiles", async () => {
    const r = await t.api("POST", "/api/v1/clustering", { token: t.tokens.planner, body: { dimension: "customer", features: ["revenue", "margin_pct", "demand_cov"], k: 3, seed: 7 } });
    expect(r.status).toBe(200);
    expect(r.body.k).toBe(3);
    expect(r.body.chosenBy).toBe("given");
    expect(r.body.assignments).toHaveLength(24);
    expect(r.body.inertia).toBeGreaterThan(0);
    // 24 rows ≤ 2,000: the silhouette is exact.
    expect(r.body.silhouette).toMatchObject({ sampled: false, scoredRows: 24 });
    expect(r.body.silhouette.mean).toBeGreaterThan(-1);
    expect(r.body.silhouette.mean).toBeLessThanOrEqual(1);
    expect(r.body.profiles).toHaveLength(3);
    const names = r.body.profiles.map((p: { name: string }) => p.name);
    expect(new Set(names).size).toBe(3);
    for (const name of names) expect(name).toMatch(/^(high|mid|low) value · ((high|mid|low) margin|loss-making)( · (steady|variable|erratic))?( #\d)?$/);
    expect(r.body.profiles.reduce((s: number, p: { size: number }) => s + p.size, 0)).toBe(24);
    // Centroid revenue is back in money (the log is undone): between the smallest and largest customer's revenue.
    const revenues = r.body.profiles.map((p: { median: { revenue: number } }) => p.median.revenue);
    for (const p of r.body.profiles) {
      expect(p.centroid.revenue).toBeGreaterThan(0);
      expect(p.centroid.margin_pct).toBeLessThan(1);
    }
    expect(Math.max(...revenues)).toBeGreaterThan(Math.min(...revenues));
    expect(r.body.preprocessing.transforms.map((x: { name: string; log: boolean }) => [x.name, x.log])).toEqual([
      ["revenue", true],
      ["margin_pct", false],
      ["demand_cov", false],
    ]);
    expect(r.body.dataWindow).toEqual({ fromWeek: 1, toWeek: 26 });
  });

  it("chooses k by silhouette over a range, and gives the same answer for the same seed", async () => {
    const body = { dimension: "product", kRange: [2, 5], seed: 3 };
    const a = await t.api("POST", "/api/v1/clustering", { token: t.tokens.planner, body });
    const b = await t.api("POST", "/api/v1/clustering", { token: t.tokens.planner, body });
    expect(a.status).toBe(200);
    expect(a.body.chosenBy).toBe("silhouette");
    expect(a.body.candidates.map((c: { k: number }) => c.k)).toEqual([2, 3, 4, 5]);
    const best = Math.max(...a.body.candidates.map((c: { silhouette: number }) => c.silhouette));
    expect(a.body.candidates.find((c: { k: number }) => c.k === a.body.k).silhouette).toBe(best);
    expect(b.body).toEqual(a.body);
  });

  it("proposes the clusters as a pending change request on request", async () => {
    const r = await t.api("POST", "/api/v1/clustering", { token: t.tokens.planner, body: { dimension: "customer", k: 2, seed: 1, propose: true, justification: "quarterly behaviour review" } });
    expect(r.status).toBe(201);
    expect(r.body.changeRequest).toMatchObject({ status: "pending", source: "recommendation-model", dimension: "customer", justification: "quarterly behaviour review" });
    const cr = await t.api("GET", `/api/v1/change-requests/${r.body.changeRequest.id}`, { token: t.tokens.viewer });
    expect(cr.body.payload.changes.length).toBe(r.body.changeRequest.size);
    const names = new Set(r.body.profiles.map((p: { name: string }) => p.name));
    for (const c of cr.body.payload.changes) expect(names.has(c.segment)).toBe(true);
    await t.api("POST", `/api/v1/change-requests/${r.body.changeRequest.id}/reject`, { token: t.tokens.approver, body: { reason: "test cleanup" } });
  });

  it.each([
    ["viewer", 403],
    ["sales", 403],
    ["approver", 403],
  ] as const)("refuses %s", async (role, status) => {
    const r = await t.api("POST", "/api/v1/clustering", { token: t.tokens[role], body: { dimension: "customer", k: 2 } });
    expect(r.status).toBe(status);
    expect(r.body.detail).toMatch(new RegExp(`^role ${role} may not cluster customers or products by behaviour`));
  });

  it("refuses a missing token", async () => {
    expect((await t.api("POST", "/api/v1/clustering", { token: null, body: { dimension: "customer" } })).status).toBe(401);
  });

  it.each([
    [{ dimension: "supplier", k: 2 }, "body.dimension"],
    [{ dimension: "customer", k: 2, kRange: [2, 4] }, "body.kRange"],
    [{ dimension: "customer", kRange: [5, 3] }, "body.kRange[1]"],
    [{ dimension: "customer", k: 1 }, "body.k"],
    [{ dimension: "customer", k: 2.5 }, "body.k"],
    [{ dimension: "customer", features: ["revenue", "shoe_size"] }, "body.features[1]"],
    [{ dimension: "customer", features: [] }, "body.features"],
    [{ dimension: "customer", features: ["revenue", "revenue"] }, "body.features"],
    [{ dimension: "customer", seed: -1 }, "body.seed"],
  ])("answers %j with a 400 naming %s", async (body, field) => {
    const r = await t.api("POST", "/api/v1/clustering", { token: t.tokens.planner, body });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe(field);
  });
});

describe("clustering without order history", () => {
  it("answers 422 naming order_lines", async () => {
    const t = await startTestService(STORES[0], { demo: false });
    try {
      const r = await t.api("POST", "/api/v1/clustering", { token: t.tokens.planner, body: { dimension: "customer", k: 2 } });
      expect(r.status).toBe(422);
      expect(r.body.detail).toBe("no order history is stored: import order_lines first");
    } finally {
      await t.close();
    }
  });
});
