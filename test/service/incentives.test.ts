/**
 * Incentives on profitability after cost-to-serve, on SQLite and PostgreSQL.
 * Checked by hand (margin after CTS = gross margin − activity cost, Kaplan &
 * Narayanan 2001, "Measuring and managing customer profitability", J. Cost
 * Management 15(5)); rate 10 per order, P1 sells at 10 and costs 6:
 *
 *   C1 Ann Gold:   rev 1500 GM 600 (wk1 100 u, wk2 50 u) CTS 10×10 = 100 → MAC 500 (33 %)
 *   C2 Ann Bronze: rev  500 GM 200                         CTS 18×10 = 180 → MAC  20 ( 4 %)
 *   C3 Bob Bronze: rev  800 GM 320 (wk2)                   CTS  4×10 =  40 → MAC 280 (35 %)
 *   C4 no owner, Gold: rev 200 GM 80                        CTS  2×10 =  20 → MAC  60 (30 %)
 *
 * Plan 5 %, Bronze floor 10 %: C2 (4 %) earns nothing. Ann 5 % × 500 = 25,
 * Bob 14, (no owner) 3; total 42. Weeks 2–2: C1 bears 2 of its 4 lines'
 * cost (50): Ann 5 % × (200 − 50) = 7.5, Bob 14; C2 and C4 have no lines.
 */
import { generateDemoCompany } from "../../shared/src/demo";
import { SMALL_DEMO, STORES, importForm, startTestService, type TestService, importFiles, approveSegments } from "./harness";

jest.setTimeout(120_000);

const FILES: Array<[string, string]> = [
  ["suppliers", "supplier_id,name,lead_time_mean_days,lead_time_sd_days,on_time_rate,fill_rate,quality_ppm\nS1,Alpha,10,2,0.9,0.95,200\n"],
  ["products", "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle\nP1,Bolt,parts,10,6,S1,active\n"],
  ["customers", "customer_id,name,region,strategic,account_owner\nC1,Acme,North,false,Ann\nC2,Bexley,North,false,Ann\nC3,Corvid,South,false,Bob\nC4,Dunmore,South,false,\n"],
  ["order_lines", "customer_id,product_id,week,qty,price,cost,lines,deliveries,returns\nC1,P1,1,100,10,6,2,2,0\nC1,P1,2,50,10,6,2,2,0\nC2,P1,1,50,10,6,5,5,0\nC3,P1,2,80,10,6,2,2,0\nC4,P1,1,20,10,6,1,1,0\n"],
  ["activity_rates", "activity,driver,rate,valid_from\norder handling,orders,10,2000-01-01\n"],
  ["activity_counts", "customer_id,orders\nC1,10\nC2,18\nC3,4\nC4,2\n"],
];

const PLAN = { share: 0.05, floors: [{ segment: "Bronze", minMarginPct: 0.1 }] };

describe.each(STORES)("incentives on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store, { demo: false });
    await importFiles(t, FILES);
    const changes = [
      { entityId: "C1", segment: "Gold" },
      { entityId: "C2", segment: "Bronze" },
      { entityId: "C3", segment: "Bronze" },
      { entityId: "C4", segment: "Gold" },
    ];
    await approveSegments(t, "customer", changes);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("without a plan shows the figures, no incentive, and says no plan is set", async () => {
    expect((await t.api("GET", "/api/v1/incentives/plan", { token: t.tokens.viewer })).body).toEqual({ plan: null, updatedBy: null, updatedAt: null });
    const r = await t.api("GET", "/api/v1/incentives/report", { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    expect(r.body.plan).toBeNull();
    expect(r.body.notes[0]).toMatch(/No incentive plan is set/);
    expect(r.body.owners.map((o: { owner: string; marginAfterCts: number; incentive: null }) => [o.owner, o.marginAfterCts, o.incentive])).toEqual([
      ["Ann", 520, null],
      ["Bob", 280, null],
      ["(no owner)", 60, null],
    ]);
  });

  it("lets only finance (or admin) set the plan, and refuses a bad one naming the field", async () => {
    for (const token of [t.tokens.planner, t.tokens.sales, t.tokens.viewer]) expect((await t.api("PUT", "/api/v1/incentives/plan", { token, body: PLAN })).status).toBe(403);
    const bad = await t.api("PUT", "/api/v1/incentives/plan", { token: t.tokens.finance, body: { share: 1.5, floors: [{ segment: "Bronze", minMarginPct: "x" }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["body.floors[0].minMarginPct", "body.share"]);
    const ok = await t.api("PUT", "/api/v1/incentives/plan", { token: t.tokens.finance, body: PLAN });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ plan: PLAN, updatedBy: "test-finance" });
  });

  it("pays the share of margin after cost-to-serve per owner, nothing where the segment's floor bites", async () => {
    const r = await t.api("GET", "/api/v1/incentives/report", { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    expect(r.body.activityRatesSource).toEqual({ source: "stored", version: 1 });
    const owners = Object.fromEntries(r.body.owners.map((o: Record<string, number>) => [o.owner, o]));
    expect(owners.Ann).toMatchObject({ customers: 2, revenue: 2000, grossMargin: 800, costToServe: 280, marginAfterCts: 520, belowFloor: 1 });
    expect(owners.Ann.marginAfterCtsPct).toBeCloseTo(0.26, 12);
    expect(owners.Ann.incentive).toBeCloseTo(25, 9);
    expect(owners.Bob.incentive).toBeCloseTo(14, 9);
    expect(owners["(no owner)"]).toMatchObject({ customers: 1, revenue: 200, costToServe: 20 });
    expect(owners["(no owner)"].incentive).toBeCloseTo(3, 9);
    expect(r.body.totals).toMatchObject({ customers: 4, revenue: 3000, grossMargin: 1200, costToServe: 340, marginAfterCts: 860 });
    expect(r.body.totals.incentive).toBeCloseTo(42, 9);
    const annBronze = r.body.segments.find((s: { owner: string; segment: string }) => s.owner === "Ann" && s.segment === "Bronze");
    expect(annBronze).toMatchObject({ floor: 0.1, belowFloor: 1, marginBelowFloor: 20, incentive: 0 });
  });

  it("imports account owners all or nothing, naming the row of a bad owner", async () => {
    const long = "x".repeat(101);
    const r = await t.api("POST", "/api/v1/imports", {
      token: t.tokens.planner,
      raw: importForm("customers", "customers.csv", `customer_id,name,region,strategic,account_owner\nC1,Acme,North,false,Bob\nC2,Bexley,North,false,${long}\n`) as never,
    });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(["rows[2].account_owner"]);
    // nothing was written: C1 is still Ann's
    const report = await t.api("GET", "/api/v1/incentives/report", { token: t.tokens.viewer });
    expect(report.body.owners.find((o: { owner: string }) => o.owner === "Ann").customers).toBe(2);
  });

  it("over a window of weeks spreads each customer's cost-to-serve by its order lines in it", async () => {
    const r = await t.api("GET", "/api/v1/incentives/report?from=2&to=2", { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    expect(r.body.window).toEqual({ fromWeek: 2, toWeek: 2 });
    const owners = Object.fromEntries(r.body.owners.map((o: Record<string, number>) => [o.owner, o]));
    expect(owners.Ann).toMatchObject({ revenue: 500, grossMargin: 200, costToServe: 50, marginAfterCts: 150 });
    expect(owners.Ann.incentive).toBeCloseTo(7.5, 9);
    expect(owners.Bob.incentive).toBeCloseTo(14, 9);
    expect(owners["(no owner)"]).toMatchObject({ revenue: 0, costToServe: 0 });
    const bad = await t.api("GET", "/api/v1/incentives/report?from=3&to=2", { token: t.tokens.viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe("query.to");
  });
});

describe.each(STORES)("incentives on the demo company on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("covers every customer once: the owners' revenue sums to the order history's", async () => {
    const company = generateDemoCompany(SMALL_DEMO);
    const revenue = company.orderLines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    const r = await t.api("GET", "/api/v1/incentives/report", { token: t.tokens.finance });
    expect(r.status).toBe(200);
    const owners = r.body.owners as Array<{ owner: string; customers: number; revenue: number; costToServe: number }>;
    expect(owners.length).toBeGreaterThanOrEqual(3);
    expect(owners.reduce((s, o) => s + o.customers, 0)).toBe(company.customers.length);
    expect(owners.reduce((s, o) => s + o.revenue, 0)).toBeCloseTo(revenue, 4);
    expect(r.body.totals.revenue).toBeCloseTo(revenue, 4);
    expect(r.body.segments.reduce((s: number, x: { revenue: number }) => s + x.revenue, 0)).toBeCloseTo(revenue, 4);
    // Every owner named in the demo's customers file is a row.
    const named = new Set(company.customers.map((c) => c.accountOwner ?? "(no owner)"));
    expect(new Set(owners.map((o) => o.owner))).toEqual(named);
    expect(owners.every((o) => o.costToServe > 0)).toBe(true);
  });
});
