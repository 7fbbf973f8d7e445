/**
 * One request per entity: rule and model that fire for the same entity end
 * up in ONE pending request carrying both sources' evidence and confidences;
 * every recommendation names its entity, direction and kind of confidence;
 * the queue's filters (search, confidence, direction, segments) and the
 * plain rationale text, on planted product drift, on both stores.
 */
import { describeRecommendation } from "../../shared/src/ml";
import { segmentDirection } from "../../shared/src/segmentation";
import type { Recommendation } from "../../shared/src/api";
import { STORES, startTestService, type TestService } from "./harness";
import { plantAndStore } from "./plantedDrift";

jest.setTimeout(240_000);

const format = (v: number, o?: Intl.NumberFormatOptions) => new Intl.NumberFormat("en-GB", o).format(v);

describe.each(STORES)("rule and model on the same entity (%s)", (store) => {
  let t: TestService;
  let planted: string[];
  let rule: { body: { recommendations: Recommendation[]; created: number } };
  let model: { status: number; body: { recommendations: Recommendation[]; created: number; merged: number; alreadyPending: number } };
  beforeAll(async () => {
    t = await startTestService(store, { demo: false });
    planted = (await plantAndStore(t, "product")).driftProducts;
    rule = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "product", parts: ["abc"] } });
    const trained = await t.api("POST", "/api/v1/models", { token: t.tokens.planner, body: { dimension: "product", seed: 7 } });
    expect(trained.status).toBe(201);
    model = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "product", source: "model" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const pending = async (query = ""): Promise<Recommendation[]> => (await t.api("GET", `/api/v1/recommendations?dimension=product&status=pending${query}`, { token: t.tokens.viewer })).body.recommendations;

  it("merges the model into the rule's pending request: one request per entity, both sources' evidence and confidences", async () => {
    expect([200, 201]).toContain(model.status);
    expect(model.body.merged).toBeGreaterThanOrEqual(planted.length * 0.9);
    expect(model.body.merged).toBeLessThanOrEqual(rule.body.created);
    const all = await pending();
    const perEntity = new Map<string, number>();
    for (const r of all) perEntity.set(r.entityId, (perEntity.get(r.entityId) ?? 0) + 1);
    expect([...perEntity.values()].every((n) => n === 1)).toBe(true);
    const merged = all.filter((r) => r.sources.length === 2);
    expect(merged.length).toBe(model.body.merged);
    for (const r of merged) {
      expect(r).toMatchObject({ source: "rule", sources: ["rule", "model"], confidenceKind: "persistence" });
      expect(r.confidences).toEqual([
        { source: "rule", kind: "persistence", value: r.confidence, to: expect.any(String) },
        { source: "model", kind: "probability", value: expect.any(Number), to: expect.any(String) },
      ]);
      expect(r.rationale.some((i) => i.source === "rule" && i.part === "abc")).toBe(true);
      expect(r.rationale.some((i) => i.source === "model" && typeof i.logOddsContribution === "number")).toBe(true);
      const audit = await t.api("GET", `/api/v1/audit?entity=${r.changeRequestId}&action=change_request.evidence_added`);
      expect(audit.body.entries).toHaveLength(1);
    }
    // Every planted product is one request with both sources.
    for (const id of planted.filter((p) => merged.some((r) => r.entityId === p))) expect(all.filter((r) => r.entityId === id)).toHaveLength(1);
  });

  it("a second run of either source, or of both, raises nothing new for an entity that has its request", async () => {
    const before = await pending();
    const both = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "product", source: "both", parts: ["abc"] } });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ created: 0, merged: 0, retired: 0 });
    expect(both.body.alreadyPending).toBeGreaterThan(0);
    expect((await pending()).map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
  });

  it("fills entity name, direction and confidence kind on every recommendation, and only real changes in the impact", async () => {
    const all = await pending();
    expect(all.length).toBeGreaterThan(0);
    for (const r of all) {
      expect(r.entityName).toEqual(expect.any(String));
      expect(r.direction).toBe(segmentDirection(r.from, r.to));
      expect(r.confidenceKind).toBe(r.source === "rule" ? "persistence" : "probability");
      for (const key of ["serviceLevel", "fillRate"] as const) if (r.impact?.[key]) expect(r.impact[key]!.from).not.toBe(r.impact[key]!.to);
    }
    // Planted products behave like the top A product: their moves are upgrades.
    expect(all.filter((r) => planted.includes(r.entityId)).every((r) => r.direction === "upgrade")).toBe(true);
  });

  it("filters by entity id or name (any case), confidence, direction and segments", async () => {
    const all = await pending();
    const one = all.find((r) => planted.includes(r.entityId))!;
    const byId = await pending(`&q=${encodeURIComponent(one.entityId.toLowerCase())}`);
    expect(byId.map((r) => r.entityId)).toContain(one.entityId);
    expect(byId.every((r) => r.entityId.toLowerCase().includes(one.entityId.toLowerCase()) || r.entityName!.toLowerCase().includes(one.entityId.toLowerCase()))).toBe(true);
    const word = one.entityName!.slice(1, 6).toUpperCase();
    const byName = await pending(`&q=${encodeURIComponent(word)}`);
    expect(byName.map((r) => r.entityId)).toContain(one.entityId);
    expect(byName.every((r) => r.entityName!.toUpperCase().includes(word) || r.entityId.toUpperCase().includes(word))).toBe(true);
    expect(await pending("&q=%25")).toEqual([]);
    const threshold = [...all.map((r) => r.confidence)].sort((a, b) => a - b)[Math.floor(all.length / 2)];
    const confident = await pending(`&minConfidence=${threshold}`);
    expect(confident.map((r) => r.id).sort()).toEqual(
      all
        .filter((r) => r.confidence >= threshold)
        .map((r) => r.id)
        .sort(),
    );
    for (const direction of ["upgrade", "downgrade", "lateral"] as const) {
      expect((await pending(`&direction=${direction}`)).map((r) => r.id).sort()).toEqual(
        all
          .filter((r) => r.direction === direction)
          .map((r) => r.id)
          .sort(),
      );
    }
    const fromTo = await pending(`&from=${one.from}&to=${one.to}`);
    expect(fromTo.map((r) => r.id).sort()).toEqual(
      all
        .filter((r) => r.from === one.from && r.to === one.to)
        .map((r) => r.id)
        .sort(),
    );
    const modelOnes = await pending("&source=model");
    expect(modelOnes.map((r) => r.id).sort()).toEqual(
      all
        .filter((r) => r.sources.includes("model"))
        .map((r) => r.id)
        .sort(),
    );
    const bad = await t.api("GET", "/api/v1/recommendations?minConfidence=2&direction=sideways", { token: t.tokens.viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["query.direction", "query.minConfidence"]);
  });

  it("says a merged recommendation in plain sentences: name, rounded numbers, readable features, persistence and probability named", async () => {
    const merged = (await pending()).find((r) => r.sources.length === 2 && planted.includes(r.entityId))!;
    const text = describeRecommendation(merged, format);
    const all = text.join(" ");
    expect(text[0]).toBe(`${merged.entityId} (${merged.entityName}): ${merged.from} → ${merged.to}, an upgrade.`);
    // How long it has really been past, and since when, from the period ends the rule read.
    const abc = merged.rationale.find((r) => r.source === "rule" && r.part === "abc")!;
    const span = abc.periodsRead! > abc.periodsPast! ? `in ${abc.periodsPast} of the last ${abc.periodsRead} periods` : `for the last ${abc.periodsPast} periods`;
    expect(all).toMatch(new RegExp(`Weekly revenue has been above [\\d,]+ \\(the boundary [\\d,]+ plus a 25% margin\\) ${span} of 4 weeks \\(since the period ending week ${abc.sinceWeek}\\)`));
    // The drift was planted from week 33 of 52: past since a period ending after it, for at most the 5 periods of 4 weeks since.
    expect(abc.sinceWeek).toBeGreaterThan(33);
    expect(abc.periodsPast).toBeLessThanOrEqual(5);
    const time = merged.rationale.find((r) => r.source === "model" && r.windowsLeaving !== undefined)!;
    expect(time).toMatchObject({ currentClass: merged.from.charAt(0), windowStep: 4 });
    expect(all).toContain(
      time.windowsLeaving === 1
        ? `It has looked like leaving ${time.currentClass} in the latest window only.`
        : `It has looked like leaving ${time.currentClass} in each of the last ${time.windowsLeaving} windows, one every 4 weeks (since the window ending week ${time.sinceWeek}).`,
    );
    expect(all).toMatch(/Rule persistence score \d+%/);
    expect(all).toMatch(/The model gives .* a \d+% probability of leaving its class, most likely for A\./);
    expect(all).not.toMatch(/\d\.\d{3,}/);
    expect(all).not.toMatch(/margin_pct|demand_cov|order_frequency|lines_per_order|returns_rate/);
    expect(new Set(text).size).toBe(text.length);
  });

  it("retires a pending recommendation once the entity was moved another way, and hides it from the default list", async () => {
    const target = (await pending()).find((r) => planted.includes(r.entityId))!;
    const manual = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId: target.entityId, segment: "MANUAL" }], justification: "moved by hand" } });
    const version = (await t.api("GET", "/api/v1/versions?dimension=product")).body.current;
    expect((await t.api("POST", `/api/v1/change-requests/${manual.body.id}/approve`, { token: t.tokens.approver, body: { reason: "hand edit wins", expectedVersion: version } })).status).toBe(200);
    expect((await pending()).map((r) => r.id)).not.toContain(target.id);
    expect((await t.api("GET", "/api/v1/recommendations?dimension=product", { token: t.tokens.viewer })).body.recommendations.map((r: Recommendation) => r.id)).not.toContain(target.id);
    const retired = (await t.api("GET", "/api/v1/recommendations?dimension=product&status=retired", { token: t.tokens.viewer })).body.recommendations.find((r: Recommendation) => r.id === target.id);
    expect(retired.decisionReason).toBe(`Retired: ${target.entityId} is now in MANUAL (version ${version + 1}), no longer ${target.from}; this request proposed ${target.from} → ${target.to}.`);
    const refused = await t.api("POST", `/api/v1/change-requests/${target.changeRequestId}/approve`, { token: t.tokens.approver, body: { reason: "late", expectedVersion: version + 1 } });
    expect([refused.status, refused.body.detail]).toEqual([409, `${retired.decisionReason} It can no longer be approved.`]);
  });
});
