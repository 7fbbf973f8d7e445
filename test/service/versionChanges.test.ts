/** "What changed since my table's version": one row per moved entity with the approver, date and reason of the version that moved it. */
import { startTestService, STORES, type TestService } from "./harness";

jest.setTimeout(60_000);

describe.each(STORES)("version changes (%s)", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
  });
  afterAll(async () => {
    await t?.close();
  });

  const current = async () => (await t.api("GET", "/api/v1/versions?dimension=product")).body.current as number;
  const approve = async (changes: Array<{ entityId: string; segment: string }>, reason: string) => {
    const raised = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes, justification: reason } });
    expect(raised.status).toBe(201);
    const approved = await t.api("POST", `/api/v1/change-requests/${raised.body.id}/approve`, { token: t.tokens.approver, body: { reason, expectedVersion: await current() } });
    expect(approved.status).toBe(200);
    return { id: raised.body.id as string, version: approved.body.version as number };
  };
  const segmentOf = async (id: string) => (await t.api("GET", `/api/v1/segments/product/${id}`)).body.segment as string;

  it("lists each moved entity once, with from at `since`, to now, and the provenance of its last move", async () => {
    const since = await current();
    const p10 = await segmentOf("P0010");
    const p11 = await segmentOf("P0011");
    const p12 = await segmentOf("P0012");
    const first = await approve(
      [
        { entityId: "P0010", segment: "QA1" },
        { entityId: "P0011", segment: "QA1" },
      ],
      "first move",
    );
    const second = await approve(
      [
        { entityId: "P0010", segment: "QA2" },
        { entityId: "P0012", segment: "QA2" },
      ],
      "second move",
    );
    // P0012 moves back: the workbook would hold the same value, so it is no change.
    await approve([{ entityId: "P0012", segment: p12 }], "undo");
    const r = await t.api("GET", `/api/v1/versions/changes?dimension=product&since=${since}`, { token: t.tokens.sales });
    expect(r.status).toBe(200);
    expect(r.body.since).toBe(since);
    expect(r.body.current).toBe(second.version + 1);
    expect(Date.parse(r.body.currentAt)).toBeGreaterThan(0);
    expect(r.headers.get("etag")).toBe(`"product-v${second.version + 1}-json"`);
    const names = (await t.api("GET", "/api/v1/entities/product?limit=1000")).body.entities as Array<{ id: string; name: string }>;
    const nameOf = (id: string) => names.find((e) => e.id === id)?.name;
    expect(r.body.changes).toEqual([
      { entityId: "P0010", name: nameOf("P0010"), from: p10, to: "QA2", version: second.version, effectiveAt: expect.any(String), approvedBy: "test-approver", reason: "second move", changeRequestId: second.id },
      { entityId: "P0011", name: nameOf("P0011"), from: p11, to: "QA1", version: first.version, effectiveAt: expect.any(String), approvedBy: "test-approver", reason: "first move", changeRequestId: first.id },
    ]);
    // From the first move's version on, only the second move of P0010 (P0012's round trip nets out).
    const later = await t.api("GET", `/api/v1/versions/changes?dimension=product&since=${first.version}`);
    expect(later.body.changes.map((c: { entityId: string; from: string }) => [c.entityId, c.from])).toEqual([["P0010", "QA1"]]);
  });

  it("answers 304 to the tag of the current segments table and an empty list at the current version", async () => {
    const segments = await t.api("GET", "/api/v1/segments?dimension=product");
    const tag = segments.headers.get("etag")!;
    const now = await current();
    const r = await t.api("GET", `/api/v1/versions/changes?dimension=product&since=${now - 1}`, { headers: { "If-None-Match": tag } });
    expect(r.status).toBe(304);
    const empty = await t.api("GET", `/api/v1/versions/changes?dimension=product&since=${now}`);
    expect(empty.body).toEqual({ dimension: "product", since: now, current: now, currentAt: expect.any(String), changes: [] });
  });

  it("counts every assigned entity as entered since version 0, bounded by the dimension", async () => {
    const r = await t.api("GET", "/api/v1/versions/changes?dimension=customer&since=0");
    const table = await t.api("GET", "/api/v1/segments?dimension=customer");
    expect(r.body.changes).toHaveLength(table.body.assignments.length);
    expect(r.body.changes.every((c: { from: string | null }) => c.from === null)).toBe(true);
  });

  it("refuses a version newer than the current one and a non-number, naming the field", async () => {
    const now = await current();
    const ahead = await t.api("GET", `/api/v1/versions/changes?dimension=product&since=${now + 5}`);
    expect(ahead.status).toBe(400);
    expect(ahead.body.errors).toEqual([{ field: "since", message: `version ${now + 5} is newer than the current product version ${now}` }]);
    const bad = await t.api("GET", "/api/v1/versions/changes?dimension=product&since=abc");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain("since");
  });
});
