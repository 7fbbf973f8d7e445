/**
 * A proposed policy table must keep serving today's master data, on SQLite
 * and PostgreSQL: a table that drops the row behind a segment some entities
 * sit in is refused when proposed (422 naming the segments and how many
 * entities each holds), and a table proposed while it still covered
 * everything is refused at approval (409) if master data moved under it.
 */
import { DEMO_POLICIES } from "../../service/src/demo/loadDemo";
import { STORES, startTestService, type TestService } from "./harness";

jest.setTimeout(60_000);

describe.each(STORES)("policy table coverage on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
  });
  afterAll(async () => {
    await t?.close();
  });

  const propose = (rows: unknown[], justification = "tighten the C items") => t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows, justification } });
  const segmentCounts = async (dimension: string) => {
    const body = (await t.api("GET", `/api/v1/segments?dimension=${dimension}`)).body as { version: number; assignments: Array<{ entityId: string; segment: string }> };
    const counts = new Map<string, number>();
    for (const a of body.assignments) counts.set(a.segment, (counts.get(a.segment) ?? 0) + 1);
    return { version: body.version, counts, assignments: body.assignments };
  };

  it("refuses a table that leaves current segments without a row, naming each with its entity count", async () => {
    const { counts } = await segmentCounts("product");
    const products = [...counts.keys()].filter((s) => /^[ABC][XYZ]$/.test(s));
    expect(products.length).toBeGreaterThan(2);
    // Only rows for A* and B*: every C product and every customer segment is left out.
    const rows = DEMO_POLICIES.filter((r) => r.segment === "A*" || r.segment === "B*");
    const r = await propose(rows);
    expect(r.status).toBe(422);
    const cSegments = products.filter((s) => s.startsWith("C")).sort();
    for (const s of cSegments) expect(r.body.detail).toContain(`${s} (${counts.get(s)!.toLocaleString("en-US")} product`);
    expect(r.body.detail).toMatch(/customer/);
    expect(r.body.errors[0].field).toBe("rows");
  });

  it("accepts a table that still covers everything, and refuses to approve it once master data moved out of its cover", async () => {
    // Cover products by explicit classes only (no catch-all), customers by their tiers.
    const { counts: productCounts, version, assignments } = await segmentCounts("product");
    const { counts: customerCounts } = await segmentCounts("customer");
    const base = DEMO_POLICIES.find((r) => r.segment === "*")!;
    const rows = [...productCounts.keys(), ...customerCounts.keys()].map((segment) => ({ ...base, segment }));
    const proposed = await propose(rows, "one row per segment in use");
    expect(proposed.status).toBe(201);

    // A product moves to a class the proposed table does not name.
    const mover = assignments.find((a) => a.segment !== "QX")!;
    const moved = await t.api("POST", "/api/v1/change-requests", {
      token: t.tokens.planner,
      body: { dimension: "product", justification: "a new class for a test", changes: [{ entityId: mover.entityId, segment: "QX" }] },
    });
    expect(moved.status).toBe(201);
    expect((await t.api("POST", `/api/v1/change-requests/${moved.body.id}/approve`, { token: t.tokens.approver, body: { reason: "test move", expectedVersion: version } })).status).toBe(200);

    const refused = await t.api("POST", `/api/v1/change-requests/${proposed.body.id}/approve`, {
      token: t.tokens.approver,
      body: { reason: "agreed by the committee", expectedVersion: (await t.api("GET", "/api/v1/policies")).body.version },
    });
    expect([refused.status, refused.body.detail]).toEqual([409, expect.stringContaining("QX (1 product)")]);
    expect((await t.api("GET", `/api/v1/change-requests/${proposed.body.id}`)).body.status).toBe("pending");
  });
});
