/**
 * Customer feedback as a tier criterion, on SQLite and PostgreSQL: NPS
 * imported for the Key accounts, a customer-tier run whose Key rule asks
 * NPS ≥ 0 moves exactly the detractors to Core (they stay within 95 % of
 * revenue), says so in the run's provenance, and without the criterion the
 * run reproduces the master data.
 */
import { STORES, importForm, startTestService, type TestService } from "./harness";

jest.setTimeout(60_000);

describe.each(STORES)("customer feedback in the tier rules on %s", (store) => {
  let t: TestService;
  let keys: string[];
  beforeAll(async () => {
    t = await startTestService(store);
    const segments = (await t.api("GET", "/api/v1/segments?dimension=customer")).body.assignments as Array<{ entityId: string; segment: string }>;
    keys = segments.filter((a) => a.segment === "Key").map((a) => a.entityId);
    expect(keys.length).toBeGreaterThanOrEqual(4);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a Key rule asking NPS ≥ 0 moves the detractors to Core, and the provenance says which rules ran", async () => {
    const detractors = keys.filter((_, i) => i % 2 === 0);
    const csv = ["customer_id,nps,csat", ...keys.map((id) => `${id},${detractors.includes(id) ? -30 : 45},80`)].join("\n");
    const imported = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("customer_feedback", "feedback.csv", csv) as never });
    expect(imported.status).toBe(201);

    const plain = await t.api("POST", "/api/v1/segmentation-runs/preview", { token: t.tokens.planner, body: { method: "customer-tiers" } });
    expect(plain.status).toBe(200);
    expect(plain.body.changes).toBe(0);

    const rules = [{ label: "Strategic", strategic: true }, { label: "Key", maxCumulativeRevenueShare: 0.8, minMarginPct: 0.1, minNps: 0 }, { label: "Core", maxCumulativeRevenueShare: 0.95 }, { label: "Transactional" }];
    const r = await t.api("POST", "/api/v1/segmentation-runs/preview", { token: t.tokens.planner, body: { method: "customer-tiers", rules } });
    expect(r.status).toBe(200);
    expect(r.body.transitions).toEqual([{ from: "Key", to: "Core", count: detractors.length }]);
    expect(r.body.run.tierRules).toEqual(["Strategic: strategic accounts", "Key: within the top 80 % of revenue, margin ≥ 10 %, NPS ≥ 0", "Core: within the top 95 % of revenue", "Transactional: everyone else"]);
  });

  it("refuses rules without a catch-all, naming the field", async () => {
    const r = await t.api("POST", "/api/v1/segmentation-runs/preview", { token: t.tokens.planner, body: { method: "customer-tiers", rules: [{ label: "Loyal", minNps: 0 }] } });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.body.detail).toMatch(/rules: the last rule must have no condition/);
  });
});
