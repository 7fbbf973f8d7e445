/**
 * Long work as jobs over real HTTP on both stores: a recommendation job
 * answers what the synchronous route does, progress moves, a cancel stops a
 * job before it writes, a failure keeps its error, roles are checked, every
 * step is audited; on PostgreSQL two instances on one database share the
 * work and run each job exactly once.
 */
import pino from "pino";
import type { Actor } from "../../service/src/auth/actor";
import { configSchema } from "../../service/src/config";
import { LocalJobQueue } from "../../service/src/jobs/localJobQueue";
import { PgBossJobQueue } from "../../service/src/jobs/pgBossJobQueue";
import { STOPPED_WHILE_RUNNING, type JobKindDefinition } from "../../service/src/jobs/jobQueue";
import { startService, type RunningService } from "../../service/src/service";
import { claimJob, findJob, insertJob } from "../../service/src/store/jobs";
import { startTestService, STORES, type TestService } from "./harness";
import { plantAndStore } from "./plantedDrift";

jest.setTimeout(180_000);

const planner: Actor = { tokenId: null, subject: "test-planner", name: "test-planner", role: "planner" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ids and timestamps differ between two runs; everything else must not. */
function normalise(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>")
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g, "<time>"),
  );
}

async function waitForEnd(t: TestService, id: string, seen?: Array<{ status: string; done: number | null }>) {
  for (let i = 0; i < 600; i++) {
    const r = await t.api("GET", `/api/v1/jobs/${id}`, { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    seen?.push({ status: r.body.status, done: r.body.progress?.done ?? null });
    if (!["queued", "running"].includes(r.body.status)) return r.body;
    await sleep(50);
  }
  throw new Error(`job ${id} did not end`);
}

/** A test-only kind: `steps` steps of `ms` each, then one write (to `applied`). */
function slowKind(applied: string[], steps = 20, ms = 50): JobKindDefinition {
  return {
    handler: async (params: { tag: string }, job) => {
      for (let i = 0; i < steps; i++) {
        await job.progress(i, steps, `step ${i + 1} of ${steps}`);
        await sleep(ms);
      }
      await job.progress(steps, steps, "writing");
      applied.push(params.tag);
      return { tag: params.tag };
    },
  };
}

describe.each(STORES)("jobs on %s", (store) => {
  let t: TestService;
  /** the same company as `t`, for the synchronous route's answer */
  let twin: TestService;
  const applied: string[] = [];
  beforeAll(async () => {
    [t, twin] = await Promise.all([startTestService(store, { demo: false }), startTestService(store, { demo: false })]);
    // Planted drift, so generation has something to raise.
    await Promise.all([plantAndStore(t, "product"), plantAndStore(twin, "product")]);
    await t.service.ctx.jobs!.register("slow", slowKind(applied));
    await t.service.ctx.jobs!.register("boom", {
      handler: async () => {
        throw new Error("the data had no weeks");
      },
    });
  });
  afterAll(async () => {
    await Promise.all([t?.close(), twin?.close()]);
  });

  it("a recommendation job answers what the synchronous route answers, with progress and an audit trail", async () => {
    const body = { dimension: "product", parts: ["abc"] };
    const started = await t.api("POST", "/api/v1/jobs", { token: t.tokens.planner, body: { kind: "generateRecommendations", body } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: "generateRecommendations", status: "queued", createdBy: "test-planner", result: null });
    const seen: Array<{ status: string; done: number | null }> = [];
    const job = await waitForEnd(t, started.body.id, seen);
    expect(job.status).toBe("succeeded");
    expect(job.progress).toEqual({ done: 4, total: 4, label: expect.any(String) });
    expect(job.attempts).toBe(1);
    expect(job.instance).toBe(t.service.ctx.jobs!.instance);
    const sync = await twin.api("POST", "/api/v1/recommendations/generate", { token: twin.tokens.planner, body });
    expect([200, 201]).toContain(sync.status);
    expect(sync.body.recommendations.length).toBeGreaterThan(0);
    expect(normalise(job.result)).toEqual(normalise(sync.body));
    // The job's requests were really raised: generating again finds them pending.
    const again = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body });
    expect(again.body.created).toBe(0);
    expect(again.body.alreadyPending).toBe(job.result.created);
    const audit = await t.api("GET", `/api/v1/audit?entity=${job.id}`, { token: t.tokens.viewer });
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["job.started", "job.succeeded"]));
  });

  it("progress moves step by step while a job runs", async () => {
    const job = await t.service.ctx.jobs!.start("slow", { tag: "progress" }, planner);
    const seen: Array<{ status: string; done: number | null }> = [];
    const ended = await waitForEnd(t, job.id, seen);
    expect(ended.status).toBe("succeeded");
    expect(ended.result).toEqual({ tag: "progress" });
    const running = seen.filter((s) => s.status === "running" && s.done !== null).map((s) => s.done!);
    expect(new Set(running).size).toBeGreaterThan(2);
    expect(running).toEqual([...running].sort((a, b) => a - b));
  });

  it("cancelling a running job stops it before it writes, audited; cancelling again changes nothing", async () => {
    const job = await t.service.ctx.jobs!.start("slow", { tag: "cancelled" }, planner);
    for (let i = 0; i < 200; i++) {
      const r = await t.api("GET", `/api/v1/jobs/${job.id}`);
      if (r.body.progress?.done >= 2) break;
      await sleep(25);
    }
    const other = await t.api("POST", `/api/v1/jobs/${job.id}/cancel`, { token: t.tokens.approver });
    expect(other.status).toBe(403);
    const cancelled = await t.api("POST", `/api/v1/jobs/${job.id}/cancel`, { token: t.tokens.planner });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    await sleep(1500);
    expect(applied).not.toContain("cancelled");
    const after = await t.api("GET", `/api/v1/jobs/${job.id}`);
    expect(after.body).toMatchObject({ status: "cancelled", result: null });
    const again = await t.api("POST", `/api/v1/jobs/${job.id}/cancel`, { token: t.tokens.admin });
    expect(again.body.status).toBe("cancelled");
    const audit = await t.api("GET", `/api/v1/audit?entity=${job.id}`, { token: t.tokens.viewer });
    expect(audit.body.entries.filter((e: { action: string }) => e.action === "job.cancelled")).toHaveLength(1);
  });

  it("a queued job cancelled before it runs never runs", async () => {
    // The runner takes one job at a time on SQLite; on PostgreSQL the cancel reaches pg-boss too.
    const first = await t.service.ctx.jobs!.start("slow", { tag: "ahead" }, planner);
    const queued = await t.service.ctx.jobs!.start("slow", { tag: "never" }, planner);
    const r = await t.api("POST", `/api/v1/jobs/${queued.id}/cancel`, { token: t.tokens.planner });
    expect(r.body.status).toBe("cancelled");
    await waitForEnd(t, first.id);
    await sleep(1000);
    expect(applied).not.toContain("never");
    expect((await t.api("GET", `/api/v1/jobs/${queued.id}`)).body.startedAt).toBeNull();
  });

  it("a failed job records its error: a handler's throw, and a use case's refusal", async () => {
    const boom = await t.service.ctx.jobs!.start("boom", {}, planner);
    const ended = await waitForEnd(t, boom.id);
    expect(ended).toMatchObject({ status: "failed", error: "the data had no weeks", result: null });
    // No model is trained in this company: the model source is refused, as the synchronous route refuses it.
    const started = await t.api("POST", "/api/v1/jobs", { token: t.tokens.planner, body: { kind: "generateRecommendations", body: { dimension: "customer", source: "model" } } });
    expect(started.status).toBe(202);
    const failed = await waitForEnd(t, started.body.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/model/);
    const audit = await t.api("GET", `/api/v1/audit?entity=${boom.id}`, { token: t.tokens.viewer });
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toContain("job.failed");
  });

  it("checks roles and bodies: the kind's own permission and schema", async () => {
    const body = { kind: "cluster", body: { dimension: "customer", k: 3, seed: 1 } };
    expect((await t.api("POST", "/api/v1/jobs", { token: t.tokens.viewer, body })).status).toBe(403);
    expect((await t.api("POST", "/api/v1/jobs", { token: t.tokens.approver, body })).status).toBe(403);
    expect((await t.api("POST", "/api/v1/jobs", { token: null, body })).status).toBe(401);
    const badKind = await t.api("POST", "/api/v1/jobs", { token: t.tokens.planner, body: { kind: "format-disk", body: {} } });
    expect(badKind.status).toBe(400);
    const badBody = await t.api("POST", "/api/v1/jobs", { token: t.tokens.planner, body: { kind: "trainModel", body: { dimension: "product" } } });
    expect(badBody.status).toBe(400);
    expect(badBody.body.detail).toMatch(/body\.body\.seed/);
    expect((await t.api("GET", "/api/v1/jobs/00000000-0000-4000-8000-000000000000", { token: t.tokens.viewer })).status).toBe(404);
    expect((await t.api("POST", "/api/v1/jobs/00000000-0000-4000-8000-000000000000/cancel", { token: t.tokens.viewer })).status).toBe(403);
  });

  it("clustering and training run as jobs too", async () => {
    const cluster = await t.api("POST", "/api/v1/jobs", { token: t.tokens.planner, body: { kind: "cluster", body: { dimension: "customer", k: 3, seed: 1 } } });
    expect(cluster.status).toBe(202);
    const train = await t.api("POST", "/api/v1/jobs", { token: t.tokens.planner, body: { kind: "trainModel", body: { dimension: "product", seed: 7 } } });
    expect(train.status).toBe(202);
    const c = await waitForEnd(t, cluster.body.id);
    expect(c.status).toBe("succeeded");
    expect(c.result).toMatchObject({ dimension: "customer" });
    const m = await waitForEnd(t, train.body.id);
    if (m.status !== "succeeded") console.log(m.error);
    expect(m.status).toBe("succeeded");
    const stored = await t.api("GET", `/api/v1/models/${m.result.id}`, { token: t.tokens.viewer });
    expect(stored.status).toBe(200);
  });

  it("lists jobs newest first, filtered and paged", async () => {
    const all = await t.api("GET", "/api/v1/jobs?limit=500", { token: t.tokens.viewer });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(all.body.jobs.length);
    const times = all.body.jobs.map((j: { createdAt: string }) => j.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const failed = await t.api("GET", "/api/v1/jobs?status=failed", { token: t.tokens.viewer });
    expect(failed.body.jobs.length).toBeGreaterThanOrEqual(2);
    expect(failed.body.jobs.every((j: { status: string }) => j.status === "failed")).toBe(true);
    const slow = await t.api("GET", "/api/v1/jobs?kind=slow&limit=2&offset=1", { token: t.tokens.viewer });
    expect(slow.body).toMatchObject({ limit: 2, offset: 1, total: 4 });
    expect(slow.body.jobs).toHaveLength(2);
    expect((await t.api("GET", "/api/v1/jobs?status=done", { token: t.tokens.viewer })).status).toBe(400);
  });

  it("at start, a job left running by a process that is gone is failed with the reason", async () => {
    const ctx = t.service.ctx;
    const id = "11111111-1111-4111-8111-111111111111";
    await insertJob(ctx.db, { id, kind: "slow", params: { tag: "orphan" }, createdBy: "x", createdBySubject: "x", createdByRole: "planner", createdAt: new Date().toISOString() });
    await claimJob(ctx.db, id, "a-dead-process", new Date().toISOString());
    // SQLite: one process owns the file, so every running row is an orphan. PostgreSQL: pg-boss holds no live job for it.
    const restarted = store === "sqlite" ? new LocalJobQueue(ctx) : new PgBossJobQueue(ctx, t.databaseUrl);
    await restarted.open();
    await restarted.close();
    expect(await findJob(ctx.db, id)).toMatchObject({ status: "failed", error: STOPPED_WHILE_RUNNING });
  });
});

(STORES.includes("postgres") ? describe : describe.skip)("jobs on two PostgreSQL service instances", () => {
  let t: TestService;
  let second: RunningService;
  const runs = new Map<string, string[]>();
  const counting = (name: string): JobKindDefinition => ({
    handler: async (params: { n: number }, job) => {
      await job.progress(0, 1, "working");
      runs.set(String(params.n), [...(runs.get(String(params.n)) ?? []), name]);
      await sleep(300);
      return { ranOn: name };
    },
  });
  beforeAll(async () => {
    t = await startTestService("postgres");
    const config = configSchema.parse({ PORT: 0, DATABASE_URL: t.databaseUrl, TIERLINE_DEMO: "false", RATE_LIMIT_PER_MINUTE: "0", AUTH_FAILURES_PER_MINUTE: "0" });
    second = await startService(config, { logger: pino({ level: "silent" }) });
    await t.service.ctx.jobs!.register("count", counting("first"));
    await second.ctx.jobs!.register("count", counting("second"));
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it("a job started on one instance is run by a worker of either, exactly once; both read the same record", async () => {
    const jobs = [];
    for (let n = 0; n < 8; n++) jobs.push(await t.service.ctx.jobs!.start("count", { n }, planner));
    const ended = [];
    for (const job of jobs) ended.push(await waitForEnd(t, job.id));
    expect(ended.map((j) => j.status)).toEqual(jobs.map(() => "succeeded"));
    for (let n = 0; n < 8; n++) expect(runs.get(String(n))).toHaveLength(1);
    expect(ended.every((j) => j.attempts === 1)).toBe(true);
    const ranOn = new Set(ended.map((j) => j.result.ranOn));
    expect(ranOn).toEqual(new Set(["first", "second"]));
    expect(new Set(ended.map((j) => j.instance))).toEqual(new Set([t.service.ctx.jobs!.instance, second.ctx.jobs!.instance]));
    // The second instance reads what the first started.
    expect(await second.ctx.jobs!.get(jobs[0].id)).toMatchObject({ status: "succeeded", id: jobs[0].id });
  });

  it("a retryable kind whose attempt fails is run again by pg-boss; the record shows both attempts", async () => {
    let calls = 0;
    const flaky: JobKindDefinition = {
      retryable: true,
      handler: async () => {
        calls++;
        if (calls === 1) throw new Error("the connection dropped");
        return { ok: true };
      },
    };
    await t.service.ctx.jobs!.register("flaky", flaky);
    await second.ctx.jobs!.register("flaky", flaky);
    const job = await t.service.ctx.jobs!.start("flaky", {}, planner);
    const ended = await waitForEnd(t, job.id);
    expect(ended).toMatchObject({ status: "succeeded", attempts: 2, result: { ok: true }, error: null });
    expect(calls).toBe(2);
    const audit = await t.api("GET", `/api/v1/audit?entity=${job.id}`, { token: t.tokens.viewer });
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["job.started", "job.attempt_failed", "job.succeeded"]));
  });

  it("a cancel made on one instance stops the job running on the other", async () => {
    const applied: string[] = [];
    await t.service.ctx.jobs!.register("slow-elsewhere", slowKind(applied, 40, 50));
    await second.ctx.jobs!.register("slow-elsewhere", slowKind(applied, 40, 50));
    const job = await t.service.ctx.jobs!.start("slow-elsewhere", { tag: "elsewhere" }, planner);
    let running = await t.service.ctx.jobs!.get(job.id);
    for (let i = 0; i < 200 && !(running.status === "running" && (running.progress?.done ?? 0) >= 1); i++) {
      await sleep(25);
      running = await t.service.ctx.jobs!.get(job.id);
    }
    expect(running.status).toBe("running");
    // Cancel through the instance that is not running it.
    const other = running.instance === t.service.ctx.jobs!.instance ? second.ctx.jobs! : t.service.ctx.jobs!;
    const cancelled = await other.cancel(job.id, planner);
    expect(cancelled.status).toBe("cancelled");
    await sleep(1000);
    expect(applied).toEqual([]);
    expect(await t.service.ctx.jobs!.get(job.id)).toMatchObject({ status: "cancelled", result: null });
  });
});
