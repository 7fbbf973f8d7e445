/**
 * The approver's queue at volume, over real HTTP on both stores: an entity's
 * audit trail from its history, obsolete requests retired (audited, refused
 * with a plain 409, out of the default lists), identical proposals refused,
 * and many requests approved into one version per dimension, also when two
 * approvers do it at once.
 */
import { startTestService, STORES, type TestService } from "./harness";

jest.setTimeout(120_000);

describe.each(STORES)("the approver's queue (%s)", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
  });
  afterAll(async () => {
    await t?.close();
  });

  const segmentOf = async (id: string): Promise<string> => (await t.api("GET", `/api/v1/segments/product/${id}`, { token: t.tokens.viewer })).body.segment;
  const currentVersion = async (): Promise<number> => (await t.api("GET", "/api/v1/versions?dimension=product", { token: t.tokens.viewer })).body.current;
  const raise = (changes: Array<[string, string]>, token = t.tokens.planner) =>
    t.api("POST", "/api/v1/change-requests", {
      token,
      body: { dimension: "product", changes: changes.map(([entityId, segment]) => ({ entityId, segment })), justification: `move ${changes.map((c) => c.join(" → ")).join(", ")}` },
    });
  const approve = async (id: string, reason: string, token = t.tokens.approver) => t.api("POST", `/api/v1/change-requests/${id}/approve`, { token, body: { reason, expectedVersion: await currentVersion() } });
  const read = (id: string) => t.api("GET", `/api/v1/change-requests/${id}`, { token: t.tokens.viewer });

  it("GET /audit?entity= lists the entity's segment changes with version, date, from → to, approver, reason and request", async () => {
    const start = await segmentOf("P0010");
    const first = await raise([["P0010", "ZZ1"]]);
    expect((await approve(first.body.id, "moved for the audit test")).status).toBe(200);
    const second = await raise([["P0010", "ZZ2"]]);
    const approved = await approve(second.body.id, "moved again");
    const audit = await t.api("GET", "/api/v1/audit?entity=P0010", { token: t.tokens.sales });
    expect(audit.status).toBe(200);
    const changes = audit.body.entries.filter((e: { action: string }) => e.action === "assignment.changed");
    expect(changes.slice(-2)).toEqual([
      {
        seq: expect.any(Number),
        at: expect.any(String),
        actor: "test-approver",
        action: "assignment.changed",
        entityType: "product",
        entityId: "P0010",
        dimension: "product",
        before: { segment: start },
        after: { segment: "ZZ1", version: approved.body.version - 1, effectiveAt: expect.any(String), changeRequestId: first.body.id },
        reason: "moved for the audit test",
      },
      expect.objectContaining({ before: { segment: "ZZ1" }, after: expect.objectContaining({ segment: "ZZ2", version: approved.body.version, changeRequestId: second.body.id }), reason: "moved again" }),
    ]);
    // In chain order: each change sits at its approval's entry.
    const approvals = await t.api("GET", `/api/v1/audit?entity=${second.body.id}&action=change_request.approved`);
    expect(changes.at(-1).seq).toBe(approvals.body.entries[0].seq);
    const seqs = audit.body.entries.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // The dimension narrows it; an entity another dimension does not have has no changes there.
    expect((await t.api("GET", "/api/v1/audit?entity=P0010&dimension=product")).body.entries.filter((e: { action: string }) => e.action === "assignment.changed")).toHaveLength(changes.length);
    expect((await t.api("GET", "/api/v1/audit?entity=P0010&dimension=customer")).body.entries).toEqual([]);
    expect((await t.api("GET", "/api/v1/audit?entity=P0010&action=change_request.approved")).body.entries).toEqual([]);
    const csv = await t.api("GET", "/api/v1/audit?entity=P0010&format=csv");
    expect(csv.text).toContain("assignment.changed");
  });

  it("retires a request whose from moved on after a version: audited, a plain 409 on approval, out of the default list", async () => {
    const start = await segmentOf("P0011");
    const kept = await raise([["P0011", "ZZ3"]]);
    const stale = await raise([["P0011", "ZZ4"]]);
    expect(stale.status).toBe(201);
    const applied = await approve(kept.body.id, "the first one wins");
    expect(applied.status).toBe(200);
    const retired = await read(stale.body.id);
    const reason = `Retired: P0011 is now in ZZ3 (version ${applied.body.version}), no longer ${start}; this request proposed ${start} → ZZ4.`;
    expect(retired.body).toMatchObject({ status: "retired", decidedBy: "system", decisionReason: reason, appliedVersion: null });
    const refused = await approve(stale.body.id, "too late");
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe(`${reason} It can no longer be approved.`);
    const audit = await t.api("GET", `/api/v1/audit?entity=${stale.body.id}&action=change_request.retired`);
    expect(audit.body.entries).toEqual([expect.objectContaining({ actor: "system", reason, after: { version: applied.body.version } })]);
    const listed = await t.api("GET", "/api/v1/change-requests?dimension=product&limit=1000", { token: t.tokens.viewer });
    expect(listed.body.changeRequests.map((c: { id: string }) => c.id)).not.toContain(stale.body.id);
    const pending = await t.api("GET", "/api/v1/change-requests?status=pending&limit=1000", { token: t.tokens.viewer });
    expect(pending.body.changeRequests.map((c: { id: string }) => c.id)).not.toContain(stale.body.id);
    const asked = await t.api("GET", "/api/v1/change-requests?status=retired&limit=1000", { token: t.tokens.viewer });
    expect(asked.body.changeRequests.map((c: { id: string }) => c.id)).toContain(stale.body.id);
  });

  it("a request that would change nothing is retired when someone tries to approve it, and stays retired", async () => {
    const here = await segmentOf("P0012");
    const idle = await raise([["P0012", here]]);
    expect(idle.status).toBe(201);
    const version = await currentVersion();
    const refused = await approve(idle.body.id, "looks fine");
    expect(refused.status).toBe(409);
    const reason = `Retired: P0012 is already in ${here} (version ${version}); this request proposed ${here} → ${here}.`;
    expect(refused.body.detail).toBe(`${reason} It can no longer be approved.`);
    expect((await read(idle.body.id)).body).toMatchObject({ status: "retired", decisionReason: reason });
    expect(await currentVersion()).toBe(version);
    expect((await t.api("POST", `/api/v1/change-requests/${idle.body.id}/reject`, { token: t.tokens.approver, body: { reason: "not needed" } })).status).toBe(409);
  });

  it("refuses a request identical to a pending one (any order of its changes), naming the pending request", async () => {
    const first = await raise([
      ["P0013", "ZZ5"],
      ["P0014", "ZZ5"],
    ]);
    expect(first.status).toBe(201);
    const again = await raise([
      ["P0014", "ZZ5"],
      ["P0013", "ZZ5"],
    ]);
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(`an identical product request is already pending: ${first.body.id}; decide that one instead`);
    // A different set is a different proposal; once the first is decided the same one may be raised again.
    expect((await raise([["P0013", "ZZ5"]])).status).toBe(201);
    expect((await t.api("POST", `/api/v1/change-requests/${first.body.id}/reject`, { token: t.tokens.approver, body: { reason: "not now" } })).status).toBe(200);
    expect(
      (
        await raise([
          ["P0013", "ZZ5"],
          ["P0014", "ZZ5"],
        ])
      ).status,
    ).toBe(201);
    // Two identical proposals at once: one is raised, the other names it.
    const [a, b] = await Promise.all([raise([["P0015", "ZZ6"]]), raise([["P0015", "ZZ6"]])]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    expect((a.status === 409 ? a : b).body.detail).toContain(winner.body.id);
  });

  it("approves many requests as ONE version with one audit entry each; the rest are refused with a plain reason", async () => {
    const ids = ["P0020", "P0021", "P0022", "P0023", "P0024"];
    const raised = [];
    for (const id of ids) raised.push((await raise([[id, "ZZ7"]])).body.id as string);
    const clash = (await raise([["P0020", "ZZ8"]])).body.id as string;
    const own = (await raise([["P0025", "ZZ7"]], t.tokens.admin)).body.id as string;
    const missing = "00000000-0000-4000-8000-000000000000";
    const before = await currentVersion();
    const stale = await t.api("POST", "/api/v1/change-requests/approve", { token: t.tokens.admin, body: { ids: raised, reason: "quarterly review", expectedVersions: { product: before - 1 } } });
    expect(stale.status).toBe(200);
    expect(stale.body.approved).toEqual([]);
    expect(stale.body.refused).toEqual(raised.map((id) => ({ id, status: 409, reason: `the product version moved on from ${before - 1} to ${before}; review the request again` })));

    const r = await t.api("POST", "/api/v1/change-requests/approve", { token: t.tokens.admin, body: { ids: [...raised, clash, own, missing], reason: "quarterly review", expectedVersions: { product: before } } });
    expect(r.status).toBe(200);
    expect(r.body.versions).toEqual({ product: before + 1 });
    expect(r.body.approved).toEqual(raised.map((id, i) => ({ id, dimension: "product", entityIds: [ids[i]] })));
    expect(r.body.refused).toEqual([
      { id: clash, status: 409, reason: `P0020 is also changed by request ${raised[0]} in this approval: approve this one on its own afterwards` },
      { id: own, status: 403, reason: "you raised this change request: another approver must decide it" },
      { id: missing, status: 404, reason: `change request ${missing} does not exist` },
    ]);
    expect(await currentVersion()).toBe(before + 1);
    for (const [i, id] of raised.entries()) {
      expect((await read(id)).body).toMatchObject({ status: "approved", appliedVersion: before + 1, decidedBy: "test-admin", decisionReason: "quarterly review" });
      expect(await segmentOf(ids[i])).toBe("ZZ7");
      const audit = await t.api("GET", `/api/v1/audit?entity=${id}&action=change_request.approved`);
      expect(audit.body.entries).toEqual([
        expect.objectContaining({ reason: "quarterly review", after: expect.objectContaining({ version: before + 1, changes: [expect.objectContaining({ entityId: ids[i], to: "ZZ7" })] }) }),
      ]);
    }
    // The new version made the clashing request obsolete: P0020 moved on from where it was raised.
    expect((await read(clash)).body).toMatchObject({ status: "retired", decisionReason: expect.stringContaining("P0020 is now in ZZ7") });
    // The entity history names each entity's own request in the bulk version.
    const history = await t.api("GET", "/api/v1/entities/product/P0022/history");
    expect(history.body.changes.at(-1)).toMatchObject({ version: before + 1, to: "ZZ7", approvedBy: "test-admin", reason: "quarterly review", changeRequestId: raised[2] });
    // Deciding the same ones again refuses each, plainly.
    const again = await t.api("POST", "/api/v1/change-requests/approve", { token: t.tokens.approver, body: { ids: [raised[0], clash], reason: "again", expectedVersions: { product: before + 1 } } });
    expect(again.body.refused).toEqual([
      { id: raised[0], status: 409, reason: `change request ${raised[0]} is already approved (by test-admin)` },
      { id: clash, status: 409, reason: expect.stringMatching(/^Retired: P0020 is now in ZZ7 .* It can no longer be approved\.$/) },
    ]);
  });

  it("checks the body and the role", async () => {
    const empty = await t.api("POST", "/api/v1/change-requests/approve", { token: t.tokens.approver, body: { ids: [], reason: "none", expectedVersions: {} } });
    expect([empty.status, empty.body.errors[0].field]).toEqual([400, "body.ids"]);
    const noReason = await t.api("POST", "/api/v1/change-requests/approve", { token: t.tokens.approver, body: { ids: ["x"], reason: "", expectedVersions: {} } });
    expect([noReason.status, noReason.body.errors[0].field]).toEqual([400, "body.reason"]);
    expect((await t.api("POST", "/api/v1/change-requests/approve", { token: t.tokens.planner, body: { ids: ["x"], reason: "mine", expectedVersions: {} } })).status).toBe(403);
  });

  it("two bulk approvals at once: nothing is applied twice, no request is lost", async () => {
    const entities = Array.from({ length: 20 }, (_, i) => `P00${30 + i}`);
    const ids: string[] = [];
    for (const e of entities) ids.push((await raise([[e, "ZZ9"]])).body.id);
    const before = await currentVersion();
    const first = ids.slice(0, 15);
    const second = ids.slice(5);
    const [a, b] = await Promise.all([
      t.api("POST", "/api/v1/change-requests/approve", { token: t.tokens.approver, body: { ids: first, reason: "batch one", expectedVersions: { product: before } } }),
      t.api("POST", "/api/v1/change-requests/approve", { token: t.tokens.approver2, body: { ids: second, reason: "batch two", expectedVersions: { product: before } } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // One of them applied its whole set as one version; the other found it moved on.
    const [winner, loser] = a.body.approved.length ? [a, b] : [b, a];
    expect(winner.body.approved).toHaveLength(winner === a ? 15 : 15);
    expect(winner.body.refused).toEqual([]);
    expect(loser.body.approved).toEqual([]);
    expect(loser.body.refused).toHaveLength(15);
    expect(await currentVersion()).toBe(before + 1);
    const applied = new Set(winner.body.approved.map((x: { id: string }) => x.id));
    for (const x of loser.body.refused) expect(x.reason).toMatch(applied.has(x.id) ? /is already approved/ : /version moved on/);
    // The rest are still pending, and approvable.
    const rest = ids.filter((id) => !applied.has(id));
    for (const id of rest) expect((await read(id)).body.status).toBe("pending");
    const last = await t.api("POST", "/api/v1/change-requests/approve", { token: t.tokens.approver, body: { ids: rest, reason: "the rest", expectedVersions: { product: before + 1 } } });
    expect(last.body.approved).toHaveLength(5);
    for (const id of ids) {
      const audit = await t.api("GET", `/api/v1/audit?entity=${id}&action=change_request.approved`);
      expect(audit.body.entries).toHaveLength(1);
    }
    for (const e of entities) expect(await segmentOf(e)).toBe("ZZ9");
    // Five identical bulk approvals at once: exactly one applies.
    const more: string[] = [];
    for (const e of ["P0051", "P0052", "P0053"]) more.push((await raise([[e, "ZZ10"]])).body.id);
    const now = await currentVersion();
    const racers = await Promise.all(
      [t.tokens.approver, t.tokens.approver2, t.tokens.admin, t.tokens.approver, t.tokens.approver2].map((token) =>
        t.api("POST", "/api/v1/change-requests/approve", { token, body: { ids: more, reason: "race", expectedVersions: { product: now } } }),
      ),
    );
    expect(racers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(racers.filter((r) => r.body.approved.length === 3)).toHaveLength(1);
    expect(racers.filter((r) => r.body.approved.length === 0)).toHaveLength(4);
    expect(await currentVersion()).toBe(now + 1);
  });
});
