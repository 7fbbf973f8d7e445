/**
 * The activity-rate table changed through change requests on SQLite and
 * PostgreSQL: proposed whole, approved by another user, landed as the next
 * rate version (traced to its request, audited) and read by cost-to-serve;
 * bad rows, stale versions and bulk approval refused in plain words.
 */
import { STORES, importForm, startTestService, type TestService } from "./harness";

jest.setTimeout(120_000);

const SUPPLIERS = "supplier_id,name,lead_time_mean_days,lead_time_sd_days,on_time_rate,fill_rate,quality_ppm\nS1,One,7,1,0.9,0.95,0\n";
const PRODUCTS = "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle\nP1,a,c,10,6,S1,active\nP2,b,c,20,12,S1,active\n";
const CUSTOMERS = "customer_id,name,region,strategic\nC1,one,N,false\nC2,two,N,false\n";
// Revenue: C1 = 10 × 10 + 10 × 10 + 2 × 20 = 240, C2 = 5 × 20 + 4 × 10 = 140.
const ORDER_LINES = [
  "customer_id,product_id,week,qty,price,cost,lines,deliveries,returns",
  "C1,P1,1,10,10,6,1,1,0",
  "C1,P1,2,10,10,6,1,1,0",
  "C1,P2,2,2,20,12,1,1,0",
  "C2,P2,3,5,20,12,1,1,0",
  "C2,P1,4,4,10,6,1,1,0",
].join("\n");
const ACTIVITY = "customer_id,orders,deliveries\nC1,3,4\nC2,2,2\n";
const RATES = "activity,driver,rate,valid_from\norder handling,orders,10,2025-01-01\ndelivery drop,deliveries,20,2025-01-01\n";
// The proposal: order handling up to 12; delivery drop 25 only from 2099, so 20 stays in force.
const PROPOSED = [
  { activity: "order handling", driver: "orders", rate: 12, validFrom: "2025-01-01" },
  { activity: "delivery drop", driver: "deliveries", rate: 20, validFrom: "2025-01-01" },
  { activity: "delivery drop", driver: "deliveries", rate: 25, validFrom: "2099-01-01" },
];

describe.each(STORES)("activity-rate change requests on %s", (store) => {
  let t: TestService;
  const upload = (kind: string, name: string, csv: string) => t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm(kind, name, csv) as never });
  const costToServe = async () => {
    const r = await t.api("GET", "/api/v1/kpis?dimension=customer", { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    const of = (segment: string) => r.body.segments.find((s: { segment: string }) => s.segment === segment).kpis.find((k: { kpi: string }) => k.kpi === "cost_to_serve_pct").value as number;
    return { source: r.body.assumptions.activityRatesSource, rates: r.body.assumptions.activityRates, T1: of("T1"), T2: of("T2") };
  };

  beforeAll(async () => {
    t = await startTestService(store, { demo: false });
    for (const [kind, csv] of [
      ["suppliers", SUPPLIERS],
      ["products", PRODUCTS],
      ["customers", CUSTOMERS],
      ["order_lines", ORDER_LINES],
      ["activity_counts", ACTIVITY],
      ["activity_rates", RATES],
    ]) {
      expect((await upload(kind, `${kind}.csv`, csv)).status).toBe(201);
    }
    const cr = await t.api("POST", "/api/v1/change-requests", {
      token: t.tokens.planner,
      body: {
        dimension: "customer",
        changes: [
          { entityId: "C1", segment: "T1" },
          { entityId: "C2", segment: "T2" },
        ],
        justification: "fixture segments",
      },
    });
    expect((await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: "fixture", expectedVersion: 0 } })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("reads the imported table with the rows in force, proposes a change, and another user's approval lands it as version 2 that cost-to-serve uses", async () => {
    const before = await t.api("GET", "/api/v1/activity-rates", { token: t.tokens.viewer });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ version: 1, note: "import activity_rates.csv", changeRequestId: null });
    expect(before.body.rows.map((r: { activity: string; inForce: boolean }) => [r.activity, r.inForce])).toEqual([
      ["delivery drop", true],
      ["order handling", true],
    ]);
    // At the imported rates: C1 = 3 × 10 + 4 × 20 = 110 over 240; C2 = 2 × 10 + 2 × 20 = 60 over 140.
    const v1 = await costToServe();
    expect(v1.source).toEqual({ source: "stored", version: 1 });
    expect(v1.T1).toBeCloseTo(110 / 240, 12);
    expect(v1.T2).toBeCloseTo(60 / 140, 12);

    const proposed = await t.api("PUT", "/api/v1/activity-rates", { token: t.tokens.planner, body: { rows: PROPOSED, justification: "carrier contract 2026" } });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ kind: "rates", dimension: "rates", source: "rate-edit", baseVersion: 1, size: 3, status: "pending" });
    const pending = await t.api("GET", "/api/v1/change-requests?dimension=rates&status=pending", { token: t.tokens.viewer });
    expect(pending.body.changeRequests.map((r: { id: string }) => r.id)).toEqual([proposed.body.id]);
    // Nothing changes until it is approved.
    expect((await costToServe()).T1).toBeCloseTo(110 / 240, 12);

    // Bulk approval refuses a whole-table change; a stale version is refused naming the current one.
    const bulk = await t.api("POST", "/api/v1/change-requests/approve", { token: t.tokens.approver, body: { ids: [proposed.body.id], reason: "bulk", expectedVersions: { rates: 1 } } });
    expect(bulk.body.refused).toEqual([{ id: proposed.body.id, status: 409, reason: "an activity-rate table change replaces the whole table: approve it on its own" }]);
    const stale = await t.api("POST", `/api/v1/change-requests/${proposed.body.id}/approve`, { token: t.tokens.approver, body: { reason: "looks right", expectedVersion: 0 } });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(/current rates version is 1/);

    const approved = await t.api("POST", `/api/v1/change-requests/${proposed.body.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed with finance", expectedVersion: 1 } });
    expect(approved.status).toBe(200);
    expect(approved.body.version).toBe(2);

    const after = await t.api("GET", "/api/v1/activity-rates", { token: t.tokens.viewer });
    expect(after.body).toMatchObject({ version: 2, note: "carrier contract 2026", changeRequestId: proposed.body.id, createdBy: "test-approver" });
    expect(after.body.rows).toEqual([
      { activity: "delivery drop", driver: "deliveries", rate: 20, validFrom: "2025-01-01", inForce: true },
      { activity: "delivery drop", driver: "deliveries", rate: 25, validFrom: "2099-01-01", inForce: false },
      { activity: "order handling", driver: "orders", rate: 12, validFrom: "2025-01-01", inForce: true },
    ]);
    // At the approved rates: C1 = 3 × 12 + 4 × 20 = 116 over 240; C2 = 2 × 12 + 2 × 20 = 64 over 140.
    const v2 = await costToServe();
    expect(v2.source).toEqual({ source: "stored", version: 2 });
    expect(v2.rates).toEqual({ "order handling": 12, "delivery drop": 20 });
    expect(v2.T1).toBeCloseTo(116 / 240, 12);
    expect(v2.T2).toBeCloseTo(64 / 140, 12);

    const audit = await t.api("GET", `/api/v1/audit?entity=${proposed.body.id}`, { token: t.tokens.viewer });
    expect(audit.body.entries.map((e: { action: string; actor: string; dimension: string }) => [e.action, e.actor, e.dimension])).toEqual([
      ["change_request.created", "test-planner", "rates"],
      ["change_request.approved", "test-approver", "rates"],
    ]);
    expect(audit.body.entries[1].before).toEqual({ version: 1 });
    expect(audit.body.entries[1].after).toMatchObject({ version: 2, changes: { rows: 3 } });
  });

  it("the one who proposed cannot approve; bad rows are refused naming row and field; viewers cannot propose", async () => {
    const mine = await t.api("PUT", "/api/v1/activity-rates", { token: t.tokens.admin, body: { rows: PROPOSED.slice(0, 2), justification: "my own change" } });
    expect(mine.status).toBe(201);
    const own = await t.api("POST", `/api/v1/change-requests/${mine.body.id}/approve`, { token: t.tokens.admin, body: { reason: "mine", expectedVersion: 2 } });
    expect(own.status).toBe(403);
    expect((await t.api("POST", `/api/v1/change-requests/${mine.body.id}/reject`, { token: t.tokens.approver, body: { reason: "not now" } })).status).toBe(200);

    const negative = await t.api("PUT", "/api/v1/activity-rates", { token: t.tokens.planner, body: { rows: [PROPOSED[0], { ...PROPOSED[1], rate: -1 }], justification: "typo" } });
    expect(negative.status).toBe(400);
    expect(negative.body.errors).toContainEqual(expect.objectContaining({ field: "body.rows[1].rate" }));
    const twice = await t.api("PUT", "/api/v1/activity-rates", { token: t.tokens.planner, body: { rows: [PROPOSED[0], { ...PROPOSED[0], rate: 13 }], justification: "twice" } });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toContainEqual(expect.objectContaining({ field: "body.rows[1].validFrom", message: expect.stringContaining("is also row 1") }));
    const badDate = await t.api("PUT", "/api/v1/activity-rates", { token: t.tokens.planner, body: { rows: [{ ...PROPOSED[0], validFrom: "2025-02-30" }], justification: "bad date" } });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors).toContainEqual(expect.objectContaining({ field: "body.rows[0].validFrom" }));
    expect((await t.api("PUT", "/api/v1/activity-rates", { token: t.tokens.viewer, body: { rows: PROPOSED, justification: "viewer" } })).status).toBe(403);
    // Nothing of the refused proposals was stored.
    expect((await t.api("GET", "/api/v1/activity-rates", { token: t.tokens.viewer })).body.version).toBe(2);
  });
});
