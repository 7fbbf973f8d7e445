/**
 * The ranked forecast-exception list, on SQLite and PostgreSQL: before any
 * forecast run it says so; after a run over the small demo company every
 * product whose stored WAPE exceeds its segment's ceiling is listed (the
 * policy's maxWape where the policy sets one, else the ABC-class default),
 * and every product whose stored |tracking signal| exceeds its limit (the
 * policy's maxTrackingSignal, else ±4 for A and B items), costliest first,
 * each with its reasons; nothing inside its limits is.
 */
import { DEMO_POLICIES } from "../../service/src/demo/loadDemo";
import { runForecastJob, STORES, startTestService, type TestService } from "./harness";

jest.setTimeout(120_000);

const DEFAULTS: Record<string, number> = { A: 0.2, B: 0.4, C: 0.6 };
const SIGNAL_DEFAULTS: Record<string, number> = { A: 4, B: 4 };

describe.each(STORES)("forecast exceptions on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("says no run has finished yet", async () => {
    const r = await t.api("GET", "/api/v1/forecast-exceptions", { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ run: null, total: 0, exceptions: [] });
    expect(r.body.notes[0]).toMatch(/No forecast run has finished yet/);
  });

  it("lists every product above its segment's ceiling, policy first, costliest first", async () => {
    // One segment gets a tight policy ceiling; the others keep their class defaults.
    const assignments = (await t.api("GET", "/api/v1/segments?dimension=product")).body.assignments as Array<{ entityId: string; segment: string }>;
    const tight = assignments.find((a) => a.segment.startsWith("C"))!.segment;
    const policies = (await t.api("GET", "/api/v1/policies")).body;
    const rows = [...policies.rows.filter((r: { segment: string }) => r.segment !== tight), { ...DEMO_POLICIES[0], segment: tight, maxWape: 0.05, maxTrackingSignal: 1 }];
    const put = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows, justification: "tight forecast ceiling" } });
    expect((await t.api("POST", `/api/v1/change-requests/${put.body.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed", expectedVersion: policies.version } })).status).toBe(200);

    await runForecastJob(t, { horizon: 4 });

    const runs = (await t.api("GET", "/api/v1/forecast-runs")).body.runs;
    const forecasts = (await t.api("GET", `/api/v1/forecast-runs/${runs[0].id}/forecasts?limit=500`)).body.forecasts as Array<{
      productId: string;
      segment: string | null;
      wape: number | null;
      trackingSignal: number | null;
    }>;
    const ceiling = (segment: string) => (segment === tight ? 0.05 : DEFAULTS[segment[0]]);
    const signalLimit = (segment: string) => (segment === tight ? 1 : SIGNAL_DEFAULTS[segment[0]]);
    const overWape = (f: (typeof forecasts)[number]) => f.wape! > ceiling(f.segment!);
    const biased = (f: (typeof forecasts)[number]) => f.trackingSignal !== null && signalLimit(f.segment!) !== undefined && Math.abs(f.trackingSignal) > signalLimit(f.segment!);
    const judged = forecasts.filter((f) => f.segment !== null && f.wape !== null && ceiling(f.segment) !== undefined);
    const expected = judged.filter((f) => overWape(f) || biased(f)).map((f) => f.productId);
    expect(expected.length).toBeGreaterThan(0);
    // The run stores a tracking signal per product, and some product is flagged on bias alone.
    expect(forecasts.filter((f) => f.trackingSignal !== null).length).toBeGreaterThan(forecasts.length / 2);
    expect(judged.some((f) => biased(f) && !overWape(f))).toBe(true);

    const r = await t.api("GET", "/api/v1/forecast-exceptions?limit=1000", { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    expect(r.body.run).toMatchObject({ id: runs[0].id, version: runs[0].version });
    expect(r.body.total).toBe(expected.length);
    expect(r.body.exceptions.map((e: { productId: string }) => e.productId).sort()).toEqual(expected.sort());
    for (const e of r.body.exceptions) {
      const f = forecasts.find((x) => x.productId === e.productId)!;
      expect(e.thresholdSource).toBe(e.segment === tight ? "policy" : "default");
      expect(e.trackingSignal).toBe(f.trackingSignal);
      expect(e.reasons).toHaveLength(Number(overWape(f)) + Number(biased(f)));
      if (overWape(f)) expect(e.reasons[0]).toMatch(e.segment === tight ? new RegExp(`^WAPE .*\\(policy of ${e.segment}\\)$`) : /^WAPE .*\(default for [ABC] items\)$/);
      if (biased(f)) expect(e.reasons.at(-1)).toMatch(new RegExp(`^tracking signal [+−]\\d+\\.\\d beyond ±${signalLimit(e.segment)}: (under|over)-forecast \\((policy of ${e.segment}|default for [AB] items)\\)$`));
    }
    const values = r.body.exceptions.map((e: { valueAtRisk: number }) => e.valueAtRisk);
    expect(values).toEqual([...values].sort((a: number, b: number) => b - a));
    expect((await t.api("GET", "/api/v1/forecast-exceptions?limit=2", { token: t.tokens.viewer })).body.exceptions).toHaveLength(Math.min(2, expected.length));
    expect((await t.api("GET", "/api/v1/forecast-exceptions?limit=0", { token: t.tokens.viewer })).status).toBe(400);
  });
});
