/**
 * PostgreSQL faults a deployment meets: connections terminated mid-request
 * (an administrator, a failover), the server down and back, and a lock
 * that is not granted in time. The service must never crash, must answer
 * 503 + Retry-After (problem+json) while the store is unavailable, must
 * answer normally as soon as it is back, and must not lose a write it
 * acknowledged.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { PG_ADMIN_URL, STORES, freshDatabaseUrl, startTestService } from "./harness";

jest.setTimeout(90_000);

const root = path.resolve(__dirname, "../..");
const onPostgres = STORES.includes("postgres") ? describe : describe.skip;

function startChild(databaseUrl: string): Promise<{ child: ChildProcess; url: string; admin: string; planner: string; exited: () => number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", path.join(root, "node_modules/tsx/dist/cjs/index.cjs"), path.join(__dirname, "children/serveStore.ts")], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let exitCode: number | null = null;
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ready (\S+) (\S+) (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1], admin: m[2], planner: m[3], exited: () => exitCode });
    });
    child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code, signal) => {
      exitCode = code ?? (signal ? 128 : 0);
      reject(new Error(`service child exited (${code ?? signal}): ${out.slice(-2000)}`));
    });
  });
}

async function terminateBackends(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const r = await admin.query("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [database]);
    return Number(r.rows[0].n);
  } finally {
    await admin.end();
  }
}

/** A TCP proxy to PostgreSQL that the test can take down (refusing and cutting every connection) and bring back: a server restart without touching the shared server. */
async function startProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      if (server) return resolve();
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
        client.pipe(upstream).pipe(client);
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    async down() {
      const s = server;
      if (!s) return;
      server = undefined;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      });
    },
    up: listen,
  };
}

onPostgres("PostgreSQL faults", () => {
  it("survives connections terminated under load: no crash, 503 while it happens, answers afterwards, no acknowledged write lost", async () => {
    const db = await freshDatabaseUrl("postgres");
    const database = new URL(db.url).pathname.slice(1);
    const svc = await startChild(db.url);
    svc.child.on("exit", () => {});
    const counts = { tried: 0, ok: 0, unavailable503: 0, other4xx: 0, other5xx: 0, transportErrors: 0, crashes: 0, acknowledgedWritesLost: 0, terminated: 0 };
    const acknowledged: string[] = [];
    const call = async (method: string, route: string, token: string, body?: unknown) => {
      counts.tried++;
      try {
        const res = await fetch(`${svc.url}${route}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
        const text = await res.text();
        if (res.status < 400) counts.ok++;
        else if (res.status === 503) {
          counts.unavailable503++;
          expect(res.headers.get("retry-after")).toBeTruthy();
          expect(res.headers.get("content-type")).toContain("application/problem+json");
        } else if (res.status < 500) counts.other4xx++;
        else counts.other5xx++;
        return { status: res.status, body: text ? JSON.parse(text) : undefined };
      } catch {
        counts.transportErrors++;
        return { status: 0, body: undefined };
      }
    };
    try {
      // Load throughout; backends terminated in 12 rounds, then a calm second in which the load goes on.
      let storming = true;
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          if (i % 3 === 0) {
            // A segment of its own per request: an identical pending proposal would be refused (409).
            const r = await call("POST", "/api/v1/change-requests", svc.planner, { dimension: "product", changes: [{ entityId: `P000${(i % 9) + 1}`, segment: `B${w}-${i}` }], justification: `load ${w}.${i}` });
            if (r.status === 201) acknowledged.push(r.body.id);
          } else if (i % 3 === 1) await call("GET", `/api/v1/change-requests?limit=5`, svc.admin);
          else await call("POST", "/api/v1/segments/lookup", svc.admin, { dimension: "product", ids: ["P0001", "P0002", "P0003"] });
        }
      };
      const killer = async () => {
        for (let round = 0; round < 12; round++) {
          await new Promise((r) => setTimeout(r, 250));
          counts.terminated += await terminateBackends(database);
        }
        storming = false;
        await new Promise((r) => setTimeout(r, 1_000));
        stop = true;
      };
      await Promise.all([...Array.from({ length: 8 }, (_, w) => worker(w)), killer()]);
      expect(storming).toBe(false);
      if (svc.exited() !== null) counts.crashes++;
      // The next request succeeds.
      expect((await fetch(`${svc.url}/readyz`)).status).toBe(200);
      const after = await call("GET", "/api/v1/change-requests?limit=1", svc.admin);
      expect(after.status).toBe(200);
      for (const id of acknowledged) {
        const r = await call("GET", `/api/v1/change-requests/${id}`, svc.admin);
        if (r.status !== 200) counts.acknowledgedWritesLost++;
      }
      console.log(`connection termination under load: ${JSON.stringify({ ...counts, acknowledgedWrites: acknowledged.length })}`);
      expect(counts.terminated).toBeGreaterThan(0);
      expect(counts.unavailable503).toBeGreaterThan(0);
      expect(counts.crashes).toBe(0);
      expect(counts.other4xx).toBe(0);
      expect(counts.other5xx).toBe(0);
      expect(counts.transportErrors).toBe(0);
      expect(counts.acknowledgedWritesLost).toBe(0);
      expect(acknowledged.length).toBeGreaterThan(0);
    } finally {
      svc.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      await db.drop();
    }
  });

  it("answers 503 + Retry-After while PostgreSQL is down (readiness fails fast) and serves again once it is back", async () => {
    const target = new URL(PG_ADMIN_URL);
    const proxy = await startProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const t = await startTestService("postgres", {
      serviceDatabaseUrl: (url) => {
        const u = new URL(url);
        u.port = String(proxy.port);
        return u.toString();
      },
      env: { PG_CONNECT_TIMEOUT_MS: "1000" },
    });
    try {
      expect((await t.api("GET", "/api/v1/segments/product/P0001")).status).toBe(200);
      await proxy.down();
      const started = Date.now();
      const ready = await t.api("GET", "/readyz", { token: null });
      expect(ready.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(3_000);
      for (const [method, route, body] of [
        ["GET", "/api/v1/change-requests", undefined],
        ["POST", "/api/v1/segments/lookup", { ids: ["P0001"] }],
        ["POST", "/api/v1/change-requests", { dimension: "product", changes: [{ entityId: "P0001", segment: "B" }], justification: "while down" }],
      ] as const) {
        const r = await t.api(method, route, { body, token: t.tokens.admin });
        expect([r.status, r.headers.get("content-type"), r.headers.get("retry-after")]).toEqual([503, expect.stringContaining("application/problem+json"), expect.any(String)]);
        expect(r.body.title).toBe("Service unavailable");
      }
      await proxy.up();
      expect((await t.api("GET", "/readyz", { token: null })).status).toBe(200);
      expect((await t.api("GET", "/api/v1/change-requests?limit=1")).status).toBe(200);
    } finally {
      await proxy.up();
      await t.close();
      await proxy.down();
    }
  });

  it("maps a lock not granted within the lock timeout to 503 + Retry-After", async () => {
    const t = await startTestService("postgres", { env: { PG_LOCK_TIMEOUT_MS: "300" } });
    const locker = new pg.Client({ connectionString: t.databaseUrl });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE change_requests IN ACCESS EXCLUSIVE MODE");
      const r = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId: "P0001", segment: "B" }], justification: "blocked" } });
      expect(r.status).toBe(503);
      expect(r.headers.get("retry-after")).toBeTruthy();
      await locker.query("ROLLBACK");
      const again = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId: "P0001", segment: "B" }], justification: "unblocked" } });
      expect(again.status).toBe(201);
    } finally {
      await locker.end();
      await t.close();
    }
  });
});
