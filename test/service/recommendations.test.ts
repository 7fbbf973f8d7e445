/** Rule recommendations over real HTTP: planted drift found (recall/precision), stable data quiet, roles, bad input, status following the change request. */
import { STORES, startTestService, type TestService } from "./harness";
import { plantAndStore, score } from "./plantedDrift";

jest.setTimeout(120_000);

describe.each(STORES)("rule recommendations on %s", (store) => {
  describe.each(["product", "customer"] as const)("planted %s drift", (dimension) => {
    let t: TestService;
    let planted: Awaited<ReturnType<typeof plantAndStore>>;
    beforeAll(async () => {
      t = await startTestService(store, { demo: false });
      planted = await plantAndStore(t, dimension);
    });
    afterAll(async () => {
      await t?.close();
    });

    (dimension === "product" ? it : it.skip)("finds the drifting products with recall >= 0.9 and precision >= 0.8; stationary products get no recommendation", async () => {
      const r = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "product", parts: ["abc"] } });
      if (r.status !== 201) console.log(r.text);
      expect(r.status).toBe(201);
      const all: Array<{ entityId: string; from: string; to: string }> = r.body.recommendations;
      const planted_ = new Set(planted.driftProducts);
      const judged = all.filter((x) => planted_.has(x.entityId) || planted.stationary.has(x.entityId));
      const s = score(judged, planted.driftProducts, (to) => to.startsWith("A"));
      console.log(
        `planted product drift (${store}): recall ${s.recall.toFixed(3)}, precision ${s.precision.toFixed(3)} (${s.hits} of ${s.planted} planted found, ${s.recommended} recommended among planted and stationary products)`,
      );
      const others = all.filter((x) => !planted_.has(x.entityId) && !planted.stationary.has(x.entityId));
      console.log(
        `  besides: ${others.length} recommendations for the generator's own non-stationary products: ${others.map((x) => `${x.entityId} ${planted.lifecycle.get(x.entityId)!.lifecycle}${planted.lifecycle.get(x.entityId)!.seasonal ? "/seasonal" : ""} ${x.from}→${x.to}`).join(", ")}`,
      );
      expect(s.recall).toBeGreaterThanOrEqual(0.9);
      expect(s.precision).toBeGreaterThanOrEqual(0.8);
      expect(judged.filter((x) => !planted_.has(x.entityId))).toEqual([]);
    });

    (dimension === "customer" ? it : it.skip)("finds the drifting customers with recall >= 0.9 and precision >= 0.8", async () => {
      const r = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "customer" } });
      if (r.status !== 201) console.log(r.text);
      expect(r.status).toBe(201);
      const s = score(r.body.recommendations, planted.driftCustomers, (to) => to === "Key");
      console.log(`planted customer drift (${store}): recall ${s.recall.toFixed(3)}, precision ${s.precision.toFixed(3)} (${s.hits} of ${s.planted} planted found, ${s.recommended} recommended)`);
      expect(s.recall).toBeGreaterThanOrEqual(0.9);
      expect(s.precision).toBeGreaterThanOrEqual(0.8);
      expect(r.body.recommendations.filter((x: { entityId: string }) => !planted.driftCustomers.includes(x.entityId))).toEqual([]);
    });
  });

  describe("the workflow", () => {
    let t: TestService;
    beforeAll(async () => {
      t = await startTestService(store);
    });
    afterAll(async () => {
      await t?.close();
    });

    it("checks roles: a viewer may list but not generate; no token is 401", async () => {
      expect((await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.viewer, body: { dimension: "product" } })).status).toBe(403);
      expect((await t.api("POST", "/api/v1/recommendations/generate", { token: null, body: { dimension: "product" } })).status).toBe(401);
      expect((await t.api("GET", "/api/v1/recommendations", { token: t.tokens.viewer })).status).toBe(200);
    });

    it("rejects bad input naming the field", async () => {
      const bad = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "supplier" } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe("body.dimension");
      const weeks = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "product", periodWeeks: 0 } });
      expect(weeks.status).toBe(400);
      expect(weeks.body.errors[0].field).toBe("body.periodWeeks");
      const status = await t.api("GET", "/api/v1/recommendations?status=maybe", { token: t.tokens.viewer });
      expect(status.status).toBe(400);
      expect(status.body.errors[0].field).toBe("query.status");
      // 20-week periods over 26 weeks give one period, fewer than the N = 3 the rule needs: nothing to propose.
      const tooFew = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "product", periodWeeks: 20 } });
      expect(tooFew.status).toBe(200);
      expect(tooFew.body.created).toBe(0);
      const part = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "customer", parts: ["abc"] } });
      expect(part.status).toBe(422);
    });

    it("raises one pending change request per recommendation, carrying confidence, rationale, impact and window; status follows the decision", async () => {
      // A small margin and two periods: the 26-week demo has some movement to show.
      const body = { dimension: "product", periodWeeks: 4, consecutivePeriods: 2, margin: 0.05 };
      const r = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body });
      expect([200, 201]).toContain(r.status);
      expect(r.body.created).toBeGreaterThan(0);
      const first = r.body.recommendations[0];
      expect(first).toMatchObject({ dimension: "product", source: "rule", status: "pending" });
      expect(first.confidence).toBeGreaterThanOrEqual(0.25);
      expect(first.confidence).toBeLessThanOrEqual(1);
      expect(first.from).not.toBe(first.to);
      expect(first.rationale[0]).toEqual(expect.objectContaining({ feature: expect.any(String), value: expect.any(Number), targetRange: expect.objectContaining({ p10: expect.any(Number), p90: expect.any(Number) }) }));
      expect(first.impact).toHaveProperty("serviceLevel");
      // 26 weeks in 4-week periods: 6 periods, weeks 3–26 (the incomplete start is left out).
      expect(first.dataWindow).toMatchObject({ fromWeek: 3, toWeek: 26, periodWeeks: 4 });
      const cr = await t.api("GET", `/api/v1/change-requests/${first.changeRequestId}`, { token: t.tokens.viewer });
      expect(cr.body).toMatchObject({ status: "pending", source: "recommendation-rule", kind: "assignments" });
      expect(cr.body.payload.changes).toEqual([expect.objectContaining({ entityId: first.entityId, segment: first.to })]);

      const again = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body });
      expect(again.body.created).toBe(0);
      expect(again.body.alreadyPending).toBe(r.body.created);

      const reject = await t.api("POST", `/api/v1/change-requests/${first.changeRequestId}/reject`, { token: t.tokens.approver, body: { reason: "seasonal dip, not a change" } });
      expect(reject.status).toBe(200);
      const rejected = await t.api("GET", "/api/v1/recommendations?dimension=product&status=rejected", { token: t.tokens.viewer });
      expect(rejected.body.recommendations.map((x: { id: string }) => x.id)).toEqual([first.id]);
      const pending = await t.api("GET", "/api/v1/recommendations?dimension=product&status=pending&source=rule", { token: t.tokens.viewer });
      expect(pending.body.recommendations).toHaveLength(r.body.created - 1);
    });
  });
});
