/**
 * Warehouse and inventory-risk routes on SQLite and PostgreSQL over a
 * fixture small enough to check by hand; eight weeks of orders.
 *
 * Products (supplier lead time, weekly units, order lines a week, slot space, zone today):
 *   P1 AX  S2 10 d  10,10,10,10,10,10,10,12   5 lines  1  Reserve
 *   P2 AX  S3  3 d  5 every week              2 lines  1  Golden
 *   P3 CZ  S2 10 d  2,20,2,20,2,20,2,20       1 line   2  Reserve
 *   P4 BY  S3  3 d  4 every week (chilled)    3 lines  1  Chill
 *   P5 CZ  S1 84 d  1,0,1,0,1,0,1,0           1 line   1  Golden  (returnable)
 * Policies: "A*" derive, promise 7 d, CSL 0.95, review 7 d; "*" push, promise 5 d, CSL 0.8, review 0.
 *
 * Slotting, zones Golden 2 slots at 1 a pick, Reserve 10 at 3, Chill (refrigerated) 1 at 2.
 *   Picks a week per slot: P1 5, P2 2, P3 0.5, P5 0.5 — the cube-per-order-index order (Heskett 1963):
 *   Golden takes P1 and P2; P3 and P5 go to Reserve (3 slots), P4 to Chill.
 *   Cost 5·1 + 2·1 + 1·3 + 0.5·3 + 3·2 = 17.5; today 5·3 + 2·1 + 1·3 + 3·2 + 0.5·1 = 26.5; moves P1, P5.
 *   With a move cost of 10 the swap (two moves, 20) saves only 10 − 1 = 9: nothing moves, cost 26.5.
 *
 * Shared capacity 25 a week, floors CZ 50 %, capacity per unit BY 5, others 1.
 *   AX 122 units / 8 = 15.25 a week, margin (82·4 + 40·2)/122 = 3.344 a unit;
 *   BY 4 a week, margin 10 a unit → 2 per unit of capacity; CZ 11.5 a week, margin 168/92 = 1.826.
 *   Floors first: CZ 5.75; then AX all 15.25; BY the 4 left → 0.8 units. Margin 51 + 8 + 10.5 = 69.5 a week;
 *   one more unit of capacity earns BY's 10 / 5 = 2.
 *
 * Aging (12 months' threshold → 6 here, dormant after 1 week; 52/12 weeks a month), latest snapshot:
 *   P1 20 units: 10.25 a week = 44.417 a month → 0.45 months, no action.
 *   P3 500 units worth 2,000: 47.667 a month → 10.49 months; excess 500 − 6·47.667 = 214 units, 856 → stop, promote.
 *   P5 10 units: 2.167 a month → 4.6 months; no order in the last week, returnable → stop, return.
 *
 * Slow movers: only P5 is intermittent (ADI 8/4 = 2 ≥ 1.32). Weekly mean 0.5, sample variance 0.286 < mean
 * → Poisson; over L + R = 84/7 + 0 = 12 weeks the mean is 6; at a cycle service level of 0.8 the reorder
 * point is 8 — Snyder & Shen, Fundamentals of Supply Chain Theory, 2nd ed., Example 4.7 (Poisson(6),
 * α = 0.8 → S* = 8), reaching F(8) = 0.8472.
 *
 * Push/pull (P supplier lead time, D promised lead time, CoV of weekly units):
 *   P1 derive: P 10 > D 7, CoV 0.069 → push (derived); P2 derive: P 3 ≤ D 7 → pull (derived);
 *   P3 policy push, rule push-pull (CoV 0.875 > 0.5): agrees; P4 policy push, rule pull (3 ≤ 5): the policy
 *   stands and the reason says the rule would pull; P5 push, rule push-pull (CoV 1.069).
 */
import { STORES, startTestService, type TestService, importFiles, approveSegments } from "./harness";

jest.setTimeout(90_000);

const weekly = (product: string, qty: number[], lines: number, price: number, cost: number) => qty.flatMap((q, w) => (q > 0 ? [`C1,${product},${w + 1},${q},${price},${cost},${lines},1,0`] : []));

const FILES: Array<[string, string]> = [
  ["suppliers", "supplier_id,name,lead_time_mean_days,lead_time_sd_days,on_time_rate,fill_rate,quality_ppm\nS1,Far,84,0,0.9,0.95,0\nS2,Mid,10,0,0.9,0.95,0\nS3,Near,3,0,0.9,0.95,0\n"],
  [
    "products",
    [
      "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle,slot_space,refrigerated,returnable,storage_zone",
      "P1,Bolt,parts,10,6,S2,active,1,false,false,Reserve",
      "P2,Nut,parts,10,8,S3,active,1,false,false,Golden",
      "P3,Gear,parts,5,4,S2,active,2,false,false,Reserve",
      "P4,Yoghurt,food,20,10,S3,active,1,true,false,Chill",
      "P5,Valve,parts,50,30,S1,active,1,false,true,Golden",
    ].join("\n"),
  ],
  ["customers", "customer_id,name,region,strategic\nC1,Acme,North,false\n"],
  [
    "order_lines",
    [
      "customer_id,product_id,week,qty,price,cost,lines,deliveries,returns",
      ...weekly("P1", [10, 10, 10, 10, 10, 10, 10, 12], 5, 10, 6),
      ...weekly("P2", [5, 5, 5, 5, 5, 5, 5, 5], 2, 10, 8),
      ...weekly("P3", [2, 20, 2, 20, 2, 20, 2, 20], 1, 5, 4),
      ...weekly("P4", [4, 4, 4, 4, 4, 4, 4, 4], 3, 20, 10),
      ...weekly("P5", [1, 0, 1, 0, 1, 0, 1, 0], 1, 50, 30),
    ].join("\n"),
  ],
  ["stock_snapshots", "product_id,location,date,qty,value\nP1,DC1,2026-01-31,90,540\nP1,DC1,2026-02-28,20,120\nP3,DC1,2026-02-28,300,1200\nP3,DC2,2026-02-28,200,800\nP5,DC1,2026-02-28,10,300\n"],
];
const POLICY = { cycleServiceLevel: 0.8, targetFillRate: 0.9, promisedLeadTimeDays: 5, reviewPeriodDays: 0, forecastMethod: "auto", inventoryTurnsTarget: 6, supplyMode: "push", ownerFunction: "supply chain" };
const POLICIES = [
  { segment: "*", ...POLICY },
  { segment: "A*", ...POLICY, cycleServiceLevel: 0.95, promisedLeadTimeDays: 7, reviewPeriodDays: 7, supplyMode: "derive" },
];
const ZONES = [
  { zone: "Golden", capacity: 2, costPerPick: 1 },
  { zone: "Reserve", capacity: 10, costPerPick: 3 },
  { zone: "Chill", capacity: 1, costPerPick: 2, refrigerated: true },
];

describe.each(STORES)("warehouse and inventory risk on %s", (store) => {
  let t: TestService;
  const post = (path: string, body: unknown) => t.api("POST", `/api/v1${path}`, { token: t.tokens.viewer, body });
  const get = (path: string) => t.api("GET", `/api/v1${path}`, { token: t.tokens.viewer });
  beforeAll(async () => {
    t = await startTestService(store, { demo: false });
    await importFiles(t, FILES);
    const changes = [
      { entityId: "P1", segment: "AX" },
      { entityId: "P2", segment: "AX" },
      { entityId: "P3", segment: "CZ" },
      { entityId: "P4", segment: "BY" },
      { entityId: "P5", segment: "CZ" },
    ];
    await approveSegments(t, "product", changes);
    const put = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows: POLICIES, justification: "fixture policy with derive" } });
    expect([put.status, put.body.detail]).toEqual([201, undefined]);
    expect((await t.api("POST", `/api/v1/change-requests/${put.body.id}/approve`, { token: t.tokens.approver, body: { reason: "fixture", expectedVersion: 0 } })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("slots by picks per slot: the fastest movers into the cheapest zone, chilled products into the chilled zone", async () => {
    const r = await post("/warehouse/slotting", { zones: ZONES, weeks: 8 });
    expect([r.status, r.body.detail]).toEqual([200, undefined]);
    const zoneOf = Object.fromEntries(r.body.products.map((p: { productId: string; zone: string }) => [p.productId, p.zone]));
    expect(zoneOf).toEqual({ P1: "Golden", P2: "Golden", P3: "Reserve", P4: "Chill", P5: "Reserve" });
    expect(r.body.cost).toBeCloseTo(17.5, 6);
    expect(r.body.currentCost).toBeCloseTo(26.5, 6);
    expect(r.body.moves).toBe(2);
    expect(r.body.window).toEqual({ fromWeek: 1, toWeek: 8 });
    const golden = r.body.zones.find((z: { zone: string }) => z.zone === "Golden");
    expect(golden).toMatchObject({ used: 2, products: 2, utilisation: 1, picksPerWeek: 7, pickCostPerWeek: 7, segments: [{ segment: "AX", products: 2 }] });
    expect(golden.reason).toBe("the cheapest to pick from, so the fastest movers per slot: 2–5 picks a week per slot");
    const p1 = r.body.products.find((p: { productId: string }) => p.productId === "P1");
    expect(p1).toMatchObject({ picksPerWeek: 5, from: "Reserve", moved: true, reason: "5 picks a week → Golden at 1.00 a pick; moves from Reserve" });
  });

  it("keeps today's slotting when moving costs more than it saves", async () => {
    const r = await post("/warehouse/slotting", { zones: ZONES, weeks: 8, moveCost: 10 });
    expect(r.status).toBe(200);
    expect(r.body.moves).toBe(0);
    expect(r.body.cost).toBeCloseTo(26.5, 6);
  });

  it("says which temperature class lacks room, and names a repeated zone", async () => {
    const tight = await post("/warehouse/slotting", { zones: [{ ...ZONES[0], capacity: 1 }, { ...ZONES[1], capacity: 2 }, ZONES[2]], weeks: 8 });
    expect(tight.status).toBe(422);
    expect(tight.body.detail).toBe("zones: ambient products need 5 slots but the ambient zones hold 3");
    const noChill = await post("/warehouse/slotting", { zones: ZONES.slice(0, 2), weeks: 8 });
    expect(noChill.status).toBe(422);
    expect(noChill.body.detail).toContain('no refrigerated zone to put item "P4" in');
    const twice = await post("/warehouse/slotting", { zones: [ZONES[0], ZONES[0]] });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([expect.objectContaining({ field: "body.zones[1].zone" })]);
    const negative = await post("/warehouse/slotting", { zones: [{ ...ZONES[0], capacity: -1 }] });
    expect(negative.status).toBe(400);
    expect(negative.body.errors).toEqual([expect.objectContaining({ field: "body.zones[0].capacity" })]);
  });

  it("shares capacity by margin per unit of capacity above the service floors", async () => {
    const r = await post("/warehouse/shared-capacity", { capacity: 25, weeks: 8, capacityPerUnit: { BY: 5 }, serviceFloors: { CZ: 0.5 } });
    expect([r.status, r.body.detail]).toEqual([200, undefined]);
    const by = Object.fromEntries(r.body.segments.map((s: { segment: string }) => [s.segment, s]));
    expect(by.AX.unitsPerWeek).toBeCloseTo(15.25, 9);
    expect(by.AX.marginPerUnit).toBeCloseTo(408 / 122, 9);
    expect(by.AX.units).toBeCloseTo(15.25, 6);
    expect(by.BY.units).toBeCloseTo(0.8, 6);
    expect(by.CZ.units).toBeCloseTo(5.75, 6);
    expect(r.body.margin).toBeCloseTo(69.5, 6);
    expect(r.body.capacityShadowPrice).toBeCloseTo(2, 6);
    expect(by.CZ.reason).toContain("only its service floor of 50 %");
  });

  it("releases the orders the pane sends into waves by segment rule", async () => {
    const r = await post("/warehouse/wave-release", {
      orders: [
        { id: "O1", segment: "AX", arrivalMinute: 500 },
        { id: "O2", segment: "CZ", arrivalMinute: 500 },
        { id: "O3", segment: "CZ", arrivalMinute: 1000, lines: 3 },
      ],
      waves: [
        { wave: "Morning", releaseMinute: 600 },
        { wave: "Evening", releaseMinute: 960 },
      ],
      rules: [{ segment: "AX" }, { segment: "CZ", waves: ["Evening"], cutoffMinutes: 60 }],
    });
    expect([r.status, r.body.detail]).toEqual([200, undefined]);
    expect(r.body.orders.map((o: { wave: string | null }) => o.wave)).toEqual(["Morning", "Evening", null]);
    expect(r.body.carriedOver).toEqual({ orders: 1, lines: 3 });
  });

  it("ranks aging actions by excess value from the latest stock snapshot", async () => {
    const r = await get("/inventory/aging?monthsOfSupply=6&noDemandWeeks=1");
    expect([r.status, r.body.detail]).toEqual([200, undefined]);
    expect(r.body).toMatchObject({ snapshotDate: "2026-02-28", weeks: 8, total: 3, withActions: 2 });
    expect(r.body.excessValue).toBeCloseTo(856, 6);
    const [p3, p5, p1] = r.body.items;
    expect([p3.productId, p5.productId, p1.productId]).toEqual(["P3", "P5", "P1"]);
    expect(p3.monthsOfSupply).toBeCloseTo(500 / ((11 * 52) / 12), 9);
    expect(p3.excessUnits).toBeCloseTo(214, 6);
    expect(p3.actions).toEqual(["stop_replenishment", "promote"]);
    expect(p3.reason).toBe("10.5 months of supply (500 on hand, 47.7 a month); 214 units (856.00) above 6 months");
    expect(p5.actions).toEqual(["stop_replenishment", "return_to_supplier"]);
    expect(p1.actions).toEqual([]);
    expect(p1.onHand).toBe(20);
  });

  it("sets the reorder point of an intermittent product from the Poisson (Snyder & Shen, Example 4.7)", async () => {
    const r = await get("/inventory/slow-movers");
    expect([r.status, r.body.detail]).toEqual([200, undefined]);
    expect(r.body.total).toBe(1);
    const [p5] = r.body.items;
    expect(p5).toMatchObject({ productId: "P5", segment: "CZ", adi: 2, distribution: "poisson", reorderPoint: 8, leadTimeWeeks: 12, reviewWeeks: 0, serviceLevel: 0.8 });
    expect(p5.leadTimeDemandMean).toBeCloseTo(6, 9);
    expect(p5.achievedServiceLevel).toBeCloseTo(0.847237, 5);
    expect(p5.reason).toContain("reorder at 8 for 80 % cycle service (reaches 85 %)");
  });

  it("derives push or pull per product where the policy says derive, and keeps a fixed mode with the rule's view", async () => {
    const r = await get("/inventory/push-pull");
    expect([r.status, r.body.detail]).toEqual([200, undefined]);
    expect(r.body).toMatchObject({ total: 5, push: 4, pull: 1, derived: 2, skipped: [] });
    const by = Object.fromEntries(r.body.items.map((i: { productId: string }) => [i.productId, i]));
    expect(by.P1).toMatchObject({ policySupplyMode: "derive", supplyMode: "push", source: "derived", strategy: "push", stockedLeadTimeDays: 3 });
    expect(by.P1.pdRatio).toBeCloseTo(10 / 7, 9);
    expect(by.P2).toMatchObject({ policySupplyMode: "derive", supplyMode: "pull", source: "derived", strategy: "pull" });
    expect(by.P3).toMatchObject({ policySupplyMode: "push", supplyMode: "push", source: "policy", strategy: "push_pull" });
    expect(by.P3.demandCv).toBeCloseTo(Math.sqrt((8 * 81) / 7) / 11, 9);
    expect(by.P4).toMatchObject({ supplyMode: "push", source: "policy", strategy: "pull" });
    expect(by.P4.reason).toMatch(/^policy sets push; the push\/pull rule would say pull/);
    expect(by.P5).toMatchObject({ supplyMode: "push", strategy: "push_pull" });
  });

  it("refuses a supply mode the policy table does not know", async () => {
    const put = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows: [{ segment: "*", ...POLICY, supplyMode: "guess" }], justification: "bad mode" } });
    expect(put.status).toBe(400);
    expect(JSON.stringify(put.body.errors)).toContain("supplyMode");
  });
});
