/**
 * Two service processes on one PostgreSQL database, as a deployment behind a
 * load balancer runs them: both start at once on an empty database (the
 * migrations must not race), 50 approvals of one request spread over both
 * apply it once, and a job whose process is killed with kill -9 while it runs
 * is taken over by the other instance (or failed with the reason), never left
 * half-applied; a schedule falling due while both tick runs exactly once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import type { Role } from "../../shared/src/api/roles";
import { issueToken } from "../../service/src/auth/tokens";
import { loadDemoCompany } from "../../service/src/demo/loadDemo";
import { STOPPED_WHILE_RUNNING } from "../../service/src/jobs/jobQueue";
import { openDatabase } from "../../service/src/store/openDatabase";
import type { Database } from "../../service/src/store/schema";
import { verifyAuditChain } from "../../service/src/useCases/audit";
import { freshDatabaseUrl, STORES } from "./harness";

jest.setTimeout(90_000);

const root = path.resolve(__dirname, "../..");
/** Big enough that generating product recommendations runs for a second or two, so the kill lands mid-run. */
const COMPANY = { seed: 5, products: 1200, customers: 300, weeks: 26, suppliers: 10 };
/** Short periods: the rule reads against the weeks before those it examines, and 26 weeks of 4-week periods leave too few. */
const GENERATE = { dimension: "product", periodWeeks: 2, consecutivePeriods: 2, margin: 0.05 };
/**
 * pg-boss offers a job whose worker died again once it has been active this
 * long (checked every second at this setting, then a 5 s retry delay): far above
 * the job's own run time, so a live run is never offered twice.
 */
const JOB_EXPIRE_SECONDS = 6;
/** Both instances look for due schedules this often, ms. */
const SCHEDULE_TICK_MS = 100;
/** Schedules falling due at the same moment in the scheduled-job test. */
const SCHEDULES = 12;

interface Instance {
  name: string;
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** The service's own entry point (`npm run service`) in a child process on port 0. */
function startInstance(name: string, databaseUrl: string): Promise<Instance> {
  return new Promise((resolve, reject) => {
    // node itself with tsx's loader, not the tsx command: that wraps node in a second process, which a kill -9 of the first would leave running.
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "service/src/start.ts")], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: "0",
        TIERLINE_DEMO: "false",
        ADDIN_DIST: "off",
        LOG_LEVEL: "warn",
        RATE_LIMIT_PER_MINUTE: "0",
        AUTH_FAILURES_PER_MINUTE: "0",
        COMPUTE_THREADS: "1",
        JOB_EXPIRE_SECONDS: String(JOB_EXPIRE_SECONDS),
        SCHEDULE_TICK_MS: String(SCHEDULE_TICK_MS),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s:\n${output}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Tierline service: (http:\/\/\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ name, child, url: ready[1], output: () => output });
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

function stopInstance(instance: Instance | undefined): Promise<void> {
  const child = instance?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

function killHard(instance: Instance): Promise<void> {
  return new Promise((resolve) => {
    instance.child.once("exit", () => resolve());
    instance.child.kill("SIGKILL");
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies by path
async function api(instance: Instance, method: string, route: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${instance.url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

(STORES.includes("postgres") ? describe : describe.skip)("two service instances on one PostgreSQL database", () => {
  let drop: (() => Promise<void>) | undefined;
  let db: Kysely<Database>;
  let a: Instance | undefined;
  let b: Instance | undefined;
  const tokens = {} as Record<"planner" | "jobPlanner" | "approver" | "approver2" | "admin", string>;

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl("postgres");
    drop = fresh.drop;
    // Both at once on an empty database: each migrates, and Kysely's migration lock must serialise them.
    const started = Date.now();
    const results = await Promise.allSettled([startInstance("A", fresh.url), startInstance("B", fresh.url)]);
    if (results[0].status === "fulfilled") a = results[0].value;
    if (results[1].status === "fulfilled") b = results[1].value;
    for (const r of results) if (r.status === "rejected") throw r.reason;
    console.log(`two instances started at once in ${((Date.now() - started) / 1000).toFixed(1)} s: A ${a!.url}, B ${b!.url}`);
    const opened = openDatabase(fresh.url);
    db = opened.db;
    const loadStarted = Date.now();
    await loadDemoCompany({ db, dialect: opened.dialect, now: () => new Date() }, COMPANY);
    console.log(`demo company (${COMPANY.products.toLocaleString("en-US")} products) loaded once in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);
    const roles: Array<[keyof typeof tokens, Role]> = [
      ["planner", "planner"],
      ["jobPlanner", "planner"],
      ["approver", "approver"],
      ["approver2", "approver"],
      ["admin", "admin"],
    ];
    for (const [name, role] of roles) tokens[name] = (await issueToken(db, `two-${name}`, role)).token;
    // Set-up, not a measurement: two cold starts and the demo load share the machine with the rest of the suite.
  }, 240_000);

  afterAll(async () => {
    await Promise.all([stopInstance(a), stopInstance(b)]);
    await db?.destroy();
    await drop?.();
  });

  it("both started on the empty database at once: every migration ran exactly once and both answer", async () => {
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
    const names = rows.map((r) => r.name);
    expect(names.length).toBeGreaterThanOrEqual(10);
    expect(new Set(names).size).toBe(names.length);
    for (const instance of [a!, b!]) expect((await api(instance, "GET", "/api/v1/versions?dimension=product", tokens.admin)).status).toBe(200);
  });

  it("50 concurrent approvals of one request over both instances: exactly one applies, 49 get 409, one version, one audit entry, chain intact", async () => {
    const before = (await api(a!, "GET", "/api/v1/versions?dimension=product", tokens.admin)).body.current as number;
    let cr = await api(a!, "POST", "/api/v1/change-requests", tokens.planner, { dimension: "product", changes: [{ entityId: "P0003", segment: "A" }], justification: "two-instance race" });
    // P0003 may already be in A in this company: move it elsewhere instead.
    if (cr.status !== 201) cr = await api(a!, "POST", "/api/v1/change-requests", tokens.planner, { dimension: "product", changes: [{ entityId: "P0003", segment: "C" }], justification: "two-instance race" });
    expect(cr.status).toBe(201);
    const approvers = [tokens.approver, tokens.approver2, tokens.admin];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => api(i % 2 === 0 ? a! : b!, "POST", `/api/v1/change-requests/${cr.body.id}/approve`, approvers[i % approvers.length], { reason: `click ${i}`, expectedVersion: 1 })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = statuses.indexOf(200);
    console.log(`the one applied approval went to instance ${winner % 2 === 0 ? "A" : "B"}`);
    // Both instances read the same outcome.
    for (const instance of [a!, b!]) {
      const versions = await api(instance, "GET", "/api/v1/versions?dimension=product", tokens.admin);
      expect(versions.body.current).toBe(before + 1);
      expect(versions.body.versions.filter((v: { changeRequestId: string }) => v.changeRequestId === cr.body.id)).toHaveLength(1);
    }
    const audit = await api(b!, "GET", `/api/v1/audit?entity=${cr.body.id}&action=change_request.approved`, tokens.admin);
    expect(audit.body.entries).toHaveLength(1);
    const chain = await verifyAuditChain(db);
    expect(chain).toMatchObject({ intact: true, problem: null });
  });

  it("scheduled jobs run exactly once across two instances: both tickers see 12 schedules due at once, each is claimed once, one job each, one set of requests", async () => {
    // Due a moment from now on the instances' own clocks; both tick every SCHEDULE_TICK_MS. A tick claims
    // and starts the due schedules one after another, so with a dozen due the two instances' ticks overlap
    // on the same rows: only the compare-and-set keeps the second from starting them again.
    const anchor = new Date(Date.now() + 2000).toISOString();
    const ids: string[] = [];
    for (let i = 0; i < SCHEDULES; i++) {
      const created = await api(i % 2 === 0 ? a! : b!, "POST", "/api/v1/schedules", tokens.admin, {
        dimension: "customer",
        cadence: { every: 1, unit: "week", anchor },
        // Sensitive enough that this company's customers give a run several requests to raise.
        thresholds: { margin: 0.1, consecutivePeriods: 2 },
        approvalSteps: ["planner", "approver"],
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id as string);
    }
    expect(Date.now()).toBeLessThan(Date.parse(anchor));
    const runs = async () => (await db.selectFrom("jobs").selectAll().where("kind", "=", "scheduledReclassification").execute()).filter((r) => ids.includes((JSON.parse(r.params) as { scheduleId: string }).scheduleId));

    const deadline = Date.now() + 60_000;
    for (;;) {
      const jobs = await runs();
      if (jobs.length >= SCHEDULES && jobs.every((j) => ["succeeded", "failed", "cancelled"].includes(j.status))) break;
      if (Date.now() > deadline) throw new Error(`the scheduled runs did not end within 60 s: ${JSON.stringify(jobs.map((j) => j.status))}`);
      await sleep(100);
    }
    // Many more ticks of both instances pass with the runs done and the schedules moved on.
    await sleep(20 * SCHEDULE_TICK_MS);
    const jobs = await runs();
    expect(jobs.map((j) => (JSON.parse(j.params) as { scheduleId: string }).scheduleId).sort()).toEqual([...ids].sort());
    for (const job of jobs) expect(job).toMatchObject({ status: "succeeded", attempts: 1 });
    const reports = jobs.map((j) => JSON.parse(j.result!) as { raised: number; changeRequestIds: string[]; approvalSteps: string[][] });
    const raisedIds = reports.flatMap((r) => r.changeRequestIds).sort();
    const onA = jobs.filter((j) => j.instance!.split(":")[1] === String(a!.child.pid)).length;
    console.log(`${SCHEDULES} schedules due at once ran once each (${onA} on instance A, ${SCHEDULES - onA} on B): ${raisedIds.length} requests raised in all`);
    expect(raisedIds.length).toBeGreaterThan(1);
    for (const r of reports) if (r.raised > 0) expect(r.approvalSteps).toEqual([["planner", "approver"]]);

    const week = 7 * 24 * 3_600_000;
    const schedules = (await api(b!, "GET", "/api/v1/schedules", tokens.approver)).body.schedules.filter((x: { id: string }) => ids.includes(x.id));
    for (const x of schedules) expect(x).toMatchObject({ lastJobId: jobs.find((j) => j.params.includes(x.id))!.id, nextRunAt: new Date(Date.parse(anchor) + week).toISOString() });
    // One set of requests: exactly those the runs report, no entity with two.
    const raised = await db.selectFrom("change_requests").select(["id", "payload"]).where("created_by", "like", "schedule %").execute();
    expect(raised.map((r) => r.id).sort()).toEqual(raisedIds);
    const entities = raised.flatMap((r) => (JSON.parse(r.payload) as { changes: Array<{ entityId: string }> }).changes.map((c) => c.entityId));
    expect(new Set(entities).size).toBe(entities.length);
    const ran = await db.selectFrom("audit_log").select("entity_id").where("action", "=", "schedule.ran").execute();
    expect(ran.map((r) => r.entity_id).sort()).toEqual([...ids].sort());
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });

  it("a job whose process is killed with kill -9 mid-run is taken over by the other instance (or failed with the reason), never half-applied", async () => {
    const pendingOfJobPlanner = async () =>
      Number(
        (
          await db
            .selectFrom("change_requests")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("status", "=", "pending")
            .where("created_by", "=", "two-jobPlanner")
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await pendingOfJobPlanner()).toBe(0);
    const started = await api(a!, "POST", "/api/v1/jobs", tokens.jobPlanner, { kind: "generateRecommendations", body: GENERATE });
    expect(started.status).toBe(202);
    const id = started.body.id as string;

    // Wait until a worker of either instance is inside the run (past its first step), then kill that process.
    let running;
    const deadline = Date.now() + 20_000;
    for (;;) {
      running = (await api(b!, "GET", `/api/v1/jobs/${id}`, tokens.admin)).body;
      if (running.status === "running" && (running.progress?.done ?? 0) >= 1) break;
      expect(running.status === "queued" || running.status === "running").toBe(true);
      if (Date.now() > deadline) throw new Error(`the job never got going: ${JSON.stringify(running)}`);
      await sleep(25);
    }
    const [victim, survivor] = running.instance.split(":")[1] === String(a!.child.pid) ? [a!, b!] : [b!, a!];
    expect(running.instance.split(":")[1]).toBe(String(victim.child.pid));
    await killHard(victim);
    const killedAt = Date.now();
    console.log(`killed instance ${victim.name} (pid ${victim.child.pid}) with kill -9 at step ${running.progress.done} of ${running.progress.total}: ${running.progress.label}`);
    expect(running.progress.done).toBeLessThan(running.progress.total);

    let takenOverAfter: number | null = null;
    let ended;
    for (;;) {
      ended = (await api(survivor, "GET", `/api/v1/jobs/${id}`, tokens.admin)).body;
      if (takenOverAfter === null && ended.instance !== running.instance) takenOverAfter = Date.now() - killedAt;
      if (["succeeded", "failed", "cancelled"].includes(ended.status)) break;
      if (Date.now() - killedAt > 45_000) throw new Error(`no instance took the job over within 45 s: ${JSON.stringify(ended)}`);
      await sleep(100);
    }
    const endedAfter = Date.now() - killedAt;
    console.log(
      `after the kill: instance ${survivor.name} took the job over in ${((takenOverAfter ?? endedAfter) / 1000).toFixed(1)} s and it ended ${ended.status} ${(endedAfter / 1000).toFixed(1)} s after the kill (attempts ${ended.attempts})`,
    );

    const pending = await pendingOfJobPlanner();
    if (ended.status === "succeeded") {
      expect(ended.instance.split(":")[1]).toBe(String(survivor.child.pid));
      expect(ended.attempts).toBe(2);
      // Every request of the run exists: those the dead process raised count as already pending in the second attempt.
      expect(ended.result.created + ended.result.alreadyPending).toBeGreaterThan(0);
      expect(pending).toBe(ended.result.created + ended.result.alreadyPending);
      // Nothing is missing: generating again raises nothing new.
      const again = await api(survivor, "POST", "/api/v1/recommendations/generate", tokens.jobPlanner, GENERATE);
      expect(again.status).toBe(200);
      expect(again.body.created).toBe(0);
    } else {
      expect(ended).toMatchObject({ status: "failed", error: STOPPED_WHILE_RUNNING });
      expect(pending).toBe(0);
    }
    const audit = await api(survivor, "GET", `/api/v1/audit?entity=${id}`, tokens.admin);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toContain(ended.status === "succeeded" ? "job.succeeded" : "job.failed");
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });
});
