/**
 * Sell-through on both stores: the sell_through import (all or nothing,
 * references, duplicates, each file replacing the feeds of the customers it
 * names) and a forecast run that, for accounts whose customer segment's
 * policy says demandSignal "sell-through", reads their sell-through in the
 * weeks their feed covers and their shipments elsewhere, and records the
 * signal per product. Expected series are built by hand below; the stored
 * forecast must be the service's forecastSeries of exactly that series.
 *
 * Fixture, weeks 1–12 (policy "*": ses, shipments; "Strategic": ses, sell-through):
 *   C1 Strategic, feed weeks 5–12 (it reports P3 too, so its feed spans 5–12)
 *   C2 Core, has a feed for P2 that its policy does not ask for
 *   C3 Strategic, no feed: shipments stand
 *   P1: C1 ships 20 every 4th week (1, 5, 9), sells 5 a week in 5–12; C2 ships 10 a week
 *       → series: weeks 1–4 C1's shipments + 10 = 30, 10, 10, 10; weeks 5–12: 5 + 10 = 15  → mixed
 *   P2: only C2 (10 a week) and C3 (3 a week): shipments alone, C2's feed ignored            → shipments
 *   P3: only C1, shipped 16 in weeks 6 and 10, sold 4 a week in 5–12 → series 0×4, 4×8      → sell-through
 */
import { forecastSeries } from "../../service/src/useCases/forecastSeries";
import { SMALL_DEMO, STORES, importForm, startTestService, type TestService } from "./harness";

jest.setTimeout(180_000);

const WEEKS = 12;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function orderLines(): string {
  const rows = ["customer_id,product_id,week,qty,price,cost,lines,deliveries,returns"];
  for (let w = 1; w <= WEEKS; w++) {
    if (w % 4 === 1) rows.push(`C1,P1,${w},20,10,6,1,1,0`);
    rows.push(`C2,P1,${w},10,10,6,1,1,0`, `C2,P2,${w},10,10,6,1,1,0`, `C3,P2,${w},3,10,6,1,1,0`);
    if (w === 6 || w === 10) rows.push(`C1,P3,${w},16,10,6,1,1,0`);
  }
  return rows.join("\n") + "\n";
}

function feed(): string {
  const rows = ["customer_id,product_id,week,units"];
  for (let w = 5; w <= WEEKS; w++) rows.push(`C1,P1,${w},5`, `C1,P3,${w},4`, `C2,P2,${w},1`);
  return rows.join("\n") + "\n";
}

const FILES: Array<[string, string]> = [
  ["suppliers", "supplier_id,name,lead_time_mean_days,lead_time_sd_days,on_time_rate,fill_rate,quality_ppm\nS1,Alpha,10,2,0.9,0.95,200\n"],
  ["products", "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle\nP1,Bolt,parts,10,6,S1,active\nP2,Nut,parts,10,6,S1,active\nP3,Washer,parts,10,6,S1,active\n"],
  ["customers", "customer_id,name,region,strategic\nC1,Acme,North,true\nC2,Bexley,North,false\nC3,Corvid,South,true\n"],
  ["order_lines", orderLines()],
];

const POLICY = { cycleServiceLevel: 0.9, targetFillRate: 0.95, promisedLeadTimeDays: 5, reviewPeriodDays: 7, forecastMethod: "ses", inventoryTurnsTarget: 6, supplyMode: "pull", ownerFunction: "supply chain" };

async function approve(t: TestService, dimension: string, changes: Array<{ entityId: string; segment: string }>) {
  const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension, changes, justification: "hand-checked fixture" } });
  expect(cr.status).toBe(201);
  const ok = await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: "fixture", expectedVersion: 0 } });
  expect(ok.status).toBe(200);
}

async function runForecast(t: TestService, body: Record<string, unknown>) {
  const started = await t.api("POST", "/api/v1/jobs", { token: t.tokens.planner, body: { kind: "forecastProducts", body } });
  expect(started.status).toBe(202);
  for (let i = 0; i < 1200; i++) {
    const r = await t.api("GET", `/api/v1/jobs/${started.body.id}`, { token: t.tokens.viewer });
    if (!["queued", "running"].includes(r.body.status)) {
      expect(r.body.status).toBe("succeeded");
      return r.body.result.runId as string;
    }
    await sleep(50);
  }
  throw new Error("the forecast job did not end");
}

const importFile = (t: TestService, kind: string, csv: string) => t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm(kind, `${kind}.csv`, csv) as never });

describe.each(STORES)("sell-through on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store, { demo: false });
    for (const [kind, csv] of FILES) {
      const r = await importFile(t, kind, csv);
      expect([kind, r.status, r.body.detail]).toEqual([kind, 201, undefined]);
    }
    await approve(t, "customer", [
      { entityId: "C1", segment: "Strategic" },
      { entityId: "C2", segment: "Core" },
      { entityId: "C3", segment: "Strategic" },
    ]);
    await approve(t, "product", [
      { entityId: "P1", segment: "AX" },
      { entityId: "P2", segment: "AX" },
      { entityId: "P3", segment: "AX" },
    ]);
    const rows = [
      { segment: "*", ...POLICY },
      { segment: "Strategic", ...POLICY, demandSignal: "sell-through" },
    ];
    const put = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows, justification: "sell-through for strategic accounts" } });
    expect(put.status).toBe(201);
    const ok = await t.api("POST", `/api/v1/change-requests/${put.body.id}/approve`, { token: t.tokens.approver, body: { reason: "fixture", expectedVersion: 0 } });
    expect(ok.status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a bad file whole, naming each row and field, and writes nothing", async () => {
    const bad = "customer_id,product_id,week,units\nC1,P1,5,5\nC9,P1,6,5\n";
    const unknown = await importFile(t, "sell_through", bad);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: "rows[2].customer_id", row: 2, message: 'unknown customer "C9": import customers first' }]);
    const cells = await importFile(t, "sell_through", "customer_id,product_id,week,units\nC1,P1,0,5\nC1,P1,6,-1\nC1,P1,07,2\nC1,P1,7,3\n");
    expect(cells.status).toBe(422);
    expect(cells.body.errors.map((e: { field: string }) => e.field)).toEqual(["rows[1].week", "rows[2].units", "rows[4].customer_id"]);
    expect(cells.body.errors[2].message).toBe("duplicate of row 3");
    expect(await t.service.ctx.db.selectFrom("sell_through").selectAll().execute()).toEqual([]);
  });

  it("a file replaces the feeds of the customers it names, and leaves the others", async () => {
    expect((await importFile(t, "sell_through", "customer_id,product_id,week,units\nC1,P1,1,99\nC2,P2,1,7\n")).status).toBe(201);
    expect((await importFile(t, "sell_through", feed())).status).toBe(201);
    const rows = await t.service.ctx.db.selectFrom("sell_through").select(["customer_id", "week"]).where("week", "=", 1).execute();
    expect(rows).toEqual([]);
    expect((await importFile(t, "sell_through", "customer_id,product_id,week,units\nC3,P2,1,2\n")).status).toBe(201);
    const count = async (c: string) => (await t.service.ctx.db.selectFrom("sell_through").select("week").where("customer_id", "=", c).execute()).length;
    expect([await count("C1"), await count("C2"), await count("C3")]).toEqual([16, 8, 1]);
    // C3's feed was only to check replacement: without it, C3 is the strategic account with no feed (fallback to shipments).
    await t.service.ctx.db.deleteFrom("sell_through").where("customer_id", "=", "C3").execute();
  });

  it("forecasts with sell-through where the customer segment's policy asks for it, shipments elsewhere, and records the signal", async () => {
    const runId = await runForecast(t, { horizon: 4 });
    const page = await t.api("GET", `/api/v1/forecast-runs/${runId}/forecasts`, { token: t.tokens.viewer });
    expect(page.status).toBe(200);
    const byId = new Map(page.body.forecasts.map((f: { productId: string }) => [f.productId, f]));
    const expected: Record<string, { series: number[]; signal: string }> = {
      P1: { series: [30, 10, 10, 10, 15, 15, 15, 15, 15, 15, 15, 15], signal: "mixed" },
      P2: { series: Array<number>(WEEKS).fill(13), signal: "shipments" },
      P3: { series: [0, 0, 0, 0, 4, 4, 4, 4, 4, 4, 4, 4], signal: "sell-through" },
    };
    for (const [id, want] of Object.entries(expected)) {
      const f = byId.get(id) as { signal: string; forecast: number[]; wape: number | null; policyMethod: string };
      expect([id, f.signal, f.policyMethod]).toEqual([id, want.signal, "ses"]);
      const reference = forecastSeries(Float64Array.from(want.series), "ses", 4)!;
      f.forecast.forEach((v, h) => expect(v).toBeCloseTo(reference.forecast[h], 9));
      expect(f.wape).toBeCloseTo(reference.wape!, 9);
    }
    // Shipments would have put P1's last level near 10–30, not 15: the feed changed the forecast.
    const shipmentsOnly = forecastSeries(Float64Array.from([30, 10, 10, 10, 30, 10, 10, 10, 30, 10, 10, 10]), "ses", 4)!;
    expect(Math.abs((byId.get("P1") as { forecast: number[] }).forecast[0] - shipmentsOnly.forecast[0])).toBeGreaterThan(0.5);

    const exceptions = await t.api("GET", "/api/v1/forecast-exceptions", { token: t.tokens.viewer });
    expect(exceptions.status).toBe(200);
    expect(exceptions.body.signals).toEqual({ shipments: 1, sellThrough: 1, mixed: 1 });
  });
});

describe.each(STORES)("sell-through on the demo company on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store, { demoCompany: SMALL_DEMO });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("loads a strategic account's feed, and a forecast run mixes it into the products that account buys", async () => {
    const { db } = t.service.ctx;
    const fed = await db.selectFrom("sell_through").select("customer_id").distinct().execute();
    expect(fed.length).toBeGreaterThanOrEqual(1);
    const segments = await t.api("POST", "/api/v1/segments/lookup", { token: t.tokens.viewer, body: { dimension: "customer", ids: fed.map((r) => r.customer_id) } });
    expect((segments.body.segments as Array<{ segment: string | null }>).every((s) => s.segment === "Strategic")).toBe(true);
    const runId = await runForecast(t, { horizon: 4 });
    const page = await t.api("GET", `/api/v1/forecast-runs/${runId}/forecasts?limit=1000`, { token: t.tokens.viewer });
    const bought = new Set(
      (
        await db
          .selectFrom("order_lines")
          .select("product_id")
          .where(
            "customer_id",
            "in",
            fed.map((r) => r.customer_id),
          )
          .execute()
      ).map((r) => r.product_id),
    );
    for (const f of page.body.forecasts as Array<{ productId: string; signal: string }>) {
      expect([f.productId, f.signal === "shipments"]).toEqual([f.productId, !bought.has(f.productId)]);
    }
  });
});
