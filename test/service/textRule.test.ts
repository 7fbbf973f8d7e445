/**
 * Input a store would refuse must be refused first, as a 4xx naming the
 * field, on both stores: NUL and control characters in any text (bodies,
 * query strings, CSV cells, run labels), numbers out of the stored range,
 * hex and other non-decimal numbers in a file, duplicate headers. Plus what
 * a client sees of the change-request pages, the look-up and caching.
 */
import { STORES, startTestService, type TestService, importForm } from "./harness";

jest.setTimeout(60_000);

describe.each(STORES)("the one text rule and stored ranges on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
  });
  afterAll(async () => {
    await t?.close();
  });

  const expect400 = (r: { status: number; body: { errors?: Array<{ field: string; message: string }> } }, field: string, message: RegExp) => {
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0].field).toBe(field);
    expect(r.body.errors?.[0].message).toMatch(message);
  };

  it("refuses NUL in free text, ids, labels and query strings with a 400 naming the field", async () => {
    const change = (patch: object) =>
      t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId: "P0001", segment: "A" }], justification: "fine text", ...patch } });
    expect400(await change({ justification: "why\u0000not" }), "body.justification", /NUL/);
    expect400(await change({ changes: [{ entityId: "P0\u00001", segment: "A" }] }), "body.changes[0].entityId", /NUL/);
    expect400(await change({ changes: [{ entityId: "P0001", segment: "A\u0000" }] }), "body.changes[0].segment", /NUL/);
    expect400(await change({ changes: [{ entityId: "P0001", segment: "A", detail: { note: "x\u0000" } }] }), "body.changes[0].detail.note", /NUL/);
    expect400(await t.api("GET", "/api/v1/change-requests?source=a%00b"), "query.source", /NUL/);
    expect400(await t.api("GET", "/api/v1/audit?entity=a%00b"), "query.entity", /NUL/);
    expect400(await t.api("GET", "/api/v1/segments/product/P%0001"), "params.id", /NUL/);
    expect400(await t.api("POST", "/api/v1/segments/lookup", { body: { ids: ["P0001", "P\u00002"] } }), "body.ids[1]", /NUL/);
    // free text keeps its line breaks, but no other control character
    expect((await change({ justification: "line one\nline two" })).status).toBe(201);
    expect400(await change({ justification: "bell\u0007" }), "body.justification", /control/);
  });

  it("applies the segment-label rule to segmentation-run labels", async () => {
    const run = (labels: string[]) => t.api("POST", "/api/v1/segmentation-runs", { token: t.tokens.planner, body: { method: "abc", labels } });
    expect400(await run(["A", "B*", "C"]), "body.labels[1]", /\*/);
    expect400(await run(["A\u0000", "B", "C"]), "body.labels[0]", /NUL/);
    expect400(await run(["A", "B", "x".repeat(101)]), "body.labels[2]", /at most 100/);
  });

  it("range-checks versions before SQL: 2^31 and above is a 400, not a 500", async () => {
    const big = 2 ** 31;
    expect400(await t.api("GET", `/api/v1/segments?version=${big}`), "query.version", /≤ 2147483647/);
    expect400(await t.api("GET", `/api/v1/segments/product/P0001?version=${big}`), "query.version", /≤ 2147483647/);
    expect400(await t.api("GET", `/api/v1/versions/diff?from=0&to=${2 ** 53}`), "query.to", /whole number|<= 2147483647/);
    expect400(await t.api("POST", "/api/v1/segments/lookup", { body: { ids: ["P0001"], version: big } }), "body.version", /≤ 2147483647/);
    expect400(await t.api("GET", `/api/v1/entities/product?offset=${2 ** 40}`), "query.offset", /./);
    const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId: "P0001", segment: "RANGE" }], justification: "range" } });
    expect400(await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: "ok then", expectedVersion: big } }), "body.expectedVersion", /≤ 2147483647/);
  });

  it("imports: NUL and control characters in any cell, hex numbers, over-long ids and duplicate headers are refused, naming row and field", async () => {
    const header = "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle";
    const supplier = (await t.api("GET", "/api/v1/entities/supplier?limit=1")).body.entities[0].id;
    const post = (content: string, kind = "products") => t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm(kind, "p.csv", content) as never });
    let r = await post(`${header}\nX1,Name\u0000,cat,1,1,${supplier},active\n`);
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ field: "rows[1].name", message: expect.stringMatching(/NUL/) });
    r = await post(`${header}\nX1,Name,cat,0x10,1,${supplier},active\n`);
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ field: "rows[1].unit_price", message: expect.stringMatching(/must be a number/) });
    for (const bad of ["1e999", "Infinity", "0b1", " 1 2", "1,5"]) {
      r = await post(`${header}\nX1,Name,cat,"${bad}",1,${supplier},active\n`);
      expect([bad, r.status]).toEqual([bad, 422]);
    }
    r = await post(`${header}\nX1,Name,cat,1.5e1,1,${supplier},active\n`);
    expect(r.status).toBe(201);
    r = await post(`${header}\n${"Y".repeat(100_000)},Name,cat,1,1,${supplier},active\n`);
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ field: "rows[1].product_id", message: expect.stringMatching(/at most 100/) });
    r = await post(`${header}\nX\u00012,Name,cat,1,1,${supplier},active\n`);
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ field: "rows[1].product_id", message: expect.stringMatching(/control/) });
    r = await post(`${header},extra\nX3,Name,cat,1,1,${supplier},active,"bad\u0000cell"\n`);
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ field: "rows[1].extra", message: expect.stringMatching(/NUL/) });
    r = await post(`product_id,name,category,unit_price,Unit_Price,unit_cost,supplier_id,lifecycle\nX4,Name,cat,1,2,1,${supplier},active\n`);
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/"unit_price" appears twice/);
    expect(r.body.errors[0].field).toBe("header.unit_price");
    // whatever an import accepts, the read API serves back
    const ok = await post(`${header}\nX-ok_1.2,Name,cat,1,1,${supplier},active\n`);
    expect(ok.status).toBe(201);
    expect((await t.api("GET", "/api/v1/entities/product?limit=10000")).body.entities.some((e: { id: string }) => e.id === "X-ok_1.2")).toBe(true);
  });

  it("marks every authenticated answer Cache-Control: no-store", async () => {
    for (const route of ["/api/v1/me", "/api/v1/segments?dimension=product", "/api/v1/policies", "/api/v1/change-requests?limit=1", "/api/v1/nowhere"]) {
      const r = await t.api("GET", route);
      expect([route, r.headers.get("cache-control")]).toEqual([route, "no-store"]);
    }
    const denied = await t.api("GET", "/api/v1/me", { token: "tl_wrong" });
    expect([denied.status, denied.headers.get("cache-control")]).toEqual([401, "no-store"]);
  });

  it("pages the change-request list newest first with a total and a cursor; the default page still answers old callers", async () => {
    const customer = (await t.api("GET", "/api/v1/entities/customer?limit=1")).body.entities[0].id;
    // Seven different proposals: an identical pending one would be refused.
    for (let i = 0; i < 7; i++) {
      const r = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "customer", changes: [{ entityId: customer, segment: `T${i}` }], justification: `page ${i}` } });
      expect(r.status).toBe(201);
    }
    const all = await t.api("GET", "/api/v1/change-requests?dimension=customer&status=pending");
    expect(all.body.total).toBe(all.body.changeRequests.length);
    expect(all.body.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await t.api("GET", `/api/v1/change-requests?dimension=customer&status=pending&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(all.body.total);
      seen.push(...r.body.changeRequests.map((c: { id: string }) => c.id));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(all.body.changeRequests.map((c: { id: string }) => c.id));
    expect(all.body.changeRequests[0].size).toBe(1);
    const bad = await t.api("GET", "/api/v1/change-requests?cursor=not*a*cursor");
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe("query.cursor");
  });

  it("looks up only the ids asked for, in the order asked, unknown ids as null", async () => {
    const r = await t.api("POST", "/api/v1/segments/lookup", { body: { dimension: "product", ids: ["P0002", "NOPE", "P0001", "P0002"] } });
    expect(r.status).toBe(200);
    const table = new Map((await t.api("GET", "/api/v1/segments?dimension=product")).body.assignments.map((a: { entityId: string; segment: string }) => [a.entityId, a.segment]));
    expect(r.body.segments).toEqual([
      { id: "P0002", segment: table.get("P0002") },
      { id: "NOPE", segment: null },
      { id: "P0001", segment: table.get("P0001") },
      { id: "P0002", segment: table.get("P0002") },
    ]);
    const many = Array.from({ length: 2500 }, (_, i) => `P${String((i % 80) + 1).padStart(4, "0")}`);
    const big = await t.api("POST", "/api/v1/segments/lookup", { body: { dimension: "product", ids: many } });
    expect(big.body.segments.map((s: { segment: string | null }) => s.segment)).toEqual(many.map((id) => table.get(id) ?? null));
  });
});
