/**
 * Investment cases over stored cost-to-serve drivers, on SQLite and
 * PostgreSQL: GET /cost-to-serve/drivers, then POST /compute/investment-case.
 *
 * Fixture, checked by hand: order history weeks 1–26 (26 weeks → × 2 to a
 * year). Activity counts over it: C1 100 orders, 40 deliveries; C2 50, 10;
 * C3 30, 5. Segments: C1 Key, C2 Core, C3 none. Stored rates: order handling
 * (orders) 12, delivery drop (deliveries) 35 from 2025, 99 from 2099 (not in
 * force). Yearly: Key 200 orders → 2,400, 80 deliveries → 2,800; Core 100 →
 * 1,200, 20 → 700; (no segment) 60 orders, 10 deliveries.
 * Automating 60 % of order handling for Key and Core removes 120 + 60 = 180
 * orders → 2,160 a year. One-off 5,000, 10 %, 3 years: payback 5,000 / 2,160
 * = 2.3148 years; NPV = 2,160 × (1/1.1 + 1/1.1² + 1/1.1³) − 5,000 =
 * 2,160 × 2.486852 − 5,000 = 371.60 (Brealey, Myers & Allen, ch. 5).
 */
import { generateDemoCompany } from "../../shared/src/demo";
import { SMALL_DEMO, STORES, importForm, startTestService, type TestService, importFiles, seedSegments } from "./harness";

jest.setTimeout(120_000);

const FILES: Array<[string, string]> = [
  ["suppliers", "supplier_id,name,lead_time_mean_days,lead_time_sd_days,on_time_rate,fill_rate,quality_ppm\nS1,Alpha,10,2,0.9,0.95,200\n"],
  ["products", "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle\nP1,Bolt,parts,30,20,S1,active\n"],
  ["customers", "customer_id,name,region,strategic\nC1,Acme,North,false\nC2,Bolt Co,North,false\nC3,Cog Ltd,South,false\n"],
  ["order_lines", "customer_id,product_id,week,qty,price,cost,lines,deliveries,returns\nC1,P1,1,10,30,20,1,1,0\nC2,P1,26,5,30,20,1,1,0\nC3,P1,10,4,30,20,1,1,0\n"],
  ["activity_counts", "customer_id,orders,deliveries\nC1,100,40\nC2,50,10\nC3,30,5\n"],
];
const RATES = "activity,driver,rate,valid_from\norder handling,orders,12,2025-01-01\ndelivery drop,deliveries,35,2025-01-01\ndelivery drop,deliveries,99,2099-01-01\n";

type Segment = { segment: string; customers: number; yearlyVolumes: Record<string, number>; yearlyCosts: Record<string, number> };
const round = (x: number) => Math.round(x * 1e6) / 1e6;

describe.each(STORES)("investment cases on %s", (store) => {
  describe("a fixture checked by hand", () => {
    let t: TestService;
    const importCsv = (kind: string, csv: string) => t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm(kind, `${kind}.csv`, csv) as never });
    const drivers = async () => {
      const r = await t.api("GET", "/api/v1/cost-to-serve/drivers", { token: t.tokens.viewer });
      expect([r.status, r.body.detail]).toEqual([200, undefined]);
      return r.body;
    };
    beforeAll(async () => {
      t = await startTestService(store, { demo: false });
      const empty = await t.api("GET", "/api/v1/cost-to-serve/drivers", { token: t.tokens.viewer });
      expect([empty.status, empty.body.errors?.[0]?.field]).toEqual([422, "activity_counts"]);
      await importFiles(t, FILES);
      await seedSegments(t, "customer", [
        ["C1", "Key"],
        ["C2", "Core"],
      ]);
    });
    afterAll(async () => {
      await t?.close();
    });

    it("without a stored rate table, prices each driver at the default rate and says so", async () => {
      const d = await drivers();
      expect(d.ratesSource).toEqual({ source: "default", version: null });
      expect(d.activities.find((a: { activity: string }) => a.activity === "orders")).toEqual({ activity: "orders", driver: "orders", rate: 12 });
      expect(d.segments.find((s: Segment) => s.segment === "Key").yearlyVolumes.orders).toBe(200);
    });

    it("scales each segment's activity counts to a year and prices them at the rates in force", async () => {
      expect((await importCsv("activity_rates", RATES)).status).toBe(201);
      const d = await drivers();
      expect(d).toMatchObject({ assignmentsVersion: 1, weeksOfHistory: 26, ratesSource: { source: "stored" } });
      expect(d.activities).toEqual([
        { activity: "delivery drop", driver: "deliveries", rate: 35 },
        { activity: "order handling", driver: "orders", rate: 12 },
      ]);
      expect(
        d.segments.map((s: Segment) => [
          s.segment,
          s.customers,
          round(s.yearlyVolumes["order handling"]),
          round(s.yearlyCosts["order handling"]),
          round(s.yearlyVolumes["delivery drop"]),
          round(s.yearlyCosts["delivery drop"]),
        ]),
      ).toEqual([
        ["(no segment)", 1, 60, 720, 10, 350],
        ["Core", 1, 100, 1_200, 20, 700],
        ["Key", 1, 200, 2_400, 80, 2_800],
      ]);
    });

    it("turns the stored drivers into an automation's case through the compute route", async () => {
      const d = await drivers();
      const rate = d.activities.find((a: { activity: string }) => a.activity === "order handling").rate;
      const chosen = d.segments.filter((s: Segment) => s.segment === "Key" || s.segment === "Core");
      const r = await t.api("POST", "/api/v1/compute/investment-case", {
        token: t.tokens.viewer,
        body: {
          proposal: { kind: "automation", activity: "order handling", rate, shareRemoved: 0.6, segments: chosen.map((s: Segment) => ({ segment: s.segment, yearlyVolume: s.yearlyVolumes["order handling"] })) },
          oneOffCost: 5_000,
          discountRate: 0.1,
          horizonYears: 3,
        },
      });
      expect([r.status, r.body.detail]).toEqual([200, undefined]);
      const c = r.body.result;
      expect(c.segments.map((s: { segment: string; yearlySaving: number }) => [s.segment, round(s.yearlySaving)])).toEqual([
        ["Core", 720],
        ["Key", 1_440],
      ]);
      expect(round(c.netYearlySaving)).toBe(2_160);
      expect(c.paybackYears).toBeCloseTo(2.3148, 4);
      expect(c.npv).toBeCloseTo(371.6, 1);
      expect(c.sensitivity.map((s: { volumeChange: number }) => s.volumeChange)).toEqual([-0.2, 0, 0.2]);
    });

    it("names the field and row of bad input", async () => {
      const post = (body: unknown) => t.api("POST", "/api/v1/compute/investment-case", { token: t.tokens.viewer, body });
      const negative = await post({
        proposal: {
          kind: "automation",
          activity: "x",
          rate: 1,
          shareRemoved: 0.5,
          segments: [
            { segment: "A", yearlyVolume: 1 },
            { segment: "B", yearlyVolume: -3 },
          ],
        },
        oneOffCost: 1,
        discountRate: 0.1,
        horizonYears: 3,
      });
      expect(negative.status).toBe(400);
      expect(negative.body.errors[0].field).toBe("proposal.segments[1].yearlyVolume");
      const rate = await post({
        proposal: { kind: "network", segments: [{ segment: "A", currentVariableCost: 1, chosenVariableCost: 1, currentFixedCost: 1, chosenFixedCost: 0 }] },
        oneOffCost: 1,
        discountRate: 8,
        horizonYears: 3,
      });
      expect(rate.status).toBe(400);
      expect(rate.body.errors[0].field).toBe("discountRate");
      const missing = await post({ proposal: { kind: "lease", segments: [] } });
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(["body.proposal.kind", "body.oneOffCost"]));
    });
  });

  describe("the demo company", () => {
    let t: TestService;
    beforeAll(async () => {
      t = await startTestService(store);
    });
    afterAll(async () => {
      await t?.close();
    });

    it("reads every customer's orders into the segments at the demo's stored rates, and a positive case from them", async () => {
      const r = await t.api("GET", "/api/v1/cost-to-serve/drivers", { token: t.tokens.viewer });
      expect([r.status, r.body.detail]).toEqual([200, undefined]);
      const d = r.body;
      expect(d.ratesSource.source).toBe("stored");
      const company = generateDemoCompany(SMALL_DEMO);
      const orders = company.activityCounts.reduce((sum, a) => sum + a.orders, 0);
      const yearly = d.segments.reduce((sum: number, s: Segment) => sum + s.yearlyVolumes["order handling"], 0);
      expect(yearly * (d.weeksOfHistory / 52)).toBeCloseTo(orders, 6);
      expect(d.segments.reduce((n: number, s: Segment) => n + s.customers, 0)).toBe(company.activityCounts.length);
      const rate = d.activities.find((a: { activity: string }) => a.activity === "order handling").rate;
      expect(rate).toBe(12);

      const top = [...d.segments].sort((a: Segment, b: Segment) => b.yearlyCosts["order handling"] - a.yearlyCosts["order handling"])[0] as Segment;
      const saving = top.yearlyVolumes["order handling"] * 0.5 * rate;
      const c = await t.api("POST", "/api/v1/compute/investment-case", {
        token: t.tokens.viewer,
        body: {
          proposal: { kind: "automation", activity: "order handling", rate, shareRemoved: 0.5, segments: [{ segment: top.segment, yearlyVolume: top.yearlyVolumes["order handling"] }] },
          oneOffCost: saving * 2,
          discountRate: 0.08,
          horizonYears: 5,
        },
      });
      expect([c.status, c.body.detail]).toEqual([200, undefined]);
      expect(c.body.result.paybackYears).toBeCloseTo(2, 10);
      expect(c.body.result.npv).toBeGreaterThan(0);
    });
  });
});
