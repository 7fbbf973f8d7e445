/**
 * Multi-step approval: a rule for strategic customers needs a planner, then
 * sales, then finance, each a different person, none the raiser; the last
 * step applies the request exactly once. Requests no rule covers keep one
 * approver, as before. On both stores.
 */
import type { Role } from "../../shared/src/api/roles";
import { issueToken } from "../../service/src/auth/tokens";
import { recordStep } from "../../service/src/store/approvalSteps";
import { STORES, startTestService, type TestService } from "./harness";

jest.setTimeout(120_000);

const STRATEGIC_RULES = {
  rules: [
    { dimension: "customer", steps: ["approver"] },
    { dimension: "customer", segment: "Strategic", steps: ["planner", "sales", "finance"] },
  ],
};

describe.each(STORES)("multi-step approval on %s", (store) => {
  let t: TestService;
  let people = 0;
  /** A token of its own person (subject) with this role. */
  const person = async (role: Role, name = `${role} ${++people}`) => (await issueToken(t.service.ctx.db, name, role, new Date(), { subject: `${name.replaceAll(" ", ".")}@example.com` })).token;
  const customers: string[] = [];
  const nextCustomer = () => customers.shift()!;
  const version = async (dimension = "customer") => (await t.api("GET", `/api/v1/versions?dimension=${dimension}`)).body.current as number;
  const raise = async (token: string, entityId: string, segment = "Strategic", dimension = "customer") => {
    const r = await t.api("POST", "/api/v1/change-requests", { token, body: { dimension, changes: [{ entityId, segment }], justification: "account review" } });
    expect(r.status).toBe(201);
    return r.body;
  };
  const approve = async (token: string, id: string, reason = "checked") => t.api("POST", `/api/v1/change-requests/${id}/approve`, { token, body: { reason, expectedVersion: await version() } });
  const audit = async (id: string, action: string) => (await t.api("GET", `/api/v1/audit?entity=${id}&action=${action}`)).body.entries as Array<{ actor: string; after: unknown }>;

  beforeAll(async () => {
    t = await startTestService(store);
    const table = await t.api("GET", "/api/v1/segments?dimension=customer");
    customers.push(...table.body.assignments.filter((a: { segment: string }) => a.segment !== "Strategic").map((a: { entityId: string }) => a.entityId));
    expect(customers.length).toBeGreaterThan(8);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("only an admin replaces the rules, validated field by field and audited", async () => {
    expect((await t.api("GET", "/api/v1/approval-rules", { token: t.tokens.viewer })).body).toEqual({ rules: [], updatedAt: null, updatedBy: null });
    expect((await t.api("PUT", "/api/v1/approval-rules", { token: t.tokens.approver, body: STRATEGIC_RULES })).status).toBe(403);
    const viewerStep = await t.api("PUT", "/api/v1/approval-rules", { body: { rules: [{ dimension: "customer", steps: ["viewer"] }] } });
    expect(viewerStep.status).toBe(400);
    expect(viewerStep.body.errors[0].field).toBe("body.rules[0].steps[0]");
    const twice = await t.api("PUT", "/api/v1/approval-rules", { body: { rules: [STRATEGIC_RULES.rules[1], STRATEGIC_RULES.rules[1]] } });
    expect(twice.status).toBe(400);
    expect(twice.body.detail).toBe('body.rules[1].segment: customer "Strategic" is also rule 0');

    const put = await t.api("PUT", "/api/v1/approval-rules", { body: STRATEGIC_RULES });
    expect(put.status).toBe(200);
    expect(put.body.rules).toEqual(STRATEGIC_RULES.rules);
    expect(put.body.updatedBy).toBe("test-admin");
    expect((await t.api("GET", "/api/v1/approval-rules", { token: t.tokens.viewer })).body.rules).toEqual(STRATEGIC_RULES.rules);
    const entries = await audit("approval_rules", "approval_rules.replaced");
    expect(entries).toHaveLength(1);
    expect(entries[0].after).toEqual(STRATEGIC_RULES);
  });

  it("planner → sales → finance in order: each step recorded and audited, the last applies exactly once", async () => {
    const cr = await raise(t.tokens.admin, nextCustomer());
    expect(cr.approvalSteps).toEqual([
      { role: "planner", decidedBy: null, decidedAt: null },
      { role: "sales", decidedBy: null, decidedAt: null },
      { role: "finance", decidedBy: null, decidedAt: null },
    ]);
    expect(cr.nextStep).toBe("planner");
    const before = await version();

    // Out of order, or by a role the rule does not name: 403 naming the role the step needs.
    const salesFirst = await approve(t.tokens.sales, cr.id);
    expect(salesFirst.status).toBe(403);
    expect(salesFirst.body.detail).toBe(`step 1 of 3 of change request ${cr.id} needs the planner role; you are a sales`);
    expect((await approve(t.tokens.approver, cr.id)).body.detail).toMatch(/needs the planner role; you are an approver/);

    const planner = await approve(t.tokens.planner, cr.id, "volumes confirmed");
    expect(planner.status).toBe(200);
    expect(planner.body.version).toBe(before);
    expect(planner.body.stepped).toEqual({ step: 1, of: 3, nextRole: "sales" });
    expect(planner.body.changeRequest).toMatchObject({ status: "pending", nextStep: "sales", decidedBy: null, appliedVersion: null });
    expect(planner.body.changeRequest.approvalSteps[0]).toMatchObject({ role: "planner", decidedBy: "test-planner" });
    expect(await version()).toBe(before);

    // Another planner after the planner step: told it is done, not that they lack a role.
    const late = await approve(await person("planner"), cr.id);
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/step 1 of 3 \(planner\) is already approved by test-planner; the request now waits for step 2: sales/);

    const sales = await approve(t.tokens.sales, cr.id);
    expect(sales.body.stepped).toEqual({ step: 2, of: 3, nextRole: "finance" });
    const read = await t.api("GET", `/api/v1/change-requests/${cr.id}`);
    expect(read.body.approvalSteps.map((s: { decidedBy: string | null }) => s.decidedBy)).toEqual(["test-planner", "test-sales", null]);
    expect(read.body.nextStep).toBe("finance");
    const listed = await t.api("GET", "/api/v1/change-requests?status=pending&dimension=customer");
    expect(listed.body.changeRequests.find((x: { id: string }) => x.id === cr.id).nextStep).toBe("finance");

    const finance = await approve(t.tokens.finance, cr.id, "margin holds");
    expect(finance.status).toBe(200);
    expect(finance.body.stepped).toBeUndefined();
    expect(finance.body.version).toBe(before + 1);
    expect(finance.body.changeRequest).toMatchObject({ status: "approved", decidedBy: "test-finance", appliedVersion: before + 1, nextStep: null });

    expect((await approve(await person("finance"), cr.id)).status).toBe(409);
    const versions = await t.api("GET", "/api/v1/versions?dimension=customer");
    expect(versions.body.current).toBe(before + 1);
    expect(versions.body.versions.filter((v: { changeRequestId: string }) => v.changeRequestId === cr.id)).toHaveLength(1);
    expect((await audit(cr.id, "change_request.step_approved")).map((e) => [e.actor, e.after])).toEqual([
      ["test-planner", { step: 1, of: 3, role: "planner", actorRole: "planner", next: "sales" }],
      ["test-sales", { step: 2, of: 3, role: "sales", actorRole: "sales", next: "finance" }],
    ]);
    expect(await audit(cr.id, "change_request.approved")).toHaveLength(1);
  });

  it("one person approves one step, never a step of their own request; an admin takes one step and skips none", async () => {
    const cr = await raise(t.tokens.admin, nextCustomer());
    const own = await approve(t.tokens.admin, cr.id);
    expect(own.status).toBe(403);
    expect(own.body.detail).toMatch(/you raised this change request/);

    const pat = await person("planner", "Pat Planner");
    expect((await approve(pat, cr.id)).body.stepped.step).toBe(1);
    // Pat's second token, with a sales role: still Pat.
    const patAsSales = (await issueToken(t.service.ctx.db, "Pat (sales)", "sales", new Date(), { subject: "Pat.Planner@example.com" })).token;
    const twice = await approve(patAsSales, cr.id);
    expect(twice.status).toBe(403);
    expect(twice.body.detail).toBe("you approved step 1 of 3 of this request: step 2 needs another person (a sales)");

    const admin = await person("admin");
    const byAdmin = await approve(admin, cr.id);
    expect(byAdmin.body.stepped).toEqual({ step: 2, of: 3, nextRole: "finance" });
    expect((await approve(admin, cr.id)).status).toBe(403);
    expect((await t.api("GET", `/api/v1/change-requests/${cr.id}`)).body.status).toBe("pending");
  });

  it("a rejection at step 2 rejects the request, by the role of that step", async () => {
    const cr = await raise(t.tokens.admin, nextCustomer());
    expect((await approve(t.tokens.planner, cr.id)).status).toBe(200);
    const early = await t.api("POST", `/api/v1/change-requests/${cr.id}/reject`, { token: t.tokens.finance, body: { reason: "not my turn" } });
    expect(early.status).toBe(403);
    expect(early.body.detail).toMatch(/step 2 of 3 .* is for the sales role/);
    const rejected = await t.api("POST", `/api/v1/change-requests/${cr.id}/reject`, { token: t.tokens.sales, body: { reason: "the account is being renegotiated" } });
    expect(rejected.status).toBe(200);
    expect(rejected.body.changeRequest).toMatchObject({ status: "rejected", decidedBy: "test-sales", nextStep: null });
    expect((await approve(await person("sales"), cr.id)).status).toBe(409);
    const entries = await audit(cr.id, "change_request.rejected");
    expect(entries.map((e) => e.after)).toEqual([{ step: 2, of: 3, role: "sales" }]);
  });

  it("bulk approval records the step of a request that needs more and applies the others", async () => {
    const raiser = await person("planner");
    const strategic = await raise(raiser, nextCustomer());
    const routine = await raise(raiser, nextCustomer(), "Core");
    expect(routine.approvalSteps).toEqual([{ role: "approver", decidedBy: null, decidedAt: null }]);
    const current = await version();
    const bulk = await t.api("POST", "/api/v1/change-requests/approve", { token: t.tokens.admin, body: { ids: [strategic.id, routine.id], reason: "weekly review", expectedVersions: { customer: current } } });
    expect(bulk.status).toBe(200);
    expect(bulk.body.approved.map((a: { id: string }) => a.id)).toEqual([routine.id]);
    expect(bulk.body.versions).toEqual({ customer: current + 1 });
    expect(bulk.body.stepped).toEqual([{ id: strategic.id, dimension: "customer", step: 1, of: 3, nextRole: "sales" }]);
    expect(bulk.body.refused).toEqual([]);
    const read = await t.api("GET", `/api/v1/change-requests/${strategic.id}`);
    expect(read.body).toMatchObject({ status: "pending", nextStep: "sales" });
    expect(await audit(strategic.id, "change_request.step_approved")).toHaveLength(1);
    // An approver's bulk approval cannot take a step that names another role.
    const other = await raise(raiser, nextCustomer());
    const refused = await t.api("POST", "/api/v1/change-requests/approve", { token: t.tokens.approver, body: { ids: [other.id], reason: "weekly review", expectedVersions: { customer: await version() } } });
    expect(refused.body.refused).toEqual([{ id: other.id, status: 403, reason: `step 1 of 3 of change request ${other.id} needs the planner role; you are an approver` }]);
    expect(refused.body.stepped).toBeUndefined();
  });

  it("20 concurrent approvals of one step by 20 planners: exactly one step recorded", async () => {
    const cr = await raise(t.tokens.admin, nextCustomer());
    const planners = await Promise.all(Array.from({ length: 20 }, (_, i) => person("planner", `racing planner ${i}`)));
    const expectedVersion = await version();
    const results = await Promise.all(planners.map((token, i) => t.api("POST", `/api/v1/change-requests/${cr.id}/approve`, { token, body: { reason: `click ${i}`, expectedVersion } })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const read = await t.api("GET", `/api/v1/change-requests/${cr.id}`);
    expect(read.body.approvalSteps.filter((s: { decidedBy: string | null }) => s.decidedBy !== null)).toHaveLength(1);
    expect(read.body).toMatchObject({ status: "pending", nextStep: "sales" });
    expect(await audit(cr.id, "change_request.step_approved")).toHaveLength(1);
    expect(await version()).toBe(expectedVersion);
  });

  it("moving a customer out of Strategic needs the strategic steps too: its current segment counts", async () => {
    const table = await t.api("GET", "/api/v1/segments?dimension=customer");
    const strategic = table.body.assignments.find((a: { segment: string }) => a.segment === "Strategic").entityId as string;
    const cr = await raise(t.tokens.admin, strategic, "Core");
    expect(cr.approvalSteps.map((s: { role: string }) => s.role)).toEqual(["planner", "sales", "finance"]);
    expect((await audit(cr.id, "change_request.created"))[0].after).toMatchObject({ steps: ["planner", "sales", "finance"] });
  });

  it("a request no rule covers needs one approver and answers as before", async () => {
    const now = (await t.api("GET", "/api/v1/segments/product/P0007")).body.segment as string;
    const cr = await raise(t.tokens.planner, "P0007", now === "C" ? "A" : "C", "product");
    expect(cr).toMatchObject({ approvalSteps: [{ role: "approver", decidedBy: null, decidedAt: null }], nextStep: "approver" });
    const current = await version("product");
    const byPlanner = await t.api("POST", `/api/v1/change-requests/${cr.id}/approve`, { token: await person("planner"), body: { reason: "fine", expectedVersion: current } });
    expect(byPlanner.status).toBe(403);
    expect(byPlanner.body.detail).toMatch(/needs the approver role/);
    const approved = await t.api("POST", `/api/v1/change-requests/${cr.id}/approve`, { token: t.tokens.approver, body: { reason: "fine", expectedVersion: current } });
    expect(approved.status).toBe(200);
    expect(Object.keys(approved.body).sort()).toEqual(["changeRequest", "version"]);
    expect(approved.body.version).toBe(current + 1);
    expect(approved.body.changeRequest.approvalSteps).toEqual([{ role: "approver", decidedBy: "test-approver", decidedAt: expect.any(String) }]);
    expect(await audit(cr.id, "change_request.step_approved")).toEqual([]);
  });

  it("a request raised before migration 0010 (no stored steps) needs one approver", async () => {
    const cr = await raise(t.tokens.admin, nextCustomer(), "Core");
    await t.service.ctx.db.updateTable("change_requests").set({ approval_steps: null }).where("id", "=", cr.id).execute();
    expect((await t.api("GET", `/api/v1/change-requests/${cr.id}`)).body).toMatchObject({ approvalSteps: [{ role: "approver", decidedBy: null, decidedAt: null }], nextStep: "approver" });
    const approved = await approve(t.tokens.approver, cr.id);
    expect(approved.status).toBe(200);
    expect(approved.body.changeRequest.status).toBe("approved");
  });

  it("the store itself refuses a step approved twice and a second step by one person", async () => {
    const cr = await raise(t.tokens.admin, nextCustomer());
    const row = { change_request_id: cr.id, step: 1, role: "planner", decided_by: "Ann", decided_by_subject: "ann", reason: "ok", decided_at: new Date().toISOString() };
    expect(await recordStep(t.service.ctx.db, row)).toBe(true);
    expect(await recordStep(t.service.ctx.db, { ...row, decided_by_subject: "bob" })).toBe(false);
    expect(await recordStep(t.service.ctx.db, { ...row, step: 2, role: "sales" })).toBe(false);
    expect((await t.api("GET", `/api/v1/change-requests/${cr.id}`)).body.approvalSteps.map((x: { decidedBy: string | null }) => x.decidedBy)).toEqual(["Ann", null, null]);
  });
});
