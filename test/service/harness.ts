import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import pino, { type Logger } from "pino";
import type { Role } from "../../shared/src/api/roles";
import { issueToken } from "../../service/src/auth/tokens";
import { configSchema } from "../../service/src/config";
import { startService, type RunningService } from "../../service/src/service";
import { loadDemoCompany } from "../../service/src/demo/loadDemo";
import { insertAssignments } from "../../service/src/store/assignments";
import { insertVersion } from "../../service/src/store/versions";

export type Store = "sqlite" | "postgres";
/** Every store suite runs on both; TIERLINE_TEST_STORES=sqlite narrows it for a quick local run. */
export const STORES: Store[] = (process.env.TIERLINE_TEST_STORES ?? "sqlite,postgres").split(",").map((s) => s.trim()) as Store[];
export const PG_ADMIN_URL = process.env.TIERLINE_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";

/** A throw-away database: a temp SQLite file, or a fresh PostgreSQL database dropped at the end. */
export async function freshDatabaseUrl(store: Store): Promise<{ url: string; drop: () => Promise<void> }> {
  if (store === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tierline-store-"));
    return { url: `sqlite:${path.join(dir, "tierline.db")}`, drop: async () => {} };
  }
  const name = `tierline_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestService {
  service: RunningService;
  url: string;
  databaseUrl: string;
  tokens: Record<"viewer" | "planner" | "sales" | "finance" | "approver" | "approver2" | "admin", string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies by path
  api(method: string, route: string, options?: { token?: string | null; body?: unknown; headers?: Record<string, string>; raw?: BodyInit }): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  close(): Promise<void>;
}

export const SMALL_DEMO = { seed: 5, products: 60, customers: 24, weeks: 26, suppliers: 5 };

/** The real service over real HTTP on port 0, with a token per role and (by default) a small demo company loaded. */
export async function startTestService(
  store: Store,
  options: {
    demo?: boolean;
    /** the demo company to load instead of SMALL_DEMO */
    demoCompany?: typeof SMALL_DEMO;
    now?: () => Date;
    env?: Record<string, string>;
    logger?: Logger;
    /** the address the service uses for its fresh database (a proxy in fault tests) */ serviceDatabaseUrl?: (url: string) => string;
  } = {},
): Promise<TestService> {
  const db = await freshDatabaseUrl(store);
  const config = configSchema.parse({ PORT: 0, DATABASE_URL: options.serviceDatabaseUrl?.(db.url) ?? db.url, TIERLINE_DEMO: "false", RATE_LIMIT_PER_MINUTE: "0", AUTH_FAILURES_PER_MINUTE: "0", ...options.env });
  const service = await startService(config, { logger: options.logger ?? pino({ level: "silent" }), now: options.now });
  if (options.demo !== false) await loadDemoCompany(service.ctx, options.demoCompany ?? SMALL_DEMO);
  const roles: Array<[keyof TestService["tokens"], Role]> = [
    ["viewer", "viewer"],
    ["planner", "planner"],
    ["sales", "sales"],
    ["finance", "finance"],
    ["approver", "approver"],
    ["approver2", "approver"],
    ["admin", "admin"],
  ];
  const tokens = {} as TestService["tokens"];
  for (const [name, role] of roles) tokens[name] = (await issueToken(service.ctx.db, `test-${name}`, role)).token;
  return {
    service,
    url: service.url,
    databaseUrl: db.url,
    tokens,
    async api(method, route, { token = tokens.admin, body, headers = {}, raw } = {}) {
      const res = await fetch(`${service.url}${route}`, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...headers },
        body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
      });
      const text = await res.text();
      let parsed: unknown = undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed, text, headers: res.headers };
    },
    async close() {
      await service.close();
      await db.drop();
    },
  };
}

/** The multipart body of `POST /imports`: the kind and one file. */
export function importForm(kind: string, name: string, content: string | Buffer): FormData {
  const fd = new FormData();
  fd.set("kind", kind);
  fd.set("file", new Blob([typeof content === "string" ? content : new Uint8Array(content)]), name);
  return fd;
}

/** Imports each file through `POST /imports` as the planner; a refused file fails the fixture, naming its kind and the service's words. */
export async function importFiles(t: TestService, files: ReadonlyArray<readonly [string, string]>): Promise<void> {
  for (const [kind, csv] of files) {
    const r = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm(kind, `${kind}.csv`, csv) as never });
    expect([kind, r.status, r.body?.detail]).toEqual([kind, 201, undefined]);
  }
}

/** Sets segments the governed way, proposed by the planner and approved by the approver, as a fixture checked by hand would have them. */
export async function approveSegments(t: TestService, dimension: "product" | "customer", changes: Array<{ entityId: string; segment: string }>, expectedVersion = 0): Promise<void> {
  const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension, changes, justification: "hand-checked fixture" } });
  expect([cr.status, cr.body.detail]).toEqual([201, undefined]);
  const approved = await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: "fixture", expectedVersion } });
  expect([approved.status, approved.body.detail]).toEqual([200, undefined]);
}

/** Writes segments straight into the store as version 1 of the dimension, for fixtures that test what reads them rather than how they were approved. */
export async function seedSegments(t: TestService, dimension: "product" | "customer", pairs: Array<[string, string]>): Promise<void> {
  const db = t.service.ctx.db;
  const at = "2026-01-01T00:00:00.000Z";
  await insertVersion(db, { dimension, version: 1, effective_at: at, created_at: at, created_by: "test", change_request_id: null, note: "fixture" });
  await insertAssignments(
    db,
    dimension,
    1,
    pairs.map(([entityId, segment]) => ({ entityId, segment, detail: {} })),
  );
}

/** Polls a job as the viewer until it leaves "queued" and "running" and returns it as last read; throws after about a minute. */
export async function waitForJob(t: TestService, id: string) {
  for (let i = 0; i < 1200; i++) {
    const r = await t.api("GET", `/api/v1/jobs/${id}`, { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    if (!["queued", "running"].includes(r.body.status)) return r.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} did not end`);
}

/** Starts a product forecast run as the planner (`body` is the job's body), expects it accepted, and returns its id. */
export async function startForecast(t: TestService, body: Record<string, unknown>): Promise<string> {
  const r = await t.api("POST", "/api/v1/jobs", { token: t.tokens.planner, body: { kind: "forecastProducts", body } });
  expect(r.status).toBe(202);
  return r.body.id as string;
}

/** Runs a product forecast to its end and expects it to succeed; the finished job's result names the run. */
export async function runForecastJob(t: TestService, body: Record<string, unknown>) {
  const job = await waitForJob(t, await startForecast(t, body));
  expect(job.status).toBe("succeeded");
  return job;
}
