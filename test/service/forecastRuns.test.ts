/**
 * Forecasting over the store as a job, on both stores: a small company with
 * planted series (steady, seasonal, intermittent) in three segments, one of
 * them with an explicit forecastMethod; the forecastProducts job splits it
 * into chunk jobs and stores a versioned run with methods and errors. A
 * cancel mid-run leaves whole chunks only; a chunk run twice leaves one row
 * per product.
 */
import { leadTimeErrorSd, predictionIntervals, tsb } from "../../shared/src/forecasting";
import type { JobKindDefinition } from "../../service/src/jobs/jobQueue";
import { PgBossJobQueue } from "../../service/src/jobs/pgBossJobQueue";
import { insertAssignments } from "../../service/src/store/assignments";
import { insertForecastRun } from "../../service/src/store/forecasts";
import { appendOrderLines } from "../../service/src/store/orderLines";
import { insertPolicyVersion } from "../../service/src/store/policyVersions";
import { insertVersion } from "../../service/src/store/versions";
import { forecastChunk, type ForecastChunkParams } from "../../service/src/useCases/forecastChunk";
import { startForecast, startTestService, STORES, waitForJob, type TestService } from "./harness";

jest.setTimeout(180_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WEEKS = 60;
const PER_KIND = 10;

/** A deterministic value in [0, 1) per (product, week). */
function noise(p: number, w: number): number {
  const x = Math.sin(p * 12.9898 + w * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

const kinds = [
  { prefix: "S", segment: "AX", demand: (p: number, w: number) => Math.round(100 + 10 * noise(p, w)) },
  { prefix: "Q", segment: "BY", demand: (p: number, w: number) => Math.round(100 + 60 * Math.sin((2 * Math.PI * w) / 13) + 10 * noise(p, w)) },
  { prefix: "I", segment: "CZ", demand: (p: number, w: number) => (noise(p, w) < 0.2 ? 1 + Math.floor(20 * noise(p + 99, w)) : 0) },
];

async function plantCompany(t: TestService): Promise<string[]> {
  const { db } = t.service.ctx;
  const lines = [];
  const assignments = [];
  const ids: string[] = [];
  for (const [k, kind] of kinds.entries()) {
    for (let i = 0; i < PER_KIND; i++) {
      const id = `${kind.prefix}${String(i).padStart(3, "0")}`;
      ids.push(id);
      assignments.push({ entityId: id, segment: kind.segment, detail: {} });
      for (let w = 1; w <= WEEKS; w++) {
        const qty = kind.demand(k * 100 + i, w);
        // An intermittent product's idle weeks have no line; the week is still in its series, as 0.
        if (qty > 0) lines.push({ customer_id: "C1", product_id: id, week: w, qty, price: 10, cost: 7, lines: 1, deliveries: 1, returns: 0 });
      }
    }
  }
  const now = new Date().toISOString();
  await appendOrderLines(db, lines);
  await insertVersion(db, { dimension: "product", version: 1, effective_at: now, created_at: now, created_by: "test", change_request_id: null, note: "planted" });
  await insertAssignments(db, "product", 1, assignments);
  const policy = { cycleServiceLevel: 0.95, targetFillRate: 0.97, promisedLeadTimeDays: 3, reviewPeriodDays: 7, inventoryTurnsTarget: 8, supplyMode: "pull", ownerFunction: "supply chain" };
  const rows = [
    { segment: "*", ...policy, forecastMethod: "auto" },
    { segment: "CZ", ...policy, forecastMethod: "tsb" },
  ];
  await insertPolicyVersion(db, { version: 1, rows: JSON.stringify(rows), created_at: now, created_by: "test", change_request_id: null });
  return ids.sort();
}

describe.each(STORES)("forecast runs on %s", (store) => {
  let t: TestService;
  let ids: string[];
  beforeAll(async () => {
    t = await startTestService(store, { demo: false });
    ids = await plantCompany(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("forecasts every product in chunk jobs with its segment's policy method, and stores errors and a version", async () => {
    const job = await waitForJob(t, await startForecast(t, { horizon: 8, chunkSize: 10 }));
    expect(job.status).toBe("succeeded");
    expect(job.result).toMatchObject({ version: 1, series: 30, chunks: 3 });
    const chunks = await t.api("GET", "/api/v1/jobs?kind=forecastChunk&limit=500", { token: t.tokens.viewer });
    expect(chunks.body.jobs.filter((j: { params: { runId: string } }) => j.params.runId === job.result.runId)).toHaveLength(3);

    const runs = await t.api("GET", "/api/v1/forecast-runs", { token: t.tokens.viewer });
    expect(runs.status).toBe(200);
    expect(runs.body.runs[0]).toMatchObject({ id: job.result.runId, version: 1, status: "succeeded", seriesCount: 30, chunksTotal: 3, chunksDone: 3, horizon: 8, firstWeek: 1, lastWeek: WEEKS, jobId: job.id });

    const page = await t.api("GET", `/api/v1/forecast-runs/${job.result.runId}/forecasts?limit=1000`, { token: t.tokens.viewer });
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(30);
    expect(page.body.forecasts.map((f: { productId: string }) => f.productId)).toEqual(ids);
    for (const f of page.body.forecasts) {
      expect(f.forecast).toHaveLength(8);
      expect(f.sigma).toBeGreaterThan(0);
      expect(f.mase).toBeGreaterThan(0);
      expect(f.wape).toBeGreaterThan(0);
      // The error sd per step (issue 22): one per horizon step, never shrinking, the first the one-step σ up to the
      // residual variance's degrees of freedom (SSE / (T − K), K ≤ 3 constants estimated: at most √(T / (T − 3))).
      expect(f.errorSd).toHaveLength(8);
      for (let h = 1; h < 8; h++) expect(f.errorSd[h]).toBeGreaterThanOrEqual(f.errorSd[h - 1]);
      expect(f.errorSd[0] / f.sigma).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(f.errorSd[0] / f.sigma).toBeLessThanOrEqual(Math.sqrt(WEEKS / (WEEKS - 3)) + 1e-9);
      expect(leadTimeErrorSd(f.errorSd, 4)).toBeGreaterThan(2 * f.errorSd[0] - 1e-9);
      if (f.segment === "CZ") {
        // The segment's explicit method, not selection's choice.
        expect(f).toMatchObject({ policyMethod: "tsb", method: "tsb" });
        expect(["intermittent", "lumpy"]).toContain(f.pattern);
      } else {
        expect(f.policyMethod).toBe("auto");
        expect(["ses", "holt", "damped"]).toContain(f.method);
      }
    }
    // A steady series' forecast sits at its level; its one-step error is about the noise's (uniform width 10: sd ≈ 2.9).
    const steady = page.body.forecasts.find((f: { productId: string }) => f.productId === "S000");
    expect(steady.forecast[0]).toBeGreaterThan(100);
    expect(steady.forecast[0]).toBeLessThan(111);
    expect(steady.sigma).toBeLessThan(6);

    // The segment's TSB runs with the contract's start-up (tier-functions.md rev. 2, pinned by hand in
    // test/shared/forecasting/models.test.ts): the stored forecast is TIER.FORECAST's "tsb" on the same weekly series.
    const intermittent = page.body.forecasts.find((f: { productId: string }) => f.productId === "I000");
    const weekly = Array.from({ length: WEEKS }, (_, w) => kinds[2].demand(200, w + 1));
    const expected = tsb(weekly, { horizon: 8 }).forecast;
    intermittent.forecast.forEach((v: number, h: number) => expect(Math.abs(v - expected[h])).toBeLessThanOrEqual(1e-9 * Math.max(1, expected[h])));
    // Its error sd is the empirical h-step one of the same fit (shared predictionIntervals).
    const spread = predictionIntervals(weekly, tsb(weekly, { horizon: 8 })).sd;
    intermittent.errorSd.forEach((v: number, h: number) => expect(v).toBeCloseTo(spread[h], 9));

    const cz = await t.api("GET", `/api/v1/forecast-runs/${job.result.runId}/forecasts?segment=C*&limit=5`, { token: t.tokens.viewer });
    expect(cz.body.total).toBe(10);
    expect(cz.body.forecasts).toHaveLength(5);
    expect(cz.body.forecasts.every((f: { segment: string }) => f.segment === "CZ")).toBe(true);
    const one = await t.api("GET", `/api/v1/forecast-runs/${job.result.runId}/forecasts?productId=Q003`, { token: t.tokens.viewer });
    expect(one.body.forecasts.map((f: { productId: string }) => f.productId)).toEqual(["Q003"]);

    const second = await waitForJob(t, await startForecast(t, { horizon: 4, chunkSize: 25, segment: "B*" }));
    expect(second.status).toBe("succeeded");
    expect(second.result).toMatchObject({ version: 2, series: 10, chunks: 1 });
  });

  it("refuses bad parameters naming the field, and answers 404 for an unknown run", async () => {
    const bad = await t.api("POST", "/api/v1/jobs", { token: t.tokens.planner, body: { kind: "forecastProducts", body: { horizon: 0 } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("horizon");
    const viewer = await t.api("POST", "/api/v1/jobs", { token: t.tokens.viewer, body: { kind: "forecastProducts", body: {} } });
    expect(viewer.status).toBe(403);
    const missing = await t.api("GET", "/api/v1/forecast-runs/00000000-0000-4000-8000-000000000000/forecasts", { token: t.tokens.viewer });
    expect(missing.status).toBe(404);
    const chunk = await t.api("POST", "/api/v1/jobs", { token: t.tokens.planner, body: { kind: "forecastChunk", body: {} } });
    expect(chunk.status).toBe(400);
  });

  it("a cancel mid-run cancels the chunks and leaves the run cancelled with whole chunks only", async () => {
    const queue = t.service.ctx.jobs!;
    const ctx = t.service.ctx;
    // Chunks slowed down so the cancel lands between them.
    const slow: JobKindDefinition = {
      retryable: true,
      handler: async (params: ForecastChunkParams, job) => {
        await job.progress(0, 2, "waiting");
        await sleep(400);
        return forecastChunk(ctx, params, job);
      },
    };
    const original = (queue as unknown as { kinds: Map<string, JobKindDefinition> }).kinds.get("forecastChunk")!;
    await queue.register("forecastChunk", slow);
    try {
      const id = await startForecast(t, { chunkSize: 10 });
      let runId: string | undefined;
      for (let i = 0; i < 400 && !runId; i++) {
        const runs = await t.api("GET", "/api/v1/forecast-runs", { token: t.tokens.viewer });
        const run = runs.body.runs.find((r: { jobId: string; chunksDone: number }) => r.jobId === id && r.chunksDone >= 1);
        runId = run?.id;
        if (!runId) await sleep(25);
      }
      expect(runId).toBeDefined();
      const cancel = await t.api("POST", `/api/v1/jobs/${id}/cancel`, { token: t.tokens.planner });
      expect(cancel.status).toBe(200);
      expect((await waitForJob(t, id)).status).toBe("cancelled");
      // The children end too: none is left queued or running.
      for (let i = 0; i < 200; i++) {
        const open = await ctx.db.selectFrom("jobs").select("id").where("kind", "=", "forecastChunk").where("status", "in", ["queued", "running"]).execute();
        if (open.length === 0) break;
        await sleep(50);
      }
      const open = await ctx.db.selectFrom("jobs").select("id").where("kind", "=", "forecastChunk").where("status", "in", ["queued", "running"]).execute();
      expect(open).toEqual([]);
      await sleep(600);
      const page = await t.api("GET", `/api/v1/forecast-runs/${runId}/forecasts?limit=1000`, { token: t.tokens.viewer });
      expect(page.body.run.status).toBe("cancelled");
      // Chunks are S…, Q… and I… (ten each): each is there whole or not at all, and not all three are.
      const byPrefix = new Map<string, number>();
      for (const f of page.body.forecasts) byPrefix.set(f.productId[0], (byPrefix.get(f.productId[0]) ?? 0) + 1);
      for (const n of byPrefix.values()) expect(n).toBe(10);
      expect(page.body.total).toBeGreaterThanOrEqual(10);
      expect(page.body.total).toBeLessThan(30);
    } finally {
      await queue.register("forecastChunk", original);
    }
  });

  (store === "postgres" ? it : it.skip)("on PostgreSQL the chunks spread over the workers of two instances", async () => {
    const ctx = t.service.ctx;
    const slow = (): JobKindDefinition => ({
      retryable: true,
      handler: async (params: ForecastChunkParams, job) => {
        await job.progress(0, 2, "waiting");
        await sleep(300);
        return forecastChunk(ctx, params, job);
      },
    });
    const queue = ctx.jobs!;
    const original = (queue as unknown as { kinds: Map<string, JobKindDefinition> }).kinds.get("forecastChunk")!;
    await queue.register("forecastChunk", slow());
    // A second instance on the same database: only a chunk worker.
    const other = new PgBossJobQueue({ ...ctx }, t.databaseUrl);
    await other.register("forecastChunk", slow());
    await other.open();
    try {
      const job = await waitForJob(t, await startForecast(t, { chunkSize: 3 }));
      expect(job.status).toBe("succeeded");
      expect(job.result.series).toBe(30);
      const chunks = await ctx.db.selectFrom("jobs").select(["instance", "params"]).where("kind", "=", "forecastChunk").execute();
      const mine = chunks.filter((c) => (JSON.parse(c.params) as { runId: string }).runId === job.result.runId);
      expect(mine).toHaveLength(10);
      expect(new Set(mine.map((c) => c.instance))).toEqual(new Set([queue.instance, other.instance]));
    } finally {
      await other.close();
      await queue.register("forecastChunk", original);
    }
  });

  it("a chunk run twice (a retry) replaces its own rows, and writes nothing to a run that has ended", async () => {
    const ctx = t.service.ctx;
    const runId = "11111111-1111-4111-8111-111111111111";
    const now = new Date().toISOString();
    await insertForecastRun(ctx.db, {
      id: runId,
      version: 99,
      job_id: "test",
      horizon: 3,
      params: "{}",
      first_week: 1,
      last_week: WEEKS,
      series_count: 0,
      chunks_total: 1,
      chunks_done: 0,
      status: "running",
      error: null,
      created_at: now,
      created_by: "test",
      finished_at: null,
    });
    const params: ForecastChunkParams = { runId, first: "I000", last: "I009", horizon: 3, firstWeek: 1, lastWeek: WEEKS, productVersion: 1, policyVersion: 1 };
    const job = { progress: async () => {} };
    const first = await forecastChunk(ctx, params, job);
    const again = await forecastChunk(ctx, params, job);
    expect(first).toMatchObject({ products: 10, written: 10, stored: true });
    expect(again).toMatchObject({ products: 10, written: 10, stored: true });
    const count = async () =>
      Number(
        (
          await ctx.db
            .selectFrom("forecasts")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("run_id", "=", runId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(10);
    await ctx.db.updateTable("forecast_runs").set({ status: "cancelled" }).where("id", "=", runId).execute();
    const late = await forecastChunk(ctx, { ...params, first: "Q000", last: "Q009" }, job);
    expect(late).toMatchObject({ stored: false, written: 0 });
    expect(await count()).toBe(10);
  });
});
