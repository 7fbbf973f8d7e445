/**
 * Supplier scorecard weights and sourcing thresholds as stored settings, on
 * SQLite and PostgreSQL, over the fixture of suppliers.test.ts (see there for
 * the figures). Checked by hand:
 *
 * Window 2026-01…2026-02, min-max normalised (1 = best): on-time S1 0, S2 1;
 * ppm S1 0, S2 1; lead-time mean S1 1, S2 0; sd S1 0, S2 1.
 * Weights stored: A only lead time (0, 0, 1, 0); C all 1 (scaled to 0.25 each).
 *   S1 serves AX 75 %, CZ 25 % → [0.0625, 0.0625, 0.8125, 0.0625] → score 81.25.
 *   S2 serves AX only → [0, 0, 1, 0] → score 0. S1 now ranks first.
 * Over the whole history the lead-time mean still favours S1 (18 d vs 20 d):
 * its score is 81.25 again, below a development ceiling of 90 with 80 % of
 * its spend in high-impact AX, so it is shortlisted, and so is S2 (score 0,
 * all its spend in AX); with the dual-sourcing
 * exposure raised to 0.75, P1 (exposure 0.70) no longer gets a second source.
 */
import { DEFAULT_SUPPLIER_SETTINGS } from "../../shared/src/api";
import { STORES, startTestService, type TestService, importFiles, approveSegments } from "./harness";

jest.setTimeout(60_000);

const FILES: Array<[string, string]> = [
  ["suppliers", "supplier_id,name,lead_time_mean_days,lead_time_sd_days,on_time_rate,fill_rate,quality_ppm\nS1,Alpha,10,2,0.9,0.95,200\nS2,Beta,20,2,0.95,0.95,100\nS3,Gamma,5,1,0.9,0.9,100\n"],
  ["products", "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle\nP1,Bolt,parts,30,20,S1,active\nP2,Nut,parts,10,5,S1,active\nP3,Gear,parts,20,10,S2,active\n"],
  ["customers", "customer_id,name,region,strategic\nC1,Acme,North,false\n"],
  ["order_lines", "customer_id,product_id,week,qty,price,cost,lines,deliveries,returns\nC1,P1,1,10,30,20,1,1,0\nC1,P2,1,10,10,5,1,1,0\nC1,P3,1,5,20,10,1,1,0\n"],
  [
    "supplier_performance",
    "supplier_id,period,on_time_rate,quality_ppm,lead_time_mean_days,lead_time_sd_days\nS1,2026-01,0.90,200,10,2\nS1,2026-02,0.80,400,14,2\nS1,2026-03,0.50,1000,30,5\nS2,2026-01,0.95,100,20,1\nS2,2026-02,0.95,300,20,3\n",
  ],
  [
    "supplier_terms",
    'supplier_id,moq,contracted_lead_time_days,penalty_per_late_line,price_breaks,valid_from\nS1,100,10,25,"[{""minQty"":100,""unitPrice"":19},{""minQty"":500,""unitPrice"":18}]",2020-01-01\nS1,999,5,99,[],2099-01-01\n',
  ],
];

const SETTINGS = {
  weights: {
    ...DEFAULT_SUPPLIER_SETTINGS.weights,
    A: { onTime: 0, quality: 0, leadTime: 1, leadTimeVariability: 0 },
    C: { onTime: 1, quality: 1, leadTime: 1, leadTimeVariability: 1 },
  },
  sourcing: { ...DEFAULT_SUPPLIER_SETTINGS.sourcing, dualSourcingExposure: 0.75, developmentMaxScore: 90 },
};

describe.each(STORES)("supplier settings on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store, { demo: false });
    await importFiles(t, FILES);
    const changes = [
      { entityId: "P1", segment: "AX" },
      { entityId: "P2", segment: "CZ" },
      { entityId: "P3", segment: "AX" },
    ];
    await approveSegments(t, "product", changes);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("reads the defaults until a planner stores settings", async () => {
    const r = await t.api("GET", "/api/v1/suppliers/settings", { token: t.tokens.viewer });
    expect(r.body).toEqual({ ...DEFAULT_SUPPLIER_SETTINGS, updatedBy: null, updatedAt: null });
  });

  it("refuses bad settings naming each field, and a viewer", async () => {
    const bad = {
      weights: { ...SETTINGS.weights, A: { ...SETTINGS.weights.A, onTime: 1.5 }, B: { onTime: 0, quality: 0, leadTime: 0, leadTimeVariability: 0 } },
      sourcing: { ...SETTINGS.sourcing, developmentMaxScore: 101 },
    };
    const r = await t.api("PUT", "/api/v1/suppliers/settings", { token: t.tokens.planner, body: bad });
    expect(r.status).toBe(400);
    expect(Object.fromEntries(r.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]))).toEqual({
      "body.weights.A.onTime": "must be at most 1 (100 %)",
      "body.weights.B.onTime": "at least one weight must be above 0",
      "body.sourcing.developmentMaxScore": "must be at most 100",
    });
    expect((await t.api("PUT", "/api/v1/suppliers/settings", { token: t.tokens.viewer, body: SETTINGS })).status).toBe(403);
  });

  it("scores and recommends with the stored weights and thresholds", async () => {
    const put = await t.api("PUT", "/api/v1/suppliers/settings", { token: t.tokens.planner, body: SETTINGS });
    expect([put.status, put.body.updatedBy, put.body.sourcing.dualSourcingExposure]).toEqual([200, "test-planner", 0.75]);
    const cards = await t.api("GET", "/api/v1/suppliers/scorecards?from=2026-01&to=2026-02", { token: t.tokens.viewer });
    const [s1, s2] = cards.body.suppliers;
    expect([s1.supplierId, s1.rank, s2.supplierId, s2.rank]).toEqual(["S1", 1, "S2", 2]);
    [0.0625, 0.0625, 0.8125, 0.0625].forEach((w, j) => expect(s1.weights[j]).toBeCloseTo(w, 10));
    expect(s1.score).toBeCloseTo(81.25, 10);
    expect(s2.score).toBeCloseTo(0, 10);
    const sourcing = await t.api("GET", "/api/v1/suppliers/sourcing", { token: t.tokens.viewer });
    const p1 = sourcing.body.items[0];
    expect([p1.productId, p1.dualSourcing, p1.strategicBuffer]).toEqual(["P1", false, true]);
    expect(p1.recommendations[0].reason).toMatch(/^single-sourced; exposure 0\.70 = .* < 0\.75 /);
    expect(sourcing.body.assumptions.dualSourcingExposure).toBe(0.75);
    expect(sourcing.body.developmentShortlist.map((c: { supplierId: string; reason: string }) => [c.supplierId, c.reason])).toEqual(
      expect.arrayContaining([
        ["S1", "score 81 < 90 with 80 % of its spend in high-impact segments"],
        ["S2", "score 0 < 90 with 100 % of its spend in high-impact segments"],
      ]),
    );
    expect(sourcing.body.developmentShortlist).toHaveLength(2);
    const audit = await t.api("GET", "/api/v1/audit?limit=1000", { token: t.tokens.admin });
    expect(JSON.stringify(audit.body)).toContain("supplier_settings.replaced");
  });
});
