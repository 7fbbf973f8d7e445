/**
 * Time-dependent behaviour (expiry, as-of reads) with an injected clock, the
 * token command, and graceful shutdown of a real server process.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { findActor } from "../../service/src/auth/tokens";
import { migrateToLatest } from "../../service/src/store/migrations";
import { openDatabase } from "../../service/src/store/openDatabase";
import { freshDatabaseUrl, startTestService } from "./harness";

jest.setTimeout(90_000);
const root = path.resolve(__dirname, "../..");

describe("with an injected clock", () => {
  let clock = new Date("2026-03-01T08:00:00Z");
  it("expires a pending request after its days, audits it, and refuses to approve it", async () => {
    const t = await startTestService("sqlite", { now: () => clock });
    try {
      const cr = await t.api("POST", "/api/v1/change-requests", {
        token: t.tokens.planner,
        body: { dimension: "product", changes: [{ entityId: "P0001", segment: "C" }], justification: "short-lived", expiresInDays: 2 },
      });
      expect(cr.body.expiresAt).toBe("2026-03-03T08:00:00.000Z");
      clock = new Date("2026-03-04T08:00:00Z");
      const r = await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: "too late", expectedVersion: 1 } });
      expect(r.status).toBe(409);
      expect(r.body.detail).toBe(`change request ${cr.body.id} is already expired`);
      const audit = await t.api("GET", `/api/v1/audit?entity=${cr.body.id}`);
      expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(["change_request.created", "change_request.expired"]);
    } finally {
      await t.close();
    }
  });

  it("reads segments as of a date", async () => {
    clock = new Date("2026-03-01T08:00:00Z");
    const t = await startTestService("sqlite", { now: () => clock });
    try {
      clock = new Date("2026-04-01T08:00:00Z");
      const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId: "P0001", segment: "Q" }], justification: "April change" } });
      await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed", expectedVersion: 1 } });
      const march = await t.api("GET", "/api/v1/segments?dimension=product&asOf=2026-03-15T00:00:00Z");
      const april = await t.api("GET", "/api/v1/segments?dimension=product&asOf=2026-04-02T00:00:00Z");
      expect(march.body.version).toBe(1);
      expect(april.body.version).toBe(2);
      expect(april.body.assignments.find((a: { entityId: string }) => a.entityId === "P0001").segment).toBe("Q");
      expect(march.body.assignments.find((a: { entityId: string }) => a.entityId === "P0001").segment).not.toBe("Q");
    } finally {
      await t.close();
    }
  });
});

describe("npm run token", () => {
  it("issues a token on the configured store and prints it last; refuses an unknown role", async () => {
    const db = await freshDatabaseUrl("sqlite");
    const run = (args: string[]) => spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/token.ts", ...args], { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: db.url } });
    const ok = run(["--name", "alice", "--role", "approver"]);
    expect(ok.status).toBe(0);
    const token = ok.stdout.trim().split("\n").at(-1)!;
    expect(token).toMatch(/^tl_[A-Za-z0-9_-]{43}$/);
    const { db: kysely, dialect } = openDatabase(db.url);
    await migrateToLatest(kysely as never, dialect);
    expect(await findActor(kysely, token)).toMatchObject({ name: "alice", role: "approver" });
    expect(await findActor(kysely, token + "x")).toBeUndefined();
    await kysely.destroy();
    const bad = run(["--name", "bob", "--role", "superuser"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("--role must be one of viewer, planner, sales, finance, approver, admin");
  });
});

describe("graceful shutdown", () => {
  it("on SIGTERM stops listening, closes the store and exits 0", async () => {
    const db = await freshDatabaseUrl("sqlite");
    const child = spawn(process.execPath, ["--require", "tsx/cjs", "service/src/start.ts"], {
      cwd: root,
      env: { ...process.env, PORT: "0", DATABASE_URL: db.url, TIERLINE_DEMO: "false", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        const m = /Tierline service: (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on("exit", (code) => reject(new Error(`exited early (${code}): ${out}`)));
    });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(out).toContain('"msg":"shutting down"');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
