/**
 * Every route over real HTTP (server on port 0), on SQLite and on PostgreSQL:
 * the same suite is the store contract's test.
 */
import ExcelJS from "exceljs";
import { STORES, startTestService, type TestService, importForm } from "./harness";

jest.setTimeout(60_000);

describe.each(STORES)("service routes on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe("health and spec", () => {
    it("answers /healthz and /readyz without a token", async () => {
      expect((await t.api("GET", "/healthz", { token: null })).body).toEqual({ status: "ok" });
      expect((await t.api("GET", "/readyz", { token: null })).body).toEqual({ status: "ready", store });
    });

    it("serves an OpenAPI 3.1 document listing every route with its roles", async () => {
      const { status, body } = await t.api("GET", "/api/v1/openapi.json", { token: null });
      expect(status).toBe(200);
      expect(body.openapi).toBe("3.1.0");
      for (const path of [
        "/api/v1/imports",
        "/api/v1/segments",
        "/api/v1/segments/{dimension}/{id}",
        "/api/v1/versions/diff",
        "/api/v1/change-requests/{id}/approve",
        "/api/v1/audit",
        "/api/v1/policies",
        "/api/v1/compute/{engine}",
        "/api/v1/validate",
      ]) {
        expect(body.paths[path]).toBeDefined();
      }
      expect(body.paths["/api/v1/change-requests/{id}/approve"].post["x-roles"]).toEqual(["planner", "sales", "finance", "approver", "admin"]);
      expect(body.paths["/api/v1/change-requests/{id}/approve"].post.requestBody.content["application/json"].schema.required).toEqual(["reason", "expectedVersion"]);
    });

    it("answers unknown routes with a problem+json 404", async () => {
      const r = await t.api("GET", "/api/v1/nothing-here");
      expect(r.status).toBe(404);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
      expect(r.body).toMatchObject({ status: 404, title: "Not found", detail: "no route GET /api/v1/nothing-here" });
    });
  });

  describe("access", () => {
    it("refuses a missing or unknown token with 401", async () => {
      expect((await t.api("GET", "/api/v1/segments", { token: null })).status).toBe(401);
      const r = await t.api("GET", "/api/v1/segments", { token: "tl_nope" });
      expect(r.status).toBe(401);
      expect(r.headers.get("www-authenticate")).toContain("Bearer");
    });

    it.each([
      ["viewer", "POST", "/api/v1/change-requests", 403],
      ["viewer", "POST", "/api/v1/segmentation-runs", 403],
      ["sales", "POST", "/api/v1/segmentation-runs", 403],
      ["planner", "POST", "/api/v1/validate", 403],
      ["planner", "POST", "/api/v1/freeze-windows", 403],
      ["approver", "PUT", "/api/v1/policies", 403],
      ["finance", "POST", "/api/v1/imports", 403],
    ] as const)("%s may not %s %s", async (role, method, path, status) => {
      const r = await t.api(method, path, { token: t.tokens[role], body: {} });
      expect(r.status).toBe(status);
      expect(r.body.detail).toMatch(new RegExp(`^role ${role} may not`));
    });

    it("lets an approver approve, never a planner", async () => {
      const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId: "P0001", segment: "AX" }], justification: "access test" } });
      const r = await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.planner, body: { reason: "mine", expectedVersion: 1 } });
      expect(r.status).toBe(403);
      await t.api("POST", `/api/v1/change-requests/${cr.body.id}/reject`, { token: t.tokens.approver, body: { reason: "cleanup" } });
    });
  });

  describe("master data and refresh", () => {
    it("lists entities with attributes", async () => {
      const r = await t.api("GET", "/api/v1/entities/customers?limit=5", { token: t.tokens.viewer });
      expect(r.status).toBe(200);
      expect(r.body.entities).toHaveLength(5);
      expect(r.body.entities[0]).toMatchObject({ id: "C001", attributes: { region: expect.any(String), strategic: expect.any(Boolean) } });
    });

    it("serves the assignment table with the version as ETag and answers If-None-Match with 304", async () => {
      const r = await t.api("GET", "/api/v1/segments?dimension=product", { token: t.tokens.viewer });
      expect(r.status).toBe(200);
      expect(r.body.version).toBe(1);
      expect(r.body.assignments).toHaveLength(60);
      const etag = r.headers.get("etag")!;
      expect(etag).toBe('"product-v1-json"');
      const again = await t.api("GET", "/api/v1/segments?dimension=product", { token: t.tokens.viewer, headers: { "If-None-Match": etag } });
      expect(again.status).toBe(304);
      expect(again.text).toBe("");
    });

    it("exports CSV and xlsx", async () => {
      const csv = await t.api("GET", "/api/v1/segments?dimension=customer&format=csv", { token: t.tokens.viewer });
      expect(csv.headers.get("content-type")).toContain("text/csv");
      expect(csv.text.split("\n")[0]).toBe("entity_id,segment");
      expect(csv.text.trim().split("\n")).toHaveLength(25);
      const res = await fetch(`${t.url}/api/v1/segments?dimension=product&format=xlsx`, { headers: { Authorization: `Bearer ${t.tokens.viewer}` } });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      const sheet = workbook.worksheets[0];
      expect(sheet.getCell("A1").value).toBe("entity_id");
      expect(sheet.getCell("E1").value).toBe(1);
      expect(sheet.rowCount).toBe(61);
    });

    it("looks up one entity, and says 404 for an unknown one or version", async () => {
      const r = await t.api("GET", "/api/v1/segments/product/P0001", { token: t.tokens.viewer });
      expect(r.body).toMatchObject({ dimension: "product", id: "P0001", version: 1, segment: expect.stringMatching(/^[ABC][XYZN]$/) });
      expect((await t.api("GET", "/api/v1/segments/product/NOPE", { token: t.tokens.viewer })).status).toBe(404);
      const v = await t.api("GET", "/api/v1/segments/product/P0001?version=99", { token: t.tokens.viewer });
      expect(v.status).toBe(404);
      expect(v.body.detail).toBe("version 99 of product segments does not exist");
    });

    it("looks up many ids in one request (the add-in's batched TIER.SEGMENT)", async () => {
      const r = await t.api("POST", "/api/v1/segments/lookup", { token: t.tokens.viewer, body: { dimension: "customer", ids: ["C001", "NOPE"] } });
      expect(r.status).toBe(200);
      expect(r.body.segments[1]).toEqual({ id: "NOPE", segment: null });
      expect(r.body.segments[0].segment).toEqual(expect.any(String));
    });

    it("names the field of a bad query", async () => {
      const r = await t.api("GET", "/api/v1/segments?dimension=planets", { token: t.tokens.viewer });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].field).toBe("query.dimension");
      const v = await t.api("GET", "/api/v1/segments?version=-1", { token: t.tokens.viewer });
      expect(v.body.errors[0]).toEqual({ field: "query.version", message: "must be ≥ 0" });
    });
  });

  describe("governed change", () => {
    it("runs a segmentation that proposes, applies it once on approval, and versions it", async () => {
      const run = await t.api("POST", "/api/v1/segmentation-runs", { token: t.tokens.planner, body: { method: "abc", criterion: "margin", mode: "count", cutoffs: [0.2, 0.5], justification: "margin-based ABC" } });
      expect(run.status).toBe(201);
      expect(run.body.changeRequest).toMatchObject({ status: "pending", source: "segmentation-run", dimension: "product", baseVersion: 1 });
      // Nothing changed yet.
      expect((await t.api("GET", "/api/v1/versions?dimension=product")).body.current).toBe(1);
      const detail = await t.api("GET", `/api/v1/change-requests/${run.body.changeRequest.id}`, { token: t.tokens.viewer });
      expect(detail.body.diff.length).toBe(run.body.changes);
      const approve = await t.api("POST", `/api/v1/change-requests/${run.body.changeRequest.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed in S&OP", expectedVersion: 1 } });
      expect(approve.status).toBe(200);
      expect(approve.body).toMatchObject({ version: 2, changeRequest: { status: "approved", decidedBy: "test-approver", appliedVersion: 2 } });
      const diff = await t.api("GET", "/api/v1/versions/diff?dimension=product&from=1&to=2", { token: t.tokens.viewer });
      expect(diff.body.changes).toHaveLength(run.body.changes);
      expect(diff.body.changes[0]).toEqual({ entityId: expect.any(String), from: expect.any(String), to: expect.stringMatching(/^[ABC]$/) });
      // A second approval of the same request is a conflict.
      const again = await t.api("POST", `/api/v1/change-requests/${run.body.changeRequest.id}/approve`, { token: t.tokens.approver2, body: { reason: "me too", expectedVersion: 2 } });
      expect(again.status).toBe(409);
      expect(again.body.detail).toBe(`change request ${run.body.changeRequest.id} is already approved (by test-approver)`);
      // The as-of-version read still gives the old segment.
      const old = await t.api("GET", `/api/v1/segments?dimension=product&version=1`, { token: t.tokens.viewer });
      expect(old.body.version).toBe(1);
    });

    it("runs multi-criteria ABC and hybrid keys over the stored data", async () => {
      const mc = await t.api("POST", "/api/v1/segmentation-runs", {
        token: t.tokens.planner,
        body: { method: "mcabc", criteria: [{ metric: "revenue", weight: 2 }, { metric: "marginPct" }, { metric: "cv" }], justification: "multi-criteria" },
      });
      expect(mc.status).toBe(201);
      const mcDetail = await t.api("GET", `/api/v1/change-requests/${mc.body.changeRequest.id}`);
      expect(mcDetail.body.payload.changes[0].detail).toEqual({ mcabc: expect.stringMatching(/^[ABC]$/), score: expect.any(Number) });
      // Every product was classified; only those whose segment differs from the current one are proposed.
      expect(mc.body.proposed).toBe(60);
      expect(mcDetail.body.payload.changes).toHaveLength(mc.body.changes);
      // The demo policy table has no row for a tier|region key (its catch-all "*" serves one-part keys only): previewed, and refused when raised.
      const hybridBody = { method: "hybrid", dimension: "customer", parts: ["tier", "region"] };
      const preview = await t.api("POST", "/api/v1/segmentation-runs/preview", { token: t.tokens.planner, body: hybridBody });
      expect(preview.body.transitions[0].to).toMatch(/^(Strategic|Key|Core|Transactional)\|(North|South|West)$/);
      expect(preview.body.blocked).toBe(true);
      const hybrid = await t.api("POST", "/api/v1/segmentation-runs", { token: t.tokens.planner, body: hybridBody });
      expect(hybrid.status).toBe(422);
      expect(hybrid.body.errors).toEqual([{ field: "changes", message: `no policy row covers ${preview.body.uncoveredKeys.join(", ")}` }]);
      const badPart = await t.api("POST", "/api/v1/segmentation-runs", { token: t.tokens.planner, body: { method: "hybrid", dimension: "customer", parts: ["tier", "xyz"] } });
      expect(badPart.status).toBe(400);
      expect(badPart.body.errors[0]).toEqual({ field: "parts", message: '"xyz" is not a customer part (tier, region, channel)' });
      for (const id of [mc.body.changeRequest.id]) await t.api("POST", `/api/v1/change-requests/${id}/reject`, { token: t.tokens.approver, body: { reason: "exploration only" } });
    });

    it("refuses a stale expectedVersion with 409 and applies nothing", async () => {
      const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.sales, body: { dimension: "customer", changes: [{ entityId: "C002", segment: "Key" }], justification: "won the tender" } });
      expect(cr.status).toBe(201);
      const stale = await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: "okay", expectedVersion: 0 } });
      expect(stale.status).toBe(409);
      expect(stale.body.detail).toBe("expectedVersion 0 is stale: the current customer version is 1; review the request again");
      expect((await t.api("GET", "/api/v1/versions?dimension=customer")).body.current).toBe(1);
      const ok = await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: "okay", expectedVersion: 1 } });
      expect(ok.status).toBe(200);
      expect((await t.api("GET", "/api/v1/segments/customer/C002")).body.segment).toBe("Key");
    });

    it("needs a second person: the raiser cannot approve", async () => {
      const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.admin, body: { dimension: "product", changes: [{ entityId: "P0002", segment: "B" }], justification: "four eyes" } });
      const r = await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.admin, body: { reason: "self", expectedVersion: 2 } });
      expect(r.status).toBe(403);
      const rejected = await t.api("POST", `/api/v1/change-requests/${cr.body.id}/reject`, { token: t.tokens.approver, body: { reason: "not needed" } });
      expect(rejected.body.changeRequest).toMatchObject({ status: "rejected", decisionReason: "not needed" });
      expect((await t.api("POST", `/api/v1/change-requests/${cr.body.id}/reject`, { token: t.tokens.approver2, body: { reason: "again" } })).status).toBe(409);
    });

    it("lists change requests by status and dimension", async () => {
      const r = await t.api("GET", "/api/v1/change-requests?status=approved&dimension=product", { token: t.tokens.viewer });
      expect(r.body.changeRequests.length).toBeGreaterThanOrEqual(2);
      expect(r.body.changeRequests.every((c: { status: string; dimension: string }) => c.status === "approved" && c.dimension === "product")).toBe(true);
    });

    it("requires a reason and names unknown entities", async () => {
      const noReason = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId: "P0001", segment: "A" }], justification: "" } });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors[0]).toEqual({ field: "body.justification", message: "say why (at least 3 characters)" });
      const unknown = await t.api("POST", "/api/v1/change-requests", {
        token: t.tokens.planner,
        body: {
          dimension: "product",
          changes: [
            { entityId: "P0001", segment: "A" },
            { entityId: "ZZZ", segment: "A" },
          ],
          justification: "typo",
        },
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([{ field: "changes[1].entityId", message: 'unknown product "ZZZ"' }]);
      const badId = await t.api("POST", "/api/v1/change-requests/not-a-uuid/approve", { token: t.tokens.approver, body: { reason: "x y z", expectedVersion: 1 } });
      expect(badId.status).toBe(400);
      expect(badId.body.errors[0].field).toBe("params.id");
    });

    it("blocks approvals inside a freeze window", async () => {
      const start = new Date(Date.now() - 60_000).toISOString();
      const end = new Date(Date.now() + 3_600_000).toISOString();
      const fw = await t.api("POST", "/api/v1/freeze-windows", { token: t.tokens.admin, body: { dimension: "region", startsAt: start, endsAt: end, reason: "year-end close" } });
      expect(fw.status).toBe(201);
      await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("regions", "regions.csv", "region_id,name\nN,North\n") as never });
      const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "region", changes: [{ entityId: "N", segment: "core" }], justification: "first region tier" } });
      const r = await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: "go ahead", expectedVersion: 0 } });
      expect(r.status).toBe(409);
      expect(r.body.detail).toMatch(/^region changes are frozen until .*: year-end close$/);
    });
  });

  describe("policies", () => {
    it("reads the table and changes it only through an approved change request", async () => {
      const before = await t.api("GET", "/api/v1/policies", { token: t.tokens.viewer });
      expect(before.body.version).toBe(1);
      const rows = [...before.body.rows, { ...before.body.rows[0], segment: "AX", cycleServiceLevel: 0.995 }];
      const put = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows, justification: "AX gets 99.5 %" } });
      expect(put.status).toBe(201);
      expect((await t.api("GET", "/api/v1/policies")).body.version).toBe(1);
      const ok = await t.api("POST", `/api/v1/change-requests/${put.body.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed", expectedVersion: 1 } });
      expect(ok.status).toBe(200);
      expect((await t.api("GET", "/api/v1/policies")).body.rows).toHaveLength(rows.length);
    });

    it("names the row and field of a bad policy", async () => {
      const r = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows: [{ segment: "*", cycleServiceLevel: 1.5 }], justification: "bad" } });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].field).toBe("body.rows[0].cycleServiceLevel");
    });
  });

  describe("imports", () => {
    it("imports a CSV all or nothing, naming every bad row and field", async () => {
      const bad = "supplier_id,name,lead_time_mean_days,lead_time_sd_days,on_time_rate,fill_rate,quality_ppm\nS90,Ok,10,2,0.9,0.95,100\nS91,Bad,ten,2,0.9,1.5,100\n";
      const r = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("suppliers", "suppliers.csv", bad) as never });
      expect(r.status).toBe(422);
      expect(r.body.detail).toBe('suppliers.csv: 2 problems; nothing was imported. First: row 2, lead_time_mean_days: must be a number, got "ten"');
      expect(r.body.errors).toEqual([
        { field: "rows[2].lead_time_mean_days", row: 2, message: 'must be a number, got "ten"' },
        { field: "rows[2].fill_rate", row: 2, message: 'must be between 0 and 1, got "1.5"' },
      ]);
      const after = await t.api("GET", "/api/v1/entities/supplier?limit=1000");
      expect(after.body.entities.find((e: { id: string }) => e.id === "S90")).toBeUndefined();
    });

    it("imports an xlsx file", async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("feedback");
      sheet.addRow(["customer_id", "nps", "csat"]);
      sheet.addRow(["C001", 45, 88]);
      sheet.addRow(["C002", -20, 61]);
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      const r = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("customer_feedback", "feedback.xlsx", buffer) as never });
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ kind: "customer_feedback", rows: 2, written: 2, errors: [] });
      const c = await t.api("GET", "/api/v1/entities/customer?limit=2");
      expect(c.body.entities[0].attributes).toMatchObject({ nps: 45, csat: 88 });
    });

    it("refuses references to unknown entities and a missing file", async () => {
      const r = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("customer_feedback", "f.csv", "customer_id,nps\nC999,10\n") as never });
      expect(r.status).toBe(422);
      expect(r.body.errors[0]).toEqual({ field: "rows[1].customer_id", row: 1, message: 'unknown customer "C999": import customers first' });
      const fd = new FormData();
      fd.set("kind", "products");
      const none = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: fd as never });
      expect(none.status).toBe(400);
      expect(none.body.errors[0].field).toBe("file");
    });
  });

  describe("audit, compute and validate", () => {
    it("keeps an append-only audit trail, filterable and exportable", async () => {
      const all = await t.api("GET", "/api/v1/audit?action=change_request.approved", { token: t.tokens.viewer });
      expect(all.body.entries.length).toBeGreaterThanOrEqual(3);
      expect(all.body.entries[0]).toMatchObject({ action: "change_request.approved", actor: expect.any(String), reason: expect.any(String), after: { version: expect.any(Number) } });
      const csv = await t.api("GET", "/api/v1/audit?format=csv&action=import.products", { token: t.tokens.viewer });
      expect(csv.text.split("\n")[0]).toBe("seq,at,actor,action,entityType,entityId,dimension,before,after,reason");
      // Errors from the native SQLite driver can come from another jest realm, which `rejects.toThrow`
      // misreads; compare the messages instead.
      const outcome = (p: Promise<unknown>) =>
        p.then(
          () => "went through",
          (e: Error) => e.message,
        );
      expect(await outcome(t.service.ctx.db.updateTable("audit_log").set({ actor: "forger" }).execute())).toMatch(/append-only/);
      expect(await outcome(t.service.ctx.db.deleteFrom("audit_log").execute())).toMatch(/append-only/);
    });

    it("computes ABC statelessly, validating like the worksheet functions", async () => {
      const r = await t.api("POST", "/api/v1/compute/abc", { token: t.tokens.viewer, body: { values: [50, 30, 15, 5] } });
      expect(r.body.result.items.map((i: { class: string }) => i.class)).toEqual(["A", "A", "B", "C"]);
      const bad = await t.api("POST", "/api/v1/compute/abc", { token: t.tokens.viewer, body: { values: [1, "x"] } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe("body.values[1]");
      expect((await t.api("POST", "/api/v1/compute/nope", { token: t.tokens.viewer, body: {} })).status).toBe(404);
      const zero = await t.api("POST", "/api/v1/compute/abc", { token: t.tokens.viewer, body: { values: [0, 0] } });
      expect(zero.status).toBe(400);
      expect(zero.body.errors[0]).toEqual({ field: "values", message: "no value is above 0: ABC by value needs a positive total" });
    });

    it("computes safety stock, GSM, forecasts and cost-to-serve with the shared engines", async () => {
      // z(0.95) = 1.6448536269514722; σ over L = 4: √(4 · 20²) = 40 → SS 65.794, ROP 400 + SS.
      const ss = await t.api("POST", "/api/v1/compute/safety-stock", { token: t.tokens.viewer, body: { items: [{ id: "P1", demandMean: 100, demandSd: 20, leadTime: 4, serviceLevel: 0.95 }] } });
      expect(ss.status).toBe(200);
      expect(ss.body.result.items[0].safetyStock).toBeCloseTo(1.6448536269514722 * 40, 9);
      expect(ss.body.result.items[0].reorderPoint).toBeCloseTo(400 + 1.6448536269514722 * 40, 9);
      const badSs = await t.api("POST", "/api/v1/compute/safety-stock", { token: t.tokens.viewer, body: { items: [{ demandMean: 100, demandSd: -1, leadTime: 4, serviceLevel: 0.95 }] } });
      expect(badSs.body.errors[0]).toEqual({ field: "body.items[0].demandSd", message: "must be ≥ 0" });
      const meio = await t.api("POST", "/api/v1/compute/meio", {
        token: t.tokens.viewer,
        body: {
          stages: [
            { id: "supplier", processingTime: 2, holdingCost: 1 },
            { id: "store", processingTime: 1, holdingCost: 2, demandSd: 10 },
          ],
          arcs: [{ from: "supplier", to: "store" }],
          serviceLevel: 0.95,
        },
      });
      expect(meio.status).toBe(200);
      expect(meio.body.result.stages.map((x: { id: string }) => x.id)).toEqual(["supplier", "store"]);
      const badMeio = await t.api("POST", "/api/v1/compute/meio", {
        token: t.tokens.viewer,
        body: { stages: [{ id: "a", processingTime: 1, holdingCost: 1, demandSd: 1 }], arcs: [{ from: "a", to: "zz" }], serviceLevel: 0.95 },
      });
      expect(badMeio.status).toBe(400);
      expect(badMeio.body.detail).toMatch(/zz/);
      const fc = await t.api("POST", "/api/v1/compute/forecast", { token: t.tokens.viewer, body: { history: [10, 12, 11, 13, 12, 14, 13, 15, 14, 16, 15, 17], method: "ses", options: { horizon: 2, alpha: 0.5 } } });
      expect(fc.status).toBe(200);
      expect(fc.body.result.forecast).toHaveLength(2);
      const cts = await t.api("POST", "/api/v1/compute/cost-to-serve", {
        token: t.tokens.viewer,
        body: {
          driverVolumes: [
            [2, 1],
            [3, 0],
          ],
          basis: { activityCosts: [50, 40], totalDriverVolumes: "table" },
        },
      });
      expect(cts.status).toBe(200);
      expect(JSON.stringify(cts.body.result)).toContain("60");
    });

    it("replays stored definitions and finds the logic intact", async () => {
      const r = await t.api("POST", "/api/v1/validate", { token: t.tokens.admin });
      expect(r.status).toBe(200);
      expect(r.body.intact).toBe(true);
      expect(r.body.results.map((x: { dimension: string }) => x.dimension)).toEqual(["customer", "product"]);
    });
  });

  describe("bad input never causes a 500", () => {
    it.each([
      ["malformed JSON", "POST", "/api/v1/change-requests", "{not json", { field: "body", message: "malformed JSON" }, 400],
      ["SQL-looking id", "GET", "/api/v1/segments/product/x'%20OR%201=1--", undefined, undefined, 404],
      [
        "wrong type",
        "POST",
        "/api/v1/change-requests",
        JSON.stringify({ dimension: "product", changes: "all", justification: "abc" }),
        { field: "body.changes", message: "Invalid input: expected array, received string" },
        400,
      ],
    ])("%s", async (_name, method, path, raw, firstError, status) => {
      const r = await t.api(method, path, { raw: raw as never, headers: raw ? { "Content-Type": "application/json" } : {} });
      expect(r.status).toBe(status);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
      if (firstError) expect(r.body.errors[0]).toEqual(firstError);
    });

    it("refuses an oversize body with 413", async () => {
      const r = await t.api("POST", "/api/v1/compute/abc", { raw: JSON.stringify({ values: Array(1_200_000).fill(123456.789) }) as never, headers: { "Content-Type": "application/json" } });
      expect(r.status).toBe(413);
      expect(r.body.title).toBe("Content too large");
    });
  });
});
