/**
 * Forecast granularity on the small demo company, on SQLite and PostgreSQL:
 * the policy sets the C segments to `forecastLevel: family`; a run in chunks
 * smaller than a family forecasts those products top-down within their
 * category (the family aggregate over the category's products in the C
 * segments, split by Gross & Sohl's (1990) method A, the average of
 * historical proportions) and every other product item by item; each row says
 * its level. The members' forecasts sum to their family's across chunks, the
 * shares are method A's computed here from the stored order history, and the
 * accuracy route reports item-level WAPE per segment and level and
 * family-level WAPE per family.
 */
import { historicalShares } from "../../shared/src/forecasting";
import { entityAttributes } from "../../service/src/store/entities";
import { productWeekUnits } from "../../service/src/store/forecasts";
import { runForecastJob, STORES, startTestService, type TestService } from "./harness";

jest.setTimeout(120_000);

interface Row {
  productId: string;
  segment: string | null;
  level: "item" | "family";
  family: string | null;
  forecast: number[];
  wape: number | null;
  sigma: number | null;
  errorSd?: number[] | null;
}

async function runForecast(t: TestService, body: Record<string, unknown>) {
  const job = await runForecastJob(t, body);
  const rows = (await t.api("GET", `/api/v1/forecast-runs/${job.result.runId}/forecasts?limit=1000`)).body.forecasts as Row[];
  return { runId: job.result.runId as string, rows };
}

describe.each(STORES)("forecast levels on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a forecast level that is neither item nor family, naming the row and field", async () => {
    const policies = (await t.api("GET", "/api/v1/policies")).body;
    const rows = policies.rows.map((r: { segment: string }, i: number) => (i === 1 ? { ...r, forecastLevel: "category" } : r));
    const r = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows, justification: "bad level" } });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toMatch(/rows\[1\]\.forecastLevel|rows\.1\.forecastLevel/);
  });

  it("forecasts the family-level segments top-down within their category, the others item by item, and reports both levels", async () => {
    const policies = (await t.api("GET", "/api/v1/policies")).body;
    // Every row whose pattern can match a C segment (C*, *Z, CZ, the catch-all) decides level by its own match: set it on the
    // rows that C segments resolve to, and on nothing else.
    const assignments = (await t.api("GET", "/api/v1/segments?dimension=product")).body.assignments as Array<{ entityId: string; segment: string }>;
    const cSegments = [...new Set(assignments.map((a) => a.segment).filter((s) => s.startsWith("C")))].sort();
    expect(cSegments.length).toBeGreaterThan(0);
    const base = policies.rows.find((r: { segment: string }) => r.segment === "*");
    type Kpis = { segments: Array<{ segment: string; kpis: Array<{ kpi: string; value: number | null; note?: string }> }> };
    const wapeOf = (report: Kpis) => new Map(report.segments.map((s) => [s.segment, s.kpis.find((k) => k.kpi === "forecast_wape")!]));
    const before = wapeOf((await t.api("GET", "/api/v1/kpis?dimension=product", { token: t.tokens.viewer })).body);
    const rows = [...policies.rows.filter((r: { segment: string }) => !cSegments.includes(r.segment)), ...cSegments.map((segment) => ({ ...base, segment, forecastLevel: "family" }))];
    const put = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows, justification: "C segments forecast by family" } });
    expect(put.status).toBe(201);
    expect((await t.api("POST", `/api/v1/change-requests/${put.body.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed", expectedVersion: policies.version } })).status).toBe(200);

    // The forecast KPI measures each segment at its policy's level: C segments top-down, with their families' own error beside it.
    const after = wapeOf((await t.api("GET", "/api/v1/kpis?dimension=product", { token: t.tokens.viewer })).body);
    for (const [segment, kpi] of after) {
      if (cSegments.includes(segment)) expect(kpi.note).toMatch(/item level of a forecast by family .*; family level: \d+\.\d % over \d+ famil/);
      else expect(kpi).toEqual(before.get(segment));
    }
    expect(cSegments.some((s) => after.get(s)!.value !== before.get(s)!.value)).toBe(true);

    const { runId, rows: forecasts } = await runForecast(t, { horizon: 4, chunkSize: 7 });
    const { db } = t.service.ctx;
    const categories = await entityAttributes(db, "product");
    const familyRows = forecasts.filter((f) => f.level === "family");
    expect(familyRows.length).toBeGreaterThan(0);
    expect(familyRows.some((r) => r.errorSd?.length === 4)).toBe(true);
    // A family-level row's error sd starts at its own one-step sd and grows as its family's forecast error does.
    for (const f of familyRows.filter((r) => r.sigma !== null && r.sigma > 0)) {
      expect(f.errorSd).toHaveLength(4);
      expect(f.errorSd![0]).toBeCloseTo(f.sigma!, 9);
      for (let h = 1; h < 4; h++) expect(f.errorSd![h]).toBeGreaterThanOrEqual(f.errorSd![h - 1]);
    }
    for (const f of forecasts) {
      const top = f.segment !== null && cSegments.includes(f.segment);
      expect(f.level).toBe(top ? "family" : "item");
      expect(f.family).toBe(top ? categories.get(f.productId)!.category : null);
    }

    // Method A's shares from the stored history; members in many chunks still sum to their family's forecast.
    const weekly = await productWeekUnits(db, "", "\uffff");
    const weeks = Math.max(...weekly.map((w) => w.week));
    const history = new Map<string, number[]>();
    for (const w of weekly) {
      if (!history.has(w.productId)) history.set(w.productId, new Array<number>(weeks).fill(0));
      history.get(w.productId)![w.week - 1] += w.units;
    }
    const accuracy = await t.api("GET", `/api/v1/forecast-accuracy?runId=${runId}`, { token: t.tokens.viewer });
    expect(accuracy.status).toBe(200);
    expect(accuracy.body.proportions).toMatch(/average of historical proportions \(Gross & Sohl 1990, method A\)/);
    const families = accuracy.body.families as Array<{ family: string; products: number; forecast: number[]; wape: number | null }>;
    expect(families.map((f) => f.family).sort()).toEqual([...new Set(familyRows.map((f) => f.family!))].sort());
    for (const family of families) {
      const members = familyRows.filter((f) => f.family === family.family);
      expect(members).toHaveLength(family.products);
      const shares = historicalShares(new Map(members.map((m) => [m.productId, history.get(m.productId)!])), "A");
      family.forecast.forEach((total, h) => {
        expect(members.reduce((s, m) => s + m.forecast[h], 0)).toBeCloseTo(total, 6);
        for (const m of members) expect(m.forecast[h]).toBeCloseTo(shares.get(m.productId)! * total, 9);
      });
      expect(family.wape).toBeGreaterThan(0);
    }
    // Item-level rows per segment and level; the family-level summary pools both levels' errors.
    const segments = accuracy.body.segments as Array<{ segment: string; level: string; products: number; wape: number | null; mase: number | null }>;
    for (const s of segments) {
      expect(s.level).toBe(cSegments.includes(s.segment) ? "family" : "item");
      expect(s.products).toBe(forecasts.filter((f) => f.segment === s.segment).length);
      expect(s.wape).toBeGreaterThan(0);
    }
    expect(accuracy.body.familyLevel.products).toBe(familyRows.length);
    expect(accuracy.body.familyLevel.itemWape).toBeGreaterThan(0);
    // Errors summed to the family cancel across items: the family level is the more accurate one.
    expect(accuracy.body.familyLevel.familyWape).toBeLessThan(accuracy.body.familyLevel.itemWape);

    // A run filtered to one member still splits the whole family's forecast.
    const one = familyRows[0];
    const filtered = await runForecast(t, { horizon: 4, productIds: [one.productId] });
    expect(filtered.rows).toHaveLength(1);
    expect(filtered.rows[0]).toMatchObject({ level: "family", family: one.family });
    filtered.rows[0].forecast.forEach((v, h) => expect(v).toBeCloseTo(one.forecast[h], 9));
  });

  it("reads the newest finished run by default, and a 404 for an unknown run", async () => {
    const latest = await t.api("GET", "/api/v1/forecast-accuracy", { token: t.tokens.viewer });
    expect(latest.status).toBe(200);
    expect(latest.body.run.version).toBeGreaterThan(0);
    const missing = await t.api("GET", "/api/v1/forecast-accuracy?runId=00000000-0000-4000-8000-000000000000", { token: t.tokens.viewer });
    expect(missing.status).toBe(404);
    const bad = await t.api("GET", "/api/v1/forecast-accuracy?runId=nope", { token: t.tokens.viewer });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/runId/);
  });
});
