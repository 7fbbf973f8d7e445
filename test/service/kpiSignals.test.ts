/**
 * The tracking signal and the strategic accounts' NPS / CSAT over real HTTP
 * on SQLite and PostgreSQL, every figure computed by hand below: a product
 * segment whose demand doubles in the hold-out leans one way (TS = 4, a
 * breach of the policy's limit 3, driven by its one product); a segment
 * whose errors alternate does not; a customer segment's strategic accounts
 * average NPS 10 against the policy's minimum 20 and CSAT 80 against the
 * stated default 75.
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
  maxTrackingSignal: 3,
};
const KEY_POLICY = { ...POLICY, segment: "Key", ownerFunction: "sales", minNps: 20 };

const SUPPLIERS = "supplier_id,name,lead_time_mean_days,lead_time_sd_days,on_time_rate,fill_rate,quality_ppm\nS1,One,7,1,0.9,0.95,0\n";
const PRODUCTS = "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle\nP1,a,c,10,6,S1,active\nP2,b,c,10,6,S1,active\nP3,c,c,10,6,S1,active\n";
const CUSTOMERS = "customer_id,name,region,strategic\nC1,one,N,true\nC2,two,N,false\nC3,three,N,true\n";
// 12 weeks: the hold-out is the last 4 (a third), the model is chosen on the first 8.
// P1: 10 a week, then 20 in the hold-out; P2: 5 every week; P3: 10, then 14, 6, 14, 6.
const WEEKS = Array.from({ length: 12 }, (_, i) => i + 1);
const units = { P1: WEEKS.map((w) => (w > 8 ? 20 : 10)), P2: WEEKS.map(() => 5), P3: WEEKS.map((w) => (w <= 8 ? 10 : w % 2 === 1 ? 14 : 6)) };
const ORDER_LINES = ["customer_id,product_id,week,qty,price,cost,lines,deliveries,returns", ...Object.entries(units).flatMap(([product, qty]) => qty.map((q, i) => `C1,${product},${i + 1},${q},10,6,1,1,0`))].join("\n");
// C2's NPS is not a strategic account's; C3's survey gave no CSAT (a file of its own: a blank cell is refused).
const FEEDBACK = "customer_id,nps,csat\nC1,30,80\nC2,90,99\n";
const NPS_ONLY = "customer_id,nps\nC3,-10\n";

// Deliveries of every line, promised on the Monday of its week (weeks 1–4 in January, 5–8 February, 9–12 March):
// all on time but P1's from February on, two days late. AX's OTIF by month: 8/8, 4/8, 4/8 against 90 %.
const monday = (week: number) => new Date(Date.UTC(2026, 0, 5 + 7 * (week - 1))).toISOString().slice(0, 10);
const later = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const DELIVERIES = [
  "customer_id,product_id,week,promised_date,delivered_date,qty_ordered,qty_delivered,miss_cause",
  ...Object.entries(units).flatMap(([product, qty]) =>
    qty.map((q, i) => {
      const late = product === "P1" && i + 1 >= 5;
      return `C1,${product},${i + 1},${monday(i + 1)},${late ? later(monday(i + 1), 2) : monday(i + 1)},${q},${q},${late ? "carrier_late" : ""}`;
    }),
  ),
].join("\n");

type Kpi = { kpi: string; value: number | null; target: number | null; targetSource: string | null; status: string; note?: string };

describe.each(STORES)("tracking signal and strategic feedback KPIs on %s", (store) => {
  let t: TestService;
  const upload = (kind: string, name: string, csv: string) => t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm(kind, name, csv) as never });
  const kpis = async (dimension: string): Promise<Record<string, Record<string, Kpi>>> => {
    const r = await t.api("GET", `/api/v1/kpis?dimension=${dimension}`, { token: t.tokens.viewer });
    expect([r.status, r.status === 200 ? "" : r.body.detail]).toEqual([200, ""]);
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
      ["activity_counts", "customer_id,orders\nC1,36\nC2,1\nC3,1\n"],
      ["deliveries", DELIVERIES],
      ["customer_feedback", FEEDBACK],
      ["customer_feedback", NPS_ONLY],
    ]) {
      const r = await upload(kind, `${kind}.csv`, csv);
      expect([kind, r.status, r.status === 201 ? "" : r.body.detail]).toEqual([kind, 201, ""]);
    }
    await assign("product", [
      { entityId: "P1", segment: "AX" },
      { entityId: "P2", segment: "AX" },
      { entityId: "P3", segment: "BY" },
    ]);
    await assign("customer", [
      { entityId: "C1", segment: "Key" },
      { entityId: "C3", segment: "Key" },
      { entityId: "C2", segment: "Core" },
    ]);
    const put = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows: [POLICY, KEY_POLICY], justification: "fixture policy" } });
    expect(put.status).toBe(201);
    expect((await t.api("POST", `/api/v1/change-requests/${put.body.id}/approve`, { token: t.tokens.approver, body: { reason: "fixture", expectedVersion: 0 } })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("the tracking signal of each product segment against the policy's limit, and the breach's driver", async () => {
    const k = await kpis("product");
    // AX: every model forecasts the flat 10 and 5; pooled errors +10 a week → CFE 40, MAD 10, TS 4 > 3.
    expect(k.AX.tracking_signal).toMatchObject({ value: 4, target: 3, targetSource: "policy.maxTrackingSignal", status: "breach" });
    expect(k.AX.tracking_signal.note).toBe("|CFE / MAD| over a 4-week hold-out: signal 4.0, CFE 40 units, MAD 10; demand ran above the forecasts (under-forecast)");
    // BY: errors +4, −4, +4, −4 → CFE 0: no bias.
    expect(k.BY.tracking_signal).toMatchObject({ value: 0, status: "met", note: "|CFE / MAD| over a 4-week hold-out: signal 0.0, CFE 0 units, MAD 4; errors cancel out (no bias)" });
    const breaches = await t.api("GET", "/api/v1/breaches?dimension=product", { token: t.tokens.viewer });
    const ax = breaches.body.breaches.find((b: { id: string }) => b.id === "product:AX:tracking_signal");
    expect(ax).toMatchObject({ value: 4, target: 3 });
    expect(ax.drivers.entities).toEqual([{ id: "P1", value: 40, share: 1 }]);
  });

  it("NPS and CSAT of the strategic accounts of each customer segment, against the policy or the stated default", async () => {
    const k = await kpis("customer");
    // Key: C1 and C3 are strategic: NPS (30 − 10) / 2 = 10 < 20; CSAT 80 (C3 has none) ≥ 75 by default.
    expect(k.Key.nps).toMatchObject({ value: 10, target: 20, targetSource: "policy.minNps", status: "breach", note: "mean NPS of 2 of 2 strategic accounts (those with an imported score)" });
    expect(k.Key.csat).toMatchObject({ value: 80, target: 75, targetSource: "default.minCsat", status: "met" });
    expect(k.Key.csat.note).toBe("mean CSAT of 1 of 2 strategic accounts (those with an imported score)");
    // Core holds C2 only, not strategic: its NPS of 90 is no strategic account's.
    expect(k.Core.nps).toMatchObject({ value: null, status: "no_data", note: "mean NPS of the segment's strategic accounts: it has none" });
    const breaches = await t.api("GET", "/api/v1/breaches?dimension=customer", { token: t.tokens.viewer });
    expect(breaches.body.breaches.find((b: { id: string }) => b.id === "customer:Key:nps")).toMatchObject({ value: 10, target: 20 });
    // Product segments carry no feedback KPI: feedback is per customer.
    expect((await kpis("product")).AX.nps).toBeUndefined();
  });

  it("the health check names the segments whose KPIs missed their target for several months running, with the months and figures", async () => {
    // AX's OTIF: January 100 %, then 50 % in February and March, under its 90 %: two months running.
    const k = await kpis("product");
    expect(k.AX.otif).toMatchObject({ target: 0.9 });
    const two = await t.api("GET", "/api/v1/health-check?dimension=product&minSize=1&minPeriods=2", { token: t.tokens.viewer });
    expect(two.status).toBe(200);
    expect(two.body.underperforming).toEqual([
      {
        segment: "AX",
        kpi: "otif",
        target: 0.9,
        periods: ["2026-02", "2026-03"],
        values: [0.5, 0.5],
        worst: { period: "2026-02", value: 0.5 },
        sentence: "AX: OTIF below its target of 90.0 % for 2 months running, 2026-02 to 2026-03 (50.0 %, 50.0 %; worst 50.0 % in 2026-02)",
      },
    ]);
    expect(two.body.suggestions).toContain("Review AX: OTIF below its target of 90.0 % for 2 months running, 2026-02 to 2026-03 (50.0 %, 50.0 %; worst 50.0 % in 2026-02).");
    // By default a quarter is asked for: two months are not flagged.
    const three = await t.api("GET", "/api/v1/health-check?dimension=product&minSize=1", { token: t.tokens.viewer });
    expect(three.body.thresholds.minPeriods).toBe(3);
    expect(three.body.underperforming).toEqual([]);
    const bad = await t.api("GET", "/api/v1/health-check?dimension=product&minPeriods=1", { token: t.tokens.viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ field: "query.minPeriods" }));
  });
});
