/**
 * Stored freight spread over customers and segments, on SQLite and
 * PostgreSQL, against a fixture small enough to check by hand.
 *
 * Products: P1 2 kg, P2 0.5 kg, P3 no weight. Customers: C1, C2 North; C3
 * South; C4 West (no orders). Segments: C1, C4 Key; C2, C3 Core.
 * Orders (customer, product, week, qty, lines, deliveries):
 *   C1 P1 w1 10 → 20 kg, 2 lines, 1 delivery · C1 P2 w2 20 → 10 kg, 1, 1
 *   C2 P1 w1 5 → 10 kg, 5 lines, 2 deliveries · C2 P1 w5 100 (outside weeks 1–4)
 *   C3 P3 w1 4 → 0 kg (P3 has no weight), 1 line, 1 delivery
 * Freight (610 in all):
 *   L1 North weeks 1–4, 400 · L2 South 1–4, 90 · X1 shipment bill of C4, 50 · L3 West 5–8, 70
 * By weight: L1 over C1 30 kg, C2 10 kg → 300 / 100; L2: C3 has 0 kg → unallocated
 *   (P3 listed without weight); L3: C4 ordered nothing → unallocated.
 *   C1 300, C2 100, C4 50 direct; allocated 610 − 90 − 70 = 450. Key 350, Core 100.
 * By lines: L1 over C1 3, C2 5 → 150 / 250; L2 → C3 90; L3 unallocated.
 *   Allocated 540; Key 150 + 50 = 200, Core 250 + 90 = 340.
 * By shipments: L1 over C1 2, C2 2 → 200 / 200.
 */
import { STORES, importForm, startTestService, type TestService, importFiles, seedSegments } from "./harness";

jest.setTimeout(60_000);

const FILES: Array<[string, string]> = [
  ["suppliers", "supplier_id,name,lead_time_mean_days,lead_time_sd_days,on_time_rate,fill_rate,quality_ppm\nS1,Alpha,10,2,0.9,0.95,200\n"],
  ["products", "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle,weight_kg\nP1,Bolt,parts,30,20,S1,active,2\nP2,Nut,parts,10,5,S1,active,0.5\n"],
  ["products", "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle\nP3,Gear,parts,20,10,S1,active\n"],
  ["customers", "customer_id,name,region,strategic\nC1,Acme,North,false\nC2,Bolt Co,North,false\nC3,Cog Ltd,South,false\nC4,Dyne,West,true\n"],
  ["order_lines", "customer_id,product_id,week,qty,price,cost,lines,deliveries,returns\nC1,P1,1,10,30,20,2,1,0\nC1,P2,2,20,10,5,1,1,0\nC2,P1,1,5,30,20,5,2,0\nC2,P1,5,100,30,20,1,1,0\nC3,P3,1,4,20,10,1,1,0\n"],
  ["freight_costs", "invoice_id,carrier,from_week,to_week,customer_id,region,cost\nL1,Roadline,1,4,,North,400\nL2,Roadline,1,4,,South,90\nX1,Swift,1,4,C4,,50\nL3,Roadline,5,8,,West,70\n"],
];

describe.each(STORES)("freight in the segment P&L on %s", (store) => {
  let t: TestService;
  const importCsv = (kind: string, csv: string) => t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm(kind, `${kind}.csv`, csv) as never });
  beforeAll(async () => {
    t = await startTestService(store, { demo: false });
    await importFiles(t, FILES);
    await seedSegments(t, "customer", [
      ["C1", "Key"],
      ["C2", "Core"],
      ["C3", "Core"],
      ["C4", "Key"],
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const freight = async (method?: string) => {
    const r = await t.api("GET", `/api/v1/cost-to-serve/freight${method ? `?method=${method}` : ""}`, { token: t.tokens.viewer });
    expect([r.status, r.body.detail]).toEqual([200, undefined]);
    return r.body;
  };
  const byId = (rows: Array<{ customerId: string; freight: number }>) => Object.fromEntries(rows.map((c) => [c.customerId, Math.round(c.freight * 1e6) / 1e6]));
  const bySegment = (rows: Array<{ segment: string; freight: number }>) => Object.fromEntries(rows.map((s) => [s.segment, Math.round(s.freight * 1e6) / 1e6]));

  it("spreads lane bills by kg shipped (the default), bills shipments directly, and lists what it could not spread", async () => {
    const r = await freight();
    expect(r).toMatchObject({ method: "weight", driver: "kg shipped (units × product weight_kg)", invoices: 4, total: 610, allocated: 450, productsWithoutWeight: ["P3"] });
    expect(byId(r.customers)).toEqual({ C1: 300, C2: 100, C4: 50 });
    expect(r.customers.find((c: { customerId: string }) => c.customerId === "C1")).toMatchObject({ segment: "Key", driverQty: 30, direct: 0, allocated: 300 });
    expect(r.customers.find((c: { customerId: string }) => c.customerId === "C4")).toMatchObject({ direct: 50, allocated: 0 });
    expect(bySegment(r.segments)).toEqual({ Core: 100, Key: 350 });
    expect(r.unallocated.map((u: { invoiceId: string; cost: number; reason: string }) => [u.invoiceId, u.cost, u.reason])).toEqual([
      ["L2", 90, "no customer in South has kg shipped (units × product weight_kg) in weeks 1–4"],
      ["L3", 70, "no customer in West has kg shipped (units × product weight_kg) in weeks 5–8"],
    ]);
  });

  it("by order lines and by shipments the same bills land elsewhere, and say so", async () => {
    const lines = await freight("lines");
    expect(lines).toMatchObject({ method: "lines", driver: "order lines", allocated: 540, productsWithoutWeight: [] });
    expect(byId(lines.customers)).toEqual({ C1: 150, C2: 250, C3: 90, C4: 50 });
    expect(bySegment(lines.segments)).toEqual({ Core: 340, Key: 200 });
    const shipments = await freight("shipments");
    expect(byId(shipments.customers)).toEqual({ C1: 200, C2: 200, C3: 90, C4: 50 });
  });

  it("refuses an unknown driver naming the field", async () => {
    const r = await t.api("GET", "/api/v1/cost-to-serve/freight?method=volume", { token: t.tokens.viewer });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ field: "query.method" });
  });

  it("imports freight all or nothing, naming row and field of every bad cell", async () => {
    const bad = "invoice_id,carrier,from_week,to_week,customer_id,region,cost\nN1,Roadline,4,2,,North,10\nN2,Roadline,1,2,C1,North,10\nN3,Roadline,1,2,,Atlantis,5\nN4,Roadline,1,2,C9,,5\nN5,Roadline,1,2,,North,-1\n";
    const r = await importCsv("freight_costs", bad);
    expect(r.status).toBe(422);
    const problems = r.body.errors.map((e: { field: string }) => e.field);
    expect(problems).toEqual(expect.arrayContaining(["rows[1].to_week", "rows[2].region", "rows[5].cost"]));
    // references are checked once the cells are clean: a clean file with unknown ids
    const refs = await importCsv("freight_costs", "invoice_id,carrier,from_week,to_week,customer_id,region,cost\nN3,Roadline,1,2,,Atlantis,5\nN4,Roadline,1,2,C9,,5\n");
    expect(refs.status).toBe(422);
    expect(refs.body.errors.map((e: { field: string; message: string }) => [e.field, e.message])).toEqual([
      ["rows[1].region", 'no stored customer is in region "Atlantis"'],
      ["rows[2].customer_id", 'unknown customer "C9": import customers first'],
    ]);
    // nothing was written: the stored ledger is as before
    expect((await freight()).total).toBe(610);
  });
});

describe.each(STORES)("freight with nothing stored on %s", (store) => {
  it("says to import freight_costs first", async () => {
    const t = await startTestService(store, { demo: false });
    try {
      const r = await t.api("GET", "/api/v1/cost-to-serve/freight", { token: t.tokens.viewer });
      expect(r.status).toBe(422);
      expect(r.body.detail).toBe("freight_costs: no freight is stored; import freight_costs first");
    } finally {
      await t.close();
    }
  });
});
