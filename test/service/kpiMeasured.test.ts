/**
 * Measured KPIs over real HTTP on SQLite and PostgreSQL: a small company with
 * deliveries, stock snapshots and a rate table, every figure computed by hand
 * below; bad rows refused naming field and row; measured / modelled flags.
 */
import { STORES, importForm, startTestService, type TestService } from "./harness";

jest.setTimeout(120_000);

const POLICY = {
  segment: "*",
  cycleServiceLevel: 0.9,
  targetFillRate: 0.95,
  promisedLeadTimeDays: 5,
  reviewPeriodDays: 7,
  forecastMethod: "auto",
  inventoryTurnsTarget: 6,
  supplyMode: "pull",
  ownerFunction: "supply chain",
};

const SUPPLIERS = "supplier_id,name,lead_time_mean_days,lead_time_sd_days,on_time_rate,fill_rate,quality_ppm\nS1,One,7,1,0.9,0.95,0\n";
const PRODUCTS = "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle\nP1,a,c,10,6,S1,active\nP2,b,c,20,12,S1,active\nP3,c,c,5,3,S1,active\nP4,d,c,8,4,S1,active\n";
const CUSTOMERS = "customer_id,name,region,strategic\nC1,one,N,false\nC2,two,N,false\n";
// Weeks 1–4. Revenue: C1 = 100 + 100 + 50 = 250, C2 = 100 + 100 + 16 = 216; AX (P1, P2) = 300, CZ (P3) = 150, BY (P4) = 16.
const ORDER_LINES = [
  "customer_id,product_id,week,qty,price,cost,lines,deliveries,returns",
  "C1,P1,1,10,10,6,1,1,0",
  "C1,P1,2,10,10,6,1,1,0",
  "C2,P2,3,5,20,12,1,1,0",
  "C2,P3,4,20,5,3,1,1,0",
  "C1,P3,4,10,5,3,1,1,0",
  "C2,P4,1,2,8,4,1,1,0",
].join("\n");
const ACTIVITY = "customer_id,orders,deliveries\nC1,3,4\nC2,2,2\n";
// OTIF = delivered by the promised date and delivered ≥ ordered; fill counts at most the ordered quantity.
const DELIVERIES = [
  "customer_id,product_id,week,promised_date,delivered_date,qty_ordered,qty_delivered,miss_cause",
  "C1,P1,1,2026-01-07,2026-01-06,10,10,", // AX, Jan: on time, in full
  "C1,P1,2,2026-01-14,2026-01-16,10,10,carrier_late", // AX, Jan: late
  "C2,P2,3,2026-02-04,2026-02-04,5,4,stock_out", // AX, Feb: short (4 of 5)
  "C2,P3,4,2026-02-11,2026-02-10,20,22,", // CZ, Feb: OTIF; over-delivery fills 20, not 22
  "C1,P3,4,2026-02-11,,10,0,supplier_late", // CZ, Feb: not delivered
].join("\n");
const STOCK = ["product_id,location,date,qty,value", "P1,DC1,2026-01-31,50,300", "P1,DC1,2026-02-28,30,180", "P2,DC1,2026-01-31,10,120", "P2,DC2,2026-02-28,5,60", "P3,DC1,2026-01-31,100,300"].join("\n");
// The 2099 rate is not yet in force: deliveries cost 20 each today.
const RATES = "activity,driver,rate,valid_from\norder handling,orders,10,2025-01-01\ndelivery drop,deliveries,20,2025-01-01\ndelivery drop,deliveries,30,2099-01-01\n";

type Kpi = { kpi: string; value: number | null; basis: string; status: string; note?: string; periods?: Array<{ period: string; value: number | null }> };

describe.each(STORES)("measured KPIs on %s", (store) => {
  let t: TestService;
  const upload = (kind: string, name: string, csv: string) => t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm(kind, name, csv) as never });
  const kpis = async (dimension: string): Promise<Record<string, Record<string, Kpi>>> => {
    const r = await t.api("GET", `/api/v1/kpis?dimension=${dimension}`, { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    return Object.fromEntries(r.body.segments.map((s: { segment: string; kpis: Kpi[] }) => [s.segment, Object.fromEntries(s.kpis.map((k) => [k.kpi, k]))]));
  };
  const assign = async (dimension: string, changes: Array<{ entityId: string; segment: string }>) => {
    const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension, changes, justification: "fixture segments" } });
    expect(cr.status).toBe(201);
    expect((await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: "fixture", expectedVersion: 0 } })).status).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestService(store, { demo: false });
    for (const [kind, csv] of [
      ["suppliers", SUPPLIERS],
      ["products", PRODUCTS],
      ["customers", CUSTOMERS],
      ["order_lines", ORDER_LINES],
      ["activity_counts", ACTIVITY],
    ]) {
      expect((await upload(kind, `${kind}.csv`, csv)).status).toBe(201);
    }
    await assign("product", [
      { entityId: "P1", segment: "AX" },
      { entityId: "P2", segment: "AX" },
      { entityId: "P3", segment: "CZ" },
      { entityId: "P4", segment: "BY" },
    ]);
    await assign("customer", [
      { entityId: "C1", segment: "T1" },
      { entityId: "C2", segment: "T2" },
    ]);
    const put = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows: [POLICY], justification: "fixture policy" } });
    expect(put.status).toBe(201);
    expect((await t.api("POST", `/api/v1/change-requests/${put.body.id}/approve`, { token: t.tokens.approver, body: { reason: "fixture", expectedVersion: 0 } })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("without deliveries, stock or rates every delivery, stock and cost KPI is modelled and says so", async () => {
    const k = await kpis("product");
    for (const s of ["AX", "BY", "CZ"]) {
      expect([k[s].otif.basis, k[s].fill_rate.basis, k[s].inventory_turns.basis, k[s].cost_to_serve_pct.basis, k[s].days_of_supply.basis]).toEqual(["modelled", "modelled", "modelled", "modelled", "modelled"]);
      expect(k[s].forecast_wape.basis).toBe("measured");
      expect(k[s].stock_aging).toMatchObject({ basis: "not_measured", value: null });
    }
    const c = await kpis("customer");
    expect(c.T1.inventory_turns).toMatchObject({ basis: "not_measured", value: null });
  });

  it("OTIF, fill rate, turns, days of supply and cost-to-serve equal the hand computation; the report follows each import", async () => {
    for (const [kind, csv] of [
      ["deliveries", DELIVERIES],
      ["stock_snapshots", STOCK],
      ["activity_rates", RATES],
    ]) {
      expect((await upload(kind, `${kind}.csv`, csv)).status).toBe(201);
    }
    const k = await kpis("product");
    // AX: 3 lines, 1 OTIF → 1/3; Jan 1/2, Feb 0/1. Fill: (10 + 10 + 4) / (10 + 10 + 5) = 24/25; Jan 20/20, Feb 4/5.
    expect(k.AX.otif).toMatchObject({ basis: "measured", status: "breach" });
    expect(k.AX.otif.value).toBeCloseTo(1 / 3, 12);
    expect(k.AX.otif.periods).toEqual([
      { period: "2026-01", value: 0.5 },
      { period: "2026-02", value: 0 },
    ]);
    expect(k.AX.fill_rate.value).toBeCloseTo(24 / 25, 12);
    expect(k.AX.fill_rate.periods).toEqual([
      { period: "2026-01", value: 1 },
      { period: "2026-02", value: 0.8 },
    ]);
    // CZ: 2 lines, 1 OTIF → 0.5. Fill: min(22, 20) + 0 over 20 + 10 = 20/30.
    expect(k.CZ.otif.value).toBeCloseTo(0.5, 12);
    expect(k.CZ.fill_rate.value).toBeCloseTo(20 / 30, 12);
    // Turns: the history is 4 weeks, so annual COGS = Σ qty × cost × 52 / 4.
    // AX: COGS = 20 × 6 + 5 × 12 = 180 → 2340 a year; stock (300 + 180 + 120 + 60) / 2 dates = 330 → 2340 / 330.
    expect(k.AX.inventory_turns).toMatchObject({ basis: "measured", status: "met" });
    expect(k.AX.inventory_turns.value).toBeCloseTo(2340 / 330, 10);
    // Days of supply: AX's stock on 2026-02-28 is 180 + 60 = 240 → 240 / (2340 / 365).
    expect(k.AX.days_of_supply.value).toBeCloseTo((240 * 365) / 2340, 10);
    // CZ: COGS = 30 × 3 = 90 → 1170 a year; stock 300 on one of 2 dates → 150 on average; none on the last date.
    expect(k.CZ.inventory_turns.value).toBeCloseTo(1170 / 150, 10);
    expect(k.CZ.days_of_supply.value).toBe(0);
    // Cost-to-serve at the stored rates in force: C1 = 3 × 10 + 4 × 20 = 110, C2 = 2 × 10 + 2 × 20 = 60.
    // A product segment carries each customer's cost by its share of the customer's lines: C1 has 3 lines, C2 3.
    // AX = 110 × 2/3 + 60 × 1/3 = 93.33 over revenue 300; CZ = 110 × 1/3 + 60 × 1/3 = 56.67 over 150; BY = 60 × 1/3 = 20 over 16.
    expect(k.AX.cost_to_serve_pct).toMatchObject({ basis: "measured" });
    expect(k.AX.cost_to_serve_pct.value).toBeCloseTo((110 * (2 / 3) + 60 / 3) / 300, 12);
    expect(k.CZ.cost_to_serve_pct.value).toBeCloseTo((110 / 3 + 60 / 3) / 150, 12);
    expect(k.BY.cost_to_serve_pct.value).toBeCloseTo(20 / 16, 12);
    // BY has no deliveries and no stock: those stay modelled, per segment.
    expect([k.BY.otif.basis, k.BY.fill_rate.basis, k.BY.inventory_turns.basis, k.BY.days_of_supply.basis]).toEqual(["modelled", "modelled", "modelled", "modelled"]);

    // Customers: T1 = C1: 1 of 3 lines OTIF, fill (10 + 10 + 0) / 30; T2 = C2: 1 of 2, fill (4 + 20) / 25. Cost: 110 / 250, 60 / 216.
    const c = await kpis("customer");
    expect(c.T1.otif.value).toBeCloseTo(1 / 3, 12);
    expect(c.T1.fill_rate.value).toBeCloseTo(20 / 30, 12);
    expect(c.T2.otif.value).toBeCloseTo(0.5, 12);
    expect(c.T2.fill_rate.value).toBeCloseTo(24 / 25, 12);
    expect(c.T1.cost_to_serve_pct.value).toBeCloseTo(110 / 250, 12);
    expect(c.T2.cost_to_serve_pct.value).toBeCloseTo(60 / 216, 12);

    const report = await t.api("GET", "/api/v1/kpis?dimension=product", { token: t.tokens.viewer });
    expect(report.body.assumptions.activityRatesSource).toEqual({ source: "stored", version: 1 });
    expect(report.body.assumptions.activityRates).toEqual({ "order handling": 10, "delivery drop": 20 });

    // The OTIF breach's root causes are the stated miss causes.
    const breaches = await t.api("GET", "/api/v1/breaches?dimension=product", { token: t.tokens.viewer });
    const ax = breaches.body.breaches.find((b: { id: string }) => b.id === "product:AX:otif");
    expect(ax.drivers.causes).toEqual({ stock_out: 1, supplier_late: 0, order_changed: 0, carrier_late: 1 });
    // …and the products that missed: P1 one late line, P2 one short line (1 unit short).
    expect(ax.drivers.entities.map((d: { id: string; value: number }) => [d.id, d.value])).toEqual([
      ["P1", 1],
      ["P2", 1],
    ]);
    // CZ's fill rate breaches (20/30 < 0.95): P3's undelivered line is 10 units short; its over-delivery is not a miss.
    const czFill = breaches.body.breaches.find((b: { id: string }) => b.id === "product:CZ:fill_rate");
    expect(czFill.drivers.entities).toEqual([{ id: "P3", value: 10, share: 1 }]);

    // A new deliveries file replaces the old one, and the cached report with it: every AX line now OTIF.
    const allOnTime = DELIVERIES.replace("2026-01-16,10,10,carrier_late", "2026-01-14,10,10,").replace("5,4,stock_out", "5,5,");
    expect((await upload("deliveries", "deliveries2.csv", allOnTime)).status).toBe(201);
    expect((await kpis("product")).AX.otif).toMatchObject({ value: 1, status: "met", basis: "measured" });
    // A second rate table is version 2; the first stays stored.
    expect((await upload("activity_rates", "rates2.csv", "activity,driver,rate,valid_from\norder handling,orders,11,2025-01-01\n")).status).toBe(201);
    const again = await t.api("GET", "/api/v1/kpis?dimension=customer", { token: t.tokens.viewer });
    expect(again.body.assumptions.activityRatesSource).toEqual({ source: "stored", version: 2 });
    const t1 = again.body.segments.find((s: { segment: string }) => s.segment === "T1").kpis.find((x: Kpi) => x.kpi === "cost_to_serve_pct");
    expect(t1.value).toBeCloseTo(33 / 250, 12);
  });

  it("a bad row is refused naming its field and row, and nothing of the file is written", async () => {
    const before = await kpis("product");
    const bad = DELIVERIES.replace("2026-02-04,2026-02-04,5,4", "2026-02-31x,2026-02-04,5,4");
    const r = await upload("deliveries", "bad.csv", bad);
    expect(r.status).toBe(422);
    expect(r.body.errors).toContainEqual(expect.objectContaining({ field: "rows[3].promised_date", row: 3 }));
    expect(r.body.detail).toMatch(/row 3, promised_date/);
    const unknown = await upload("stock_snapshots", "s.csv", "product_id,location,date,qty,value\nP1,DC1,2026-03-31,1,6\nP9,DC1,2026-03-31,1,6\n");
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: "rows[2].product_id", row: 2 })]);
    const negative = await upload("activity_rates", "r.csv", "activity,driver,rate,valid_from\norder handling,orders,-1,2025-01-01\n");
    expect(negative.body.errors).toEqual([expect.objectContaining({ field: "rows[1].rate", row: 1 })]);
    const paths = await upload("escalation_paths", "p.csv", "segment,kpi,owner,level,after_days,to\n*,otif,supply chain,1,0,planner\n*,otif,sales,2,7,manager\n*,happiness,sales,1,0,x\n");
    expect(paths.status).toBe(422);
    expect(paths.body.errors.map((e: { field: string }) => e.field)).toEqual(["rows[3].kpi"]);
    const owners = await upload("escalation_paths", "p.csv", "segment,kpi,owner,level,after_days,to\n*,otif,supply chain,1,0,planner\n*,otif,sales,2,7,manager\n");
    expect(owners.body.errors).toEqual([expect.objectContaining({ field: "rows[2].owner", row: 2 })]);
    const overrides = await upload("forecast_overrides", "o.csv", "product_id,week,from,to,who,at,reason\nP1,5,10,14,ann,2026-05-04T09:30:00Z,promotion\nP1,6,10,14,ann,yesterday,promotion\n");
    expect(overrides.body.errors).toEqual([expect.objectContaining({ field: "rows[2].at", row: 2 })]);
    expect(await kpis("product")).toEqual(before);
  });

  it("stock aging: the stock held a quarter before the latest snapshot and not delivered since, first in first out", async () => {
    // Latest snapshot t = 2026-02-28; the last one at least 90 days before is s0 = 2025-10-31 (t − 90 = 2025-11-30).
    expect((await upload("stock_snapshots", "old.csv", "product_id,location,date,qty,value\nP1,DC1,2025-10-31,40,240\nP3,DC1,2025-10-31,100,300\n")).status).toBe(201);
    // Without deliveries back to s0 what left the stock since is unknown: said, not guessed.
    expect((await kpis("product")).AX.stock_aging).toMatchObject({ basis: "not_measured", value: null });
    expect((await kpis("product")).AX.stock_aging.note).toMatch(/^not measured: no deliveries from 2025-10-31 on/);
    // A line promised before s0 covers the window. Delivered after s0 and by t: P1 10 + 10 = 20, P2 4, P3 22.
    const covered = DELIVERIES + "\nC1,P1,1,2025-10-20,2025-10-20,5,5,";
    expect((await upload("deliveries", "deliveries3.csv", covered)).status).toBe(201);
    const k = await kpis("product");
    // AX on t: P1 30 units worth 180, P2 5 worth 60. P1 held 40 on s0, 20 left since → 20 of its 30 are old: 20 × 180 / 30 = 120.
    // P2 held none on s0. Aged share = 120 / (180 + 60) = 0.5.
    expect(k.AX.stock_aging).toMatchObject({ basis: "measured", value: 0.5 });
    // CZ holds nothing on t: no share to measure.
    expect(k.CZ.stock_aging).toMatchObject({ basis: "measured", value: null, status: "no_data" });
  });

  it("escalation paths and forecast overrides are stored and audited", async () => {
    const paths = await upload("escalation_paths", "paths.csv", "segment,kpi,owner,level,after_days,to\n*,otif,supply chain,1,0,planner\n*,otif,supply chain,2,7,manager\nA*,fill_rate,supply chain,1,0,planner\n");
    expect(paths.status).toBe(201);
    expect(paths.body).toMatchObject({ kind: "escalation_paths", written: 3 });
    const overrides = await upload("forecast_overrides", "o.csv", "product_id,week,from,to,who,at,reason\nP1,5,10,14,ann,2026-05-04T09:30:00Z,promotion\n");
    expect(overrides.status).toBe(201);
    const audit = await t.api("GET", "/api/v1/audit?action=import.forecast_overrides", { token: t.tokens.admin });
    expect(audit.body.entries).toHaveLength(1);
  });

  it("a breach's age runs from its first breached month, and its level rises with the age on the segment's stored path", async () => {
    // The paths of the test above: OTIF of any segment L1 planner at once, L2 manager after 7 days; fill rate of A* L1 only.
    const r = await t.api("GET", "/api/v1/breaches?dimension=product", { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    const breach = (segment: string, kpi: string) => r.body.breaches.find((b: { segment: string; kpi: string }) => b.segment === segment && b.kpi === kpi);
    const days = (since: string) => Math.floor((Date.now() - Date.parse(`${since}T00:00:00Z`)) / 86_400_000);
    // AX OTIF: October 2025 met (the line the aging test added), January 0.5 and February 0 under the 0.9 target: breached since 1 January, long past 7 days → L2.
    expect(breach("AX", "otif")).toMatchObject({ since: "2026-01-01", pathSource: "segment", owner: "supply chain", reached: { level: 2, contact: "manager", afterDays: 7 } });
    expect(breach("AX", "otif").ageDays).toBe(days("2026-01-01"));
    // CZ OTIF: February 0.5 only → since 1 February, on the same * path.
    expect(breach("CZ", "otif")).toMatchObject({ since: "2026-02-01", pathSource: "segment", reached: { level: 2, contact: "manager" } });
    // CZ fill rate: the fill-rate path is for A* only, so the owner function's path; its age still from the months.
    expect(breach("CZ", "fill_rate")).toMatchObject({ pathSource: "owner", since: "2026-02-01" });
    // Turns have no monthly figures: age not known, the first level of the owner's path.
    expect(breach("CZ", "inventory_turns")).toMatchObject({ since: null, ageDays: null, pathSource: "owner" });
    expect(breach("CZ", "inventory_turns").reached.level).toBe(1);
  });
});
