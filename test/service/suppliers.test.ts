/**
 * Supplier scorecards, contract terms and sourcing recommendations on SQLite
 * and PostgreSQL, against a fixture small enough to check by hand.
 *
 * Fixture: suppliers S1, S2, S3; products P1 (S1, segment AX, unit cost 20),
 * P2 (S1, CZ, cost 5), P3 (S2, AX, cost 10); one week of orders: P1 10 × 30
 * = 300, P2 10 × 10 = 100, P3 5 × 20 = 100 revenue. S1 serves AX 300/400 =
 * 75 % and CZ 25 %; S2 serves AX 100 %. S3 has no history.
 *
 * History (on-time, ppm, lead-time mean, sd):
 *   S1 2026-01 0.90 200 10 2 · 2026-02 0.80 400 14 2 · 2026-03 0.50 1000 30 5
 *   S2 2026-01 0.95 100 20 1 · 2026-02 0.95 300 20 3
 *
 * Window 2026-01…2026-02, periods weighing the same:
 *   S1 on-time (0.90 + 0.80)/2 = 0.85; ppm 300; lead-time mean (10 + 14)/2 = 12;
 *      sd² = mean within (2² + 2²)/2 = 4 + between ((10−12)² + (14−12)²)/2 = 4 → sd = √8 = 2.8284
 *   S2 on-time 0.95; ppm 200; mean 20; sd² = (1 + 9)/2 + 0 = 5 → sd = √5 = 2.2361
 * Min-max normalised (1 = best): on-time S1 0, S2 1; ppm S1 0, S2 1;
 * mean S1 1, S2 0; sd S1 0, S2 1.
 * Weights (on-time, ppm, mean, sd): A [0.4, 0.2, 0.1, 0.3], C [0.2, 0.3, 0.3, 0.2].
 *   S1 = 0.75 A + 0.25 C = [0.35, 0.225, 0.15, 0.275] → score 100 × 0.15 × 1 = 15
 *   S2 = A → score 100 × (0.4 + 0.2 + 0.3) = 90.  Ranks: S2 1, S1 2.
 *
 * Whole history (sourcing): S1 on-time (0.9 + 0.8 + 0.5)/3 = 0.7333, mean
 * (10 + 14 + 30)/3 = 18, sd² = (4 + 4 + 25)/3 + (64 + 16 + 144)/3 = 11 +
 * 74.667 = 85.667 → sd 9.2556; supply risk = late 0.2667 + CV 9.2556/18 =
 * 0.5142 → 0.7809. S2 risk = 0.05 + √5/20 = 0.1618. Scores as above (15, 90).
 *   P1 AX (criticality 0.9): exposure 0.7028 → dual sourcing (≥ 0.3), buffer (≥ 0.2), strategic
 *      quadrant, strategic buyer, VMI (AX), approval rule 1 (risk ≥ 0.5): 10,000, head of procurement.
 *   P2 CZ (0.3): exposure 0.2343 → no dual, buffer; bottleneck → strategic buyer; no VMI; rule 1.
 *   P3 AX (S2): exposure 0.1456 → neither; leverage → transactional; VMI; spend 5 × 52 × 10 = 2,600
 *      (one week of history annualised to 52) → rule 3: 25,000, buyer.
 *   Development: S1 score 15 < 60, spend 10·52·20 = 10,400 in AX (high impact) of 13,000 = 80 % ≥ 50 %.
 */
import { STORES, importForm, startTestService, type TestService, importFiles, approveSegments } from "./harness";

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

describe.each(STORES)("suppliers on %s", (store) => {
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

  it("scores the window's history weighted by the segments each supplier serves", async () => {
    const r = await t.api("GET", "/api/v1/suppliers/scorecards?from=2026-01&to=2026-02", { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    expect(r.body.window).toEqual({ from: "2026-01", to: "2026-02" });
    const [s2, s1] = r.body.suppliers;
    expect([s2.supplierId, s2.rank, s1.supplierId, s1.rank]).toEqual(["S2", 1, "S1", 2]);
    expect(s1.onTimeRate).toBeCloseTo(0.85, 10);
    expect(s1.qualityPpm).toBeCloseTo(300, 10);
    expect(s1.leadTimeMeanDays).toBeCloseTo(12, 10);
    expect(s1.leadTimeSdDays).toBeCloseTo(Math.sqrt(8), 10);
    expect(s2.leadTimeSdDays).toBeCloseTo(Math.sqrt(5), 10);
    expect(s1.segments).toEqual([
      { segment: "AX", revenueShare: 0.75 },
      { segment: "CZ", revenueShare: 0.25 },
    ]);
    [0.35, 0.225, 0.15, 0.275].forEach((w, j) => expect(s1.weights[j]).toBeCloseTo(w, 10));
    expect(s1.score).toBeCloseTo(15, 10);
    expect(s2.score).toBeCloseTo(90, 10);
    expect(s1.periods.map((p: { period: string }) => p.period)).toEqual(["2026-01", "2026-02"]);
    expect(s1.terms).toEqual({
      validFrom: "2020-01-01",
      moq: 100,
      contractedLeadTimeDays: 10,
      penaltyPerLateLine: 25,
      priceBreaks: [
        { minQty: 100, unitPrice: 19 },
        { minQty: 500, unitPrice: 18 },
      ],
    });
    expect(r.body.unscored).toEqual([{ supplierId: "S3", name: "Gamma", reason: "no performance history in the window" }]);
  });

  it("recommends sourcing per product with reasons and the history's lead time", async () => {
    const r = await t.api("GET", "/api/v1/suppliers/sourcing", { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(3);
    const [p1, p2, p3] = r.body.items;
    expect(p1.supplyRisk).toBeCloseTo(0.26666666667 + Math.sqrt(85 + 2 / 3) / 18, 8);
    expect(p1.leadTimeMeanDays).toBeCloseTo(18, 10);
    expect(p1.leadTimeSdDays).toBeCloseTo(Math.sqrt(85 + 2 / 3), 10);
    expect([p1.dualSourcing, p1.strategicBuffer, p1.vmi, p1.quadrant, p1.buyer, p1.approvalLimit, p1.approver]).toEqual([true, true, true, "strategic", "strategic", 10_000, "head of procurement"]);
    expect([p2.dualSourcing, p2.strategicBuffer, p2.vmi, p2.quadrant, p2.buyer, p2.approvalLimit]).toEqual([false, true, false, "bottleneck", "strategic", 10_000]);
    expect([p3.dualSourcing, p3.strategicBuffer, p3.vmi, p3.quadrant, p3.buyer, p3.approvalLimit, p3.approver]).toEqual([false, false, true, "leverage", "transactional", 25_000, "buyer"]);
    expect(p3.annualSpend).toBeCloseTo(2600, 8);
    expect(p1.recommendations[0]).toEqual({
      kind: "dualSourcing",
      recommended: true,
      reason: "single-sourced; exposure 0.70 = supply risk 0.78 × criticality 0.9 (segment AX) ≥ 0.3 (supply risk = late share 27 % + lead-time CV 0.51)",
    });
    expect(p1.recommendations[1].reason).toBe("exposure 0.70 ≥ 0.2; lead time 18.0 d vs contracted 10.0 d");
    expect(p1.moq).toBe(100);
    expect(r.body.developmentShortlist).toEqual([expect.objectContaining({ supplierId: "S1", spend: 13_000, highImpactSpend: 10_400, highImpactShare: 0.8 })]);

    const one = await t.api("GET", "/api/v1/suppliers/sourcing?product=P3", { token: t.tokens.viewer });
    expect([one.body.total, one.body.items.map((i: { productId: string }) => i.productId)]).toEqual([1, ["P3"]]);
    const page = await t.api("GET", "/api/v1/suppliers/sourcing?limit=1&offset=1", { token: t.tokens.viewer });
    expect([page.body.total, page.body.items.map((i: { productId: string }) => i.productId)]).toEqual([3, ["P2"]]);
    const unknown = await t.api("GET", "/api/v1/suppliers/sourcing?product=P9", { token: t.tokens.viewer });
    expect(unknown.status).toBe(404);
  });

  it("refuses a bad terms file whole, naming row and field", async () => {
    const csv =
      'supplier_id,moq,contracted_lead_time_days,penalty_per_late_line,price_breaks,valid_from\nS2,10,7,5,[],2021-01-01\nS2,-5,7,5,"[{""minQty"":50,""unitPrice"":2},{""minQty"":10,""unitPrice"":1}]",2022-01-01\nS9,10,7,5,[],2023-01-01\n';
    const r = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("supplier_terms", "terms.csv", csv) as never });
    expect(r.status).toBe(422);
    const fields = r.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["rows[2].moq", "rows[2].price_breaks.1.minQty"]));
    const later = await t.api("GET", "/api/v1/suppliers/scorecards", { token: t.tokens.viewer });
    expect(later.body.suppliers.find((s: { supplierId: string }) => s.supplierId === "S2").terms).toBeNull();
    const bad = await t.api("GET", "/api/v1/suppliers/scorecards?from=2026-03&to=2026-01", { token: t.tokens.viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/to/);
  });

  it("refuses terms of an unknown supplier", async () => {
    const r = await t.api("POST", "/api/v1/imports", {
      token: t.tokens.planner,
      raw: importForm("supplier_terms", "terms.csv", "supplier_id,moq,contracted_lead_time_days,penalty_per_late_line,price_breaks,valid_from\nS9,10,7,5,[],2023-01-01\n") as never,
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toEqual({ field: "rows[1].supplier_id", row: 1, message: 'unknown supplier "S9": import suppliers first' });
  });
});
