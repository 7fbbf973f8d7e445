/**
 * Proposals a reviewer can judge (issue 17), on SQLite and on PostgreSQL: the
 * preview of a set of changes and of a service run against the small demo
 * company, the run's provenance stored on the request, and the policy
 * coverage checked when a request is raised and again when it is approved.
 * Responses are checked against the contract (CHECK_RESPONSES is on under test).
 */
import { segmentDirection } from "../../shared/src/segmentation/segmentDirection";
import { DEMO_POLICIES } from "../../service/src/demo/loadDemo";
import { STORES, startTestService, type TestService } from "./harness";

jest.setTimeout(60_000);

const RUN = {
  method: "abc",
  computedFrom: "workbook",
  criterion: "Revenue",
  mode: "value",
  cutoffs: { abc: [0.7, 0.9] },
  window: { first: "W01", last: "W52", periods: 52 },
  population: { source: "Items", rows: 60 },
} as const;

describe.each(STORES)("proposals on %s", (store) => {
  let t: TestService;
  let current: Map<string, string>;
  /** product ids by current segment class letter */
  let byClass: Record<string, string[]>;
  const productVersion = async () => (await t.api("GET", "/api/v1/segments?dimension=product")).body.version as number;

  beforeAll(async () => {
    t = await startTestService(store);
    const segments = await t.api("GET", "/api/v1/segments?dimension=product");
    current = new Map(segments.body.assignments.map((a: { entityId: string; segment: string }) => [a.entityId, a.segment]));
    byClass = { A: [], B: [], C: [] };
    for (const [id, segment] of current) byClass[segment[0]]?.push(id);
  });
  afterAll(async () => {
    await t?.close();
  });

  const preview = (body: unknown, token = t.tokens.planner) => t.api("POST", "/api/v1/change-requests/preview", { token, body });

  it("previews moves, directions, the subset, unknown ids, tiny segments and keys no policy row covers (with the hybrid fallback)", async () => {
    const [c1, c2] = byClass.C;
    const [a1, a2] = byClass.A;
    const r = await preview({
      dimension: "product",
      changes: [
        { entityId: c1, segment: "Fasteners|AX" },
        { entityId: c2, segment: "Fasteners|AX" },
        { entityId: a1, segment: "Fasteners|CX" },
        { entityId: a2, segment: current.get(a2) },
        { entityId: "P9001", segment: "AX" },
      ],
    });
    expect(r.status).toBe(200);
    const after = new Map(current);
    after.set(c1, "Fasteners|AX").set(c2, "Fasteners|AX").set(a1, "Fasteners|CX");
    const counts = new Map<string, number>();
    for (const s of after.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
    const tiny = [...counts]
      .filter(([, n]) => n <= 2)
      .map(([segment, count]) => ({ segment, count }))
      .sort((x, y) => x.count - y.count || x.segment.localeCompare(y.segment));
    const fromC = [c1, c2].map((id) => current.get(id)!);
    const transitions = fromC[0] === fromC[1] ? [{ from: fromC[0], to: "Fasteners|AX", count: 2 }] : fromC.map((from) => ({ from, to: "Fasteners|AX", count: 1 }));
    expect(r.body).toMatchObject({
      dimension: "product",
      version: await productVersion(),
      population: 60,
      covered: 4,
      unknown: { count: 1, examples: ["P9001"] },
      changes: 3,
      direction: { upgrade: 2, downgrade: 1, lateral: 0, new: 0 },
      uncoveredKeys: ["Fasteners|CX"],
      tinySegments: tiny,
      duplicateOf: null,
      blocked: true,
    });
    expect(r.body.transitions).toEqual(expect.arrayContaining([...transitions, { from: current.get(a1), to: "Fasteners|CX", count: 1 }]));
    expect(r.body.transitions.map((x: { count: number }) => x.count)).toEqual([...r.body.transitions.map((x: { count: number }) => x.count)].sort((x, y) => y - x));
    expect(r.body.warnings).toEqual([
      "This proposal covers 4 of 60 products: a segmentation of a subset ranks each item against the subset only, so its classes are not comparable with the master data's.",
      "1 id is not a product the service knows: P9001.",
      "1 proposed segment has no policy row: Fasteners|CX. Add a row (for example for CX) to the policy table first.",
      `${tiny.length} segment${tiny.length === 1 ? "" : "s"} would have only 1–2 members: ${tiny.map((x) => `${x.segment} (${x.count})`).join(", ")}.`,
    ]);
    // A viewer may not preview a proposal.
    expect((await preview({ dimension: "product", changes: [{ entityId: c1, segment: "AX" }] }, t.tokens.viewer)).status).toBe(403);
  });

  it("counts a first assignment as new, and a dimension without policies has no uncovered keys", async () => {
    const suppliers = await t.api("GET", "/api/v1/entities/supplier");
    const ids: string[] = suppliers.body.entities.map((e: { id: string }) => e.id);
    const r = await preview({ dimension: "supplier", changes: ids.map((entityId) => ({ entityId, segment: "Preferred|Tier 1" })) });
    expect(r.body).toMatchObject({
      population: ids.length,
      covered: ids.length,
      changes: ids.length,
      transitions: [{ from: null, to: "Preferred|Tier 1", count: ids.length }],
      direction: { upgrade: 0, downgrade: 0, lateral: 0, new: ids.length },
      uncoveredKeys: [],
      blocked: false,
    });
    expect(r.body.warnings).toEqual([]);
  });

  it("names a pending request with the same moves, and a proposal that changes nothing", async () => {
    const [b1] = byClass.B;
    const changes = [{ entityId: b1, segment: current.get(b1) === "BY" ? "BX" : "BY" }];
    const created = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes, justification: "steadier demand" } });
    expect(created.status).toBe(201);
    const again = await preview({ dimension: "product", changes: changes.map((c) => ({ ...c, detail: { note: "detail does not count" } })) });
    expect(again.body).toMatchObject({ duplicateOf: created.body.id, blocked: true, changes: 1, direction: { lateral: 1 } });
    expect(again.body.warnings).toContain(`The same moves already wait for a decision as request ${created.body.id}.`);
    const same = await preview({ dimension: "product", changes: [...current].map(([entityId, segment]) => ({ entityId, segment })) });
    expect(same.body).toMatchObject({ covered: 60, changes: 0, transitions: [], blocked: true, duplicateOf: null });
    expect(same.body.warnings).toContain("Nothing would change: the master data already holds these segments.");
    expect(same.body.warnings.some((w: string) => w.startsWith("This proposal covers"))).toBe(false);
    await t.api("POST", `/api/v1/change-requests/${created.body.id}/reject`, { token: t.tokens.approver, body: { reason: "not now" } });
  });

  it("stores the run a proposal came from, reads it back and audits it", async () => {
    const [c1] = byClass.C;
    const body = { dimension: "product", changes: [{ entityId: c1, segment: "BX" }], justification: "workbook run", run: RUN };
    const created = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body });
    expect(created.status).toBe(201);
    expect(created.body.source).toBe("segmentation-run");
    const detail = await t.api("GET", `/api/v1/change-requests/${created.body.id}`);
    expect(detail.body.payload.run).toEqual(RUN);
    const audit = await t.api("GET", `/api/v1/audit?entity=${created.body.id}&action=change_request.created`);
    expect(audit.body.entries[0].after).toEqual({ source: "segmentation-run", changes: 1, run: RUN });
    await t.api("POST", `/api/v1/change-requests/${created.body.id}/reject`, { token: t.tokens.approver, body: { reason: "not now" } });
  });

  it("refuses a request whose proposed segments no policy row covers, listing them sorted", async () => {
    const [c1, c2, c3] = byClass.C;
    const r = await t.api("POST", "/api/v1/change-requests", {
      token: t.tokens.planner,
      body: {
        dimension: "product",
        changes: [
          { entityId: c1, segment: "Tools|CY" },
          { entityId: c2, segment: "Fasteners|CX" },
          { entityId: c3, segment: "Fasteners|CZ" },
        ],
        justification: "category split",
      },
    });
    expect(r.status).toBe(422);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect(r.body.detail).toBe("changes: 2 proposed segments have no policy row: Fasteners|CX, Tools|CY. Add rows (for example for CX) to the policy table first.");
    expect(r.body.errors).toEqual([{ field: "changes", message: "no policy row covers Fasteners|CX, Tools|CY" }]);
  });

  it("previews a service run with its provenance, using the planner's cut-offs", async () => {
    const same = await t.api("POST", "/api/v1/segmentation-runs/preview", { token: t.tokens.planner, body: { method: "abc-xyz" } });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ population: 60, covered: 60, changes: 0, blocked: true, uncoveredKeys: [] });
    expect(same.body.run).toEqual({
      method: "abc-xyz",
      computedFrom: "service",
      criterion: "revenue",
      mode: "value",
      cutoffs: { abc: [0.8, 0.95], xyz: [0.5, 1] },
      window: { first: "W01", last: "W26", periods: 26 },
      population: { source: "stored order history", rows: 60 },
    });
    const wider = await t.api("POST", "/api/v1/segmentation-runs/preview", { token: t.tokens.planner, body: { method: "abc-xyz", abcCutoffs: [0.6, 0.9], xyzCutoffs: [0.4, 0.9] } });
    expect(wider.body.changes).toBeGreaterThan(0);
    expect(wider.body.transitions.reduce((n: number, x: { count: number }) => n + x.count, 0)).toBe(wider.body.changes);
    const d = wider.body.direction;
    expect(d.upgrade + d.downgrade + d.lateral + d.new).toBe(wider.body.changes);
    expect(wider.body.warnings.some((w: string) => w.startsWith("This proposal covers"))).toBe(false);
    expect(wider.body.run.cutoffs).toEqual({ abc: [0.6, 0.9], xyz: [0.4, 0.9] });
    for (const x of wider.body.transitions) expect(["upgrade", "downgrade", "lateral"]).toContain(segmentDirection(x.from, x.to));
    // The run raised stores the same provenance; once approved, /validate replays it with its cut-offs.
    const run = await t.api("POST", "/api/v1/segmentation-runs", { token: t.tokens.planner, body: { method: "abc-xyz", abcCutoffs: [0.6, 0.9], xyzCutoffs: [0.4, 0.9] } });
    expect(run.status).toBe(201);
    expect(run.body.changes).toBe(wider.body.changes);
    const detail = await t.api("GET", `/api/v1/change-requests/${run.body.changeRequest.id}`);
    expect(detail.body.payload.run).toEqual(wider.body.run);
    expect(detail.body.source).toBe("segmentation-run");
    const again = await t.api("POST", "/api/v1/segmentation-runs/preview", { token: t.tokens.planner, body: { method: "abc-xyz", abcCutoffs: [0.6, 0.9], xyzCutoffs: [0.4, 0.9] } });
    expect(again.body.duplicateOf).toBe(run.body.changeRequest.id);
    const approved = await t.api("POST", `/api/v1/change-requests/${run.body.changeRequest.id}/approve`, { token: t.tokens.approver, body: { reason: "planner's cut-offs", expectedVersion: await productVersion() } });
    expect(approved.status).toBe(200);
    const validate = await t.api("POST", "/api/v1/validate", { token: t.tokens.admin });
    const replayed = validate.body.results.filter((r: { dimension: string }) => r.dimension === "product");
    expect(replayed.at(-1).definition).toMatchObject({ abcCutoffs: [0.6, 0.9], xyzCutoffs: [0.4, 0.9] });
    expect(replayed.at(-1).differences).toEqual([]);
  });

  it("refuses at approval when the policy table no longer covers the request (single and bulk)", async () => {
    const segments = await t.api("GET", "/api/v1/segments?dimension=product");
    const notA = segments.body.assignments.filter((a: { segment: string }) => a.segment !== "AX").map((a: { entityId: string }) => a.entityId);
    const raise = (entityId: string) =>
      t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId, segment: "Fasteners|AX" }], justification: "category key" } });
    const single = await raise(notA[0]);
    const bulk = await raise(notA[1]);
    expect([single.status, bulk.status]).toEqual([201, 201]);
    // A new policy table without "A*": "Fasteners|AX" falls back to AX, which only the catch-all "*" would serve.
    const policies = await t.api("GET", "/api/v1/policies");
    const put = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows: DEMO_POLICIES.filter((p) => p.segment !== "A*"), justification: "A items by their own rows" } });
    expect(put.status).toBe(201);
    expect((await t.api("POST", `/api/v1/change-requests/${put.body.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed", expectedVersion: policies.body.version } })).status).toBe(200);
    const version = await productVersion();
    const one = await t.api("POST", `/api/v1/change-requests/${single.body.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed", expectedVersion: version } });
    expect(one.status).toBe(409);
    expect(one.body.detail).toBe("the current policy table does not cover the proposed segment Fasteners|AX: add a row to the policy table, or reject the request.");
    expect((await t.api("GET", `/api/v1/change-requests/${single.body.id}`)).body.status).toBe("pending");
    const many = await t.api("POST", "/api/v1/change-requests/approve", { token: t.tokens.approver, body: { ids: [bulk.body.id], reason: "agreed", expectedVersions: { product: version } } });
    expect(many.status).toBe(200);
    expect(many.body).toMatchObject({
      approved: [],
      refused: [{ id: bulk.body.id, status: 409, reason: "the current policy table does not cover the proposed segment Fasteners|AX: add a row to the policy table, or reject the request." }],
    });
    expect(await productVersion()).toBe(version);
  });
});
