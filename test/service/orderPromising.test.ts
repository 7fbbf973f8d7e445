/**
 * Order promising over stored data on both stores, on an order book small
 * enough to allocate by hand. Today is Monday 2026-03-02 (day 0).
 *
 *   customers   C1 Strategic, C2 Key, C3 Key, C4 Core
 *   policies    promised lead time: Strategic 1 day, Key 2, Core 3 (and "*" 5)
 *   allocation  Strategic priority 1, 20 % of supply reserved, premium;
 *               Key priority 2; "*" priority 3 (so Core is served last)
 *   supply P1   on hand 40 (snapshot 2026-02-28; the older 999 of January is
 *               not on hand), receipt 30 on 2026-03-06 (day 4): 70 units
 *   supply P2   on hand 100
 *
 *   line   customer  product  qty  requested         ship-by day (requested − lead)
 *   O1-1   C1 Str.   P1       20   03-03 (day 1)     0
 *   O2-1   C2 Key    P1       36   03-04 (day 2)     0
 *   O3-1   C3 Key    P1       18   03-09 (day 7)     5
 *   O4-1   C4 Core   P1       10   03-05 (day 3)     0
 *   O5-1   C4 Core   P2       10   03-02 (day 0)     0 (negative, counted as 0)
 *
 * P1 (demand 84 > supply 70):
 *  1. Strategic's reserve is ⌊0.2 · 70⌋ = 14 units, all used by O1: left 56.
 *  2. Priority 1 (O1 still needs 6) is served in full: left 50.
 *     Priority 2 (Key) needs 36 + 18 = 54 > 50: fair share 50 · 36/54 = 33.33
 *     and 50 · 18/54 = 16.67; whole units 33 and 16 (49), the last unit to
 *     the larger remainder (O3's .67): O2 33, O3 17. Left 0: Core's O4 gets 0.
 *  3. Dates, in (priority, ship-by day) order against day 0: 40, day 4: 30:
 *     O1's 20 come from day 0 → delivery 0 + 1 = day 1 (03-03), on time;
 *     O2's 33 take the other 20 of day 0 and 13 of day 4 → 4 + 2 = day 6
 *     (03-08), 4 days after its day 2; O3's 17 are the rest of day 4, and it
 *     need not ship before day 5 → 5 + 2 = day 7 (03-09), on time.
 * P2: O5's 10 are on hand, but Core promises 3 days → day 3 (03-05), 3 days
 *     after the day requested: the policy's lead time drives the promise.
 */
import { startTestService, STORES, importForm, type TestService, importFiles } from "./harness";

jest.setTimeout(120_000);

const TODAY = new Date("2026-03-02T08:00:00Z");
const BASE_POLICY = { cycleServiceLevel: 0.95, targetFillRate: 0.95, reviewPeriodDays: 7, forecastMethod: "auto", inventoryTurnsTarget: 6, supplyMode: "pull", ownerFunction: "supply chain" };
const POLICIES = [
  { ...BASE_POLICY, segment: "*", promisedLeadTimeDays: 5 },
  { ...BASE_POLICY, segment: "Strategic", promisedLeadTimeDays: 1 },
  { ...BASE_POLICY, segment: "Key", promisedLeadTimeDays: 2 },
  { ...BASE_POLICY, segment: "Core", promisedLeadTimeDays: 3 },
];
const SEGMENTS = { C1: "Strategic", C2: "Key", C3: "Key", C4: "Core" };

const FILES: Array<[string, string]> = [
  ["suppliers", "supplier_id,name,lead_time_mean_days,lead_time_sd_days,on_time_rate,fill_rate,quality_ppm\nS1,Supplier,5,1,0.9,0.9,100"],
  ["products", "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle\nP1,Short widget,parts,10,5,S1,active\nP2,Ample widget,parts,10,5,S1,active"],
  ["customers", "customer_id,name,region,strategic\nC1,One,North,true\nC2,Two,North,false\nC3,Three,South,false\nC4,Four,South,false"],
  ["stock_snapshots", "product_id,location,date,qty,value\nP1,DC1,2026-01-31,999,4995\nP1,DC1,2026-02-28,25,125\nP1,DC2,2026-02-28,15,75\nP2,DC1,2026-02-28,100,500"],
  ["scheduled_receipts", "product_id,date,quantity\nP1,2026-03-06,30"],
  [
    "open_orders",
    [
      "order_id,line,customer_id,product_id,quantity,requested_date,weight_kg",
      "O1,1,C1,P1,20,2026-03-03,40",
      "O2,1,C2,P1,36,2026-03-04,72",
      "O3,1,C3,P1,18,2026-03-09,",
      "O4,1,C4,P1,10,2026-03-05,20",
      "O5,1,C4,P2,10,2026-03-02,20",
    ].join("\n"),
  ],
];

const RULES = {
  allocation: [
    { segment: "Strategic", priority: 1, reservePct: 0.2, premium: true },
    { segment: "Key", priority: 2 },
    { segment: "*", priority: 3 },
  ],
  paths: [
    { segment: "Strategic", path: "regional DC", mode: "parcel", lastMile: "same-day", deliveriesPerWeek: 5, windowFromHour: 8, windowToHour: 12 },
    { segment: "*", maxQuantity: 12, path: "regional DC", mode: "parcel" },
    { segment: "*", path: "direct ship", mode: "LTL" },
  ],
};

describe.each(STORES)("order promising on %s", (store) => {
  let t: TestService;
  const importCsv = (kind: string, csv: string) => t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm(kind, `${kind}.csv`, csv) as never });

  beforeAll(async () => {
    t = await startTestService(store, { demo: false, now: () => TODAY });
    await importFiles(t, FILES);
    const policy = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows: POLICIES, justification: "lead times per customer tier" } });
    expect(policy.status).toBe(201);
    expect((await t.api("POST", `/api/v1/change-requests/${policy.body.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed", expectedVersion: 0 } })).status).toBe(200);
    const tiers = await t.api("POST", "/api/v1/change-requests", {
      token: t.tokens.planner,
      body: { dimension: "customer", justification: "tiers for the test", changes: Object.entries(SEGMENTS).map(([entityId, segment]) => ({ entityId, segment })) },
    });
    expect(tiers.status).toBe(201);
    expect((await t.api("POST", `/api/v1/change-requests/${tiers.body.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed", expectedVersion: 0 } })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("says to store the rule tables before promising", async () => {
    const r = await t.api("GET", "/api/v1/fulfilment/atp", { token: t.tokens.viewer });
    expect([r.status, r.body.errors[0].field]).toEqual([422, "rules"]);
    expect((await t.api("GET", "/api/v1/fulfilment/rules", { token: t.tokens.viewer })).body).toEqual({ allocation: [], paths: [], updatedAt: null, updatedBy: null });
  });

  it("refuses a rule table with problems, each named by row and field, and a role without edit-policies", async () => {
    const put = (body: unknown, token = t.tokens.planner) => t.api("PUT", "/api/v1/fulfilment/rules", { token, body });
    const bad = {
      allocation: [...RULES.allocation, { segment: "Key", priority: 4, reservePct: 0.9 }],
      paths: [RULES.paths[0], { segment: "Key", path: "store", mode: "FTL", lastMile: "scheduled", windowFromHour: 14, windowToHour: 9 }],
    };
    const r = await put(bad);
    expect(r.status).toBe(400);
    const fields = r.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(["body.allocation[3].reservePct", "body.allocation[3].segment", "body.paths[1].lastMile", "body.paths[1].windowToHour"]);
    expect(r.body.errors.find((e: { field: string }) => e.field === "body.allocation[3].reservePct").message).toMatch(/110 %/);
    const unknownPath = await put({ ...RULES, paths: [...RULES.paths, { segment: "*", path: "drone", mode: "LTL" }] });
    expect([unknownPath.status, unknownPath.body.errors[0].field]).toEqual([400, "body.paths[3].path"]);
    expect((await put(RULES, t.tokens.sales)).status).toBe(403);
    expect((await t.api("GET", "/api/v1/fulfilment/rules", { token: t.tokens.viewer })).body.updatedAt).toBeNull();
  });

  it("stores the rule tables, audited", async () => {
    const r = await t.api("PUT", "/api/v1/fulfilment/rules", { token: t.tokens.planner, body: RULES });
    expect(r.status).toBe(200);
    expect(r.body.allocation[1]).toEqual({ segment: "Key", priority: 2, reservePct: 0, premium: false });
    expect(r.body.updatedAt).toBe(TODAY.toISOString());
    const audit = await t.api("GET", "/api/v1/audit?action=fulfilment_rules.replaced", { token: t.tokens.viewer });
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0].after.paths).toHaveLength(3);
  });

  it("allocates P1's 70 units as worked out by hand: reserve, priority, fair share, dates with each policy's lead time", async () => {
    const r = await t.api("GET", "/api/v1/fulfilment/atp", { token: t.tokens.viewer });
    expect([r.status, r.body.detail]).toEqual([200, undefined]);
    expect(r.body.today).toBe("2026-03-02");
    expect(r.body.onHandDate).toBe("2026-02-28");
    const byId = Object.fromEntries(r.body.lines.map((l: { orderId: string }) => [l.orderId, l]));
    const pick = (id: string) => {
      const { promised, fromReserve, shortfall, promisedDate, daysLate, segment, priority } = byId[id];
      return { promised, fromReserve, shortfall, promisedDate, daysLate, segment, priority };
    };
    expect(pick("O1")).toEqual({ promised: 20, fromReserve: 14, shortfall: 0, promisedDate: "2026-03-03", daysLate: 0, segment: "Strategic", priority: 1 });
    expect(pick("O2")).toEqual({ promised: 33, fromReserve: 0, shortfall: 3, promisedDate: "2026-03-08", daysLate: 4, segment: "Key", priority: 2 });
    expect(pick("O3")).toEqual({ promised: 17, fromReserve: 0, shortfall: 1, promisedDate: "2026-03-09", daysLate: 0, segment: "Key", priority: 2 });
    expect(pick("O4")).toEqual({ promised: 0, fromReserve: 0, shortfall: 10, promisedDate: null, daysLate: null, segment: "Core", priority: 3 });
    expect(pick("O5")).toEqual({ promised: 10, fromReserve: 0, shortfall: 0, promisedDate: "2026-03-05", daysLate: 3, segment: "Core", priority: 3 });
    expect(r.body.totals).toEqual({ lines: 5, requested: 94, supply: 170, promised: 80, shortfall: 14, linesShort: 3, products: 2, productsShort: 1 });
    expect(r.body.shortProducts).toEqual([{ productId: "P1", requested: 84, supply: 70, shortfall: 14 }]);
    expect(r.body.segments).toEqual([
      { segment: "Strategic", rule: "Strategic", priority: 1, promisedLeadTimeDays: 1, lines: 1, requested: 20, promised: 20, fromReserve: 14, shortfall: 0, linesShort: 0, linesLate: 0 },
      { segment: "Key", rule: "Key", priority: 2, promisedLeadTimeDays: 2, lines: 2, requested: 54, promised: 50, fromReserve: 0, shortfall: 4, linesShort: 2, linesLate: 1 },
      { segment: "Core", rule: "*", priority: 3, promisedLeadTimeDays: 3, lines: 2, requested: 20, promised: 10, fromReserve: 0, shortfall: 10, linesShort: 1, linesLate: 1 },
    ]);
  });

  it("lists only the lines short or late when asked, paged", async () => {
    const r = await t.api("GET", "/api/v1/fulfilment/atp?lines=short&limit=2&offset=1", { token: t.tokens.viewer });
    expect(r.body.total).toBe(4);
    expect(r.body.lines.map((l: { orderId: string }) => l.orderId)).toEqual(["O3", "O4"]);
  });

  it("chooses each line's path from the stored table: first matching row", async () => {
    const r = await t.api("GET", "/api/v1/fulfilment/paths", { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    expect(r.body.lines.map((l: { orderId: string; rule: number; path: string; lastMile: string }) => [l.orderId, l.rule, l.path, l.lastMile])).toEqual([
      ["O1", 1, "regional DC", "same-day"],
      ["O2", 3, "direct ship", "none"],
      ["O3", 3, "direct ship", "none"],
      ["O4", 2, "regional DC", "none"],
      ["O5", 2, "regional DC", "none"],
    ]);
    expect(r.body.lines[0]).toMatchObject({ deliveriesPerWeek: 5, windowFromHour: 8, windowToHour: 12, weightKg: 40 });
    expect(r.body.byPath).toEqual([
      { path: "regional DC", mode: "parcel", lines: 3, units: 40 },
      { path: "direct ship", mode: "LTL", lines: 2, units: 54 },
    ]);
  });

  it("loads the promised lines onto short carrier capacity by segment priority, as worked out by hand", async () => {
    // Ship-by days (promised delivery less the lead time): O1 day 0, O2 day 4, O3 day 5, O5 day 0; O4 has nothing to ship.
    // Queue by priority, then ship-by day: O1, O2, O3, O5. Day 0 (room 25): O1's 20 leave; O5's 10 do not fit in 5.
    // Day 4 (room 40): O2's 33 leave; O5 does not fit in 7. Day 5 (room 10): O3's 17 do not fit, O5's 10 do (first
    // fit), 5 days after its ship-by day. O3 does not leave.
    const departures = [
      { date: "2026-03-02", capacity: 25 },
      { date: "2026-03-06", capacity: 40 },
      { date: "2026-03-07", capacity: 10 },
    ];
    const r = await t.api("POST", "/api/v1/fulfilment/shipment-plan", { token: t.tokens.viewer, body: { departures, size: "units" } });
    expect([r.status, r.body.detail]).toEqual([200, undefined]);
    expect(r.body.shipments).toBe(4);
    expect(r.body.departures.map((d: { used: number; shipments: number }) => [d.used, d.shipments])).toEqual([
      [20, 1],
      [33, 1],
      [10, 1],
    ]);
    expect(r.body.segments).toEqual([
      { segment: "Strategic", priority: 1, shipments: 1, onTime: 1, late: 0, notShipped: 0 },
      { segment: "Key", priority: 2, shipments: 2, onTime: 1, late: 0, notShipped: 1 },
      { segment: "Core", priority: 3, shipments: 1, onTime: 0, late: 1, notShipped: 0 },
    ]);
    expect(r.body.exceptions).toEqual([
      { orderId: "O3", line: 1, segment: "Key", priority: 2, size: 17, shipBy: "2026-03-07", departure: null, daysLate: null },
      { orderId: "O5", line: 1, segment: "Core", priority: 3, size: 10, shipBy: "2026-03-02", departure: "2026-03-07", daysLate: 5 },
    ]);
    // Without backfill nothing overtakes O3 on day 5, so O5 stays behind too.
    const strict = await t.api("POST", "/api/v1/fulfilment/shipment-plan", { token: t.tokens.viewer, body: { departures, size: "units", backfill: false } });
    expect(strict.body.segments[2]).toEqual({ segment: "Core", priority: 3, shipments: 1, onTime: 0, late: 0, notShipped: 1 });
    // By weight, O3 has none to load by.
    const byWeight = await t.api("POST", "/api/v1/fulfilment/shipment-plan", { token: t.tokens.viewer, body: { departures } });
    expect([byWeight.status, byWeight.body.detail]).toEqual([422, expect.stringContaining("order O3 line 1")]);
    const past = await t.api("POST", "/api/v1/fulfilment/shipment-plan", { token: t.tokens.viewer, body: { departures: [{ date: "2026-03-01", capacity: 5 }], size: "units" } });
    expect([past.status, past.body.errors[0].field]).toEqual([422, "body.departures[0].date"]);
  });

  it("follows a new policy table: Core promised in 1 day brings O5 forward", async () => {
    const rows = POLICIES.map((p) => (p.segment === "Core" ? { ...p, promisedLeadTimeDays: 1 } : p));
    const policy = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows, justification: "Core promised next day" } });
    expect(policy.status).toBe(201);
    const version = (await t.api("GET", "/api/v1/policies")).body.version;
    expect((await t.api("POST", `/api/v1/change-requests/${policy.body.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed", expectedVersion: version } })).status).toBe(200);
    const r = await t.api("GET", "/api/v1/fulfilment/atp", { token: t.tokens.viewer });
    const o5 = r.body.lines.find((l: { orderId: string }) => l.orderId === "O5");
    expect([o5.promisedDate, o5.daysLate]).toEqual(["2026-03-03", 1]);
  });

  it("imports open orders all or nothing: a bad file names row and field and keeps the stored book", async () => {
    const r = await importCsv("open_orders", "order_id,line,customer_id,product_id,quantity,requested_date\nO9,1,C1,P1,2.5,2026-03-10\nO9,2,C9,P1,3,2026-13-01");
    expect(r.status).toBe(422);
    const fields = r.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["rows[1].quantity", "rows[2].requested_date"]));
    expect((await t.api("GET", "/api/v1/fulfilment/atp", { token: t.tokens.viewer })).body.totals.lines).toBe(5);
  });
});
