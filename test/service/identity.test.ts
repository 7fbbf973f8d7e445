/**
 * Tokens as credentials: guessing is throttled per address before any
 * lookup, API tokens expire and are revoked at once, four-eyes compares the
 * owner rather than the display name, secrets never reach the log, and the
 * service alone starts without demo data.
 */
import { Writable } from "node:stream";
import { configSchema } from "../../service/src/config";
import { issueToken } from "../../service/src/auth/tokens";
import { DEMO_TOKEN_HOURS, issueDemoTokens } from "../../service/src/demo/demoTokens";
import { createLogger } from "../../service/src/logger";
import { startTestService, STORES, type TestService } from "./harness";

jest.setTimeout(120_000);

describe.each(STORES)("identity and tokens (%s)", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store, { env: { AUTH_FAILURES_PER_MINUTE: "20" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses ≥ 95 % of 1,000 made-up tokens from one address with 429 and Retry-After, before any lookup", async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let batch = 0; batch < 100; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const r = await t.api("GET", "/api/v1/segments", { token: `tl_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}` });
          if (r.status === 429) retryAfter = r.headers.get("retry-after");
          return r.status;
        }),
      );
      statuses.push(...answers);
    }
    const refused = statuses.filter((s) => s === 429).length;
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(refused / statuses.length).toBeGreaterThanOrEqual(0.95);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  });

  it("keeps a guessing address out even with a valid token until its minute is over; then lets it in", async () => {
    const r = await t.api("GET", "/api/v1/me", { token: t.tokens.viewer });
    expect(r.status).toBe(429);
    expect(r.body.detail).toMatch(/try again in \d+ s/);
  });
});

describe.each(STORES)("API tokens (%s)", (store) => {
  let t: TestService;
  let now = new Date("2026-12-01T09:00:00Z");
  beforeAll(async () => {
    t = await startTestService(store, { now: () => now });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("limits a token to some of its role's permissions: a pipeline that only reads cannot propose, and no token exceeds its role", async () => {
    const body = { name: "BI extract", subject: "svc-bi", role: "planner", expiresInDays: 30, scopes: ["read"] };
    const issued = await t.api("POST", "/api/v1/tokens", { token: t.tokens.admin, body });
    expect(issued.status).toBe(201);
    expect(issued.body.scopes).toEqual(["read"]);
    const token = issued.body.token as string;
    expect((await t.api("GET", "/api/v1/segments?dimension=product", { token })).status).toBe(200);
    const propose = await t.api("POST", "/api/v1/change-requests", { token, body: { dimension: "product", justification: "should not get this far", changes: [{ entityId: "P0001", segment: "A" }] } });
    expect(propose.status).toBe(403);
    expect(propose.body.detail).toMatch(/limited to read; .* it needs request/);
    // The whole role, as before, when no scopes are named.
    const whole = await t.api("POST", "/api/v1/tokens", { token: t.tokens.admin, body: { ...body, name: "planner script", scopes: undefined } });
    expect(whole.body.scopes).toBeNull();
    // A planner token cannot be scoped to decide: a scope only narrows.
    const beyond = await t.api("POST", "/api/v1/tokens", { token: t.tokens.admin, body: { ...body, scopes: ["read", "decide"] } });
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors[0]).toEqual({ field: "body.scopes", message: "role planner does not hold decide: a token cannot do more than its role" });
    const listed = await t.api("GET", "/api/v1/tokens", { token: t.tokens.admin });
    expect(listed.body.tokens.find((x: { id: string }) => x.id === issued.body.id).scopes).toEqual(["read"]);
  });

  it("issues a token once, lists it without its secret, and revokes it at once", async () => {
    const issued = await t.api("POST", "/api/v1/tokens", { token: t.tokens.admin, body: { name: "nightly ERP export", subject: "svc-erp", role: "viewer", expiresInDays: 30 } });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ name: "nightly ERP export", subject: "svc-erp", role: "viewer", status: "active", revokedAt: null });
    expect(issued.body.token).toMatch(/^tl_/);
    expect(Date.parse(issued.body.expiresAt) - now.getTime()).toBe(30 * 86_400_000);
    const token = issued.body.token as string;
    expect((await t.api("GET", "/api/v1/me", { token })).body).toEqual({ name: "nightly ERP export", subject: "svc-erp", role: "viewer" });

    const listed = await t.api("GET", "/api/v1/tokens", { token: t.tokens.admin });
    const mine = listed.body.tokens.find((x: { id: string }) => x.id === issued.body.id);
    expect(mine.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(JSON.stringify(listed.body)).not.toMatch(/hash/i);
    // The owner sees their own tokens only.
    const own = await t.api("GET", "/api/v1/tokens", { token });
    expect(own.body.tokens.map((x: { subject: string }) => x.subject)).toEqual(["svc-erp"]);

    // Someone else's token is not there for a non-admin to revoke.
    expect((await t.api("POST", `/api/v1/tokens/${issued.body.id}/revoke`, { token: t.tokens.planner })).status).toBe(404);
    const revoked = await t.api("POST", `/api/v1/tokens/${issued.body.id}/revoke`, { token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe("revoked");
    // At once: no cache keeps the revoked token alive.
    expect((await t.api("GET", "/api/v1/me", { token })).status).toBe(401);
    const audit = await t.api("GET", `/api/v1/audit?entity=${issued.body.id}`, { token: t.tokens.admin });
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(["token.issued", "token.revoked"]);
  });

  it("stops accepting a token the moment it expires", async () => {
    const issued = await t.api("POST", "/api/v1/tokens", { token: t.tokens.admin, body: { name: "short", subject: "svc-short", role: "viewer", expiresInDays: 1 } });
    expect((await t.api("GET", "/api/v1/me", { token: issued.body.token })).status).toBe(200);
    const before = now;
    now = new Date(before.getTime() + 86_400_000);
    try {
      expect((await t.api("GET", "/api/v1/me", { token: issued.body.token })).status).toBe(401);
      const listed = await t.api("GET", "/api/v1/tokens", { token: t.tokens.admin });
      expect(listed.body.tokens.find((x: { id: string }) => x.id === issued.body.id).status).toBe("expired");
    } finally {
      now = before;
    }
  });

  it("only an admin issues tokens, naming the field that is wrong", async () => {
    expect((await t.api("POST", "/api/v1/tokens", { token: t.tokens.planner, body: { name: "x", subject: "y", role: "admin" } })).status).toBe(403);
    const bad = await t.api("POST", "/api/v1/tokens", { token: t.tokens.admin, body: { name: "x", subject: "y", role: "admin", expiresInDays: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toBe("body.expiresInDays: must be ≥ 1");
  });

  it("four-eyes compares owners: one person's two tokens are one person, two people sharing a name are two", async () => {
    const ada1 = await issueToken(t.service.ctx.db, "Ada (laptop)", "admin", now, { subject: "ada@example.com" });
    const ada2 = await issueToken(t.service.ctx.db, "Ada (desktop)", "approver", now, { subject: "ada@example.com" });
    const raise = async (token: string, entityId: string) =>
      (await t.api("POST", "/api/v1/change-requests", { token, body: { dimension: "product", changes: [{ entityId, segment: "CZ" }], justification: "four-eyes check" } })).body;
    const versionNow = async () => (await t.api("GET", "/api/v1/versions?dimension=product")).body.current as number;
    const own = await raise(ada1.token, "P0001");
    const selfApproval = await t.api("POST", `/api/v1/change-requests/${own.id}/approve`, { token: ada2.token, body: { reason: "looks fine", expectedVersion: await versionNow() } });
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.detail).toMatch(/another approver must decide it/);

    const sameName = await issueToken(t.service.ctx.db, "Sam", "planner", now, { subject: "sam.one@example.com" });
    const otherSam = await issueToken(t.service.ctx.db, "Sam", "approver", now, { subject: "sam.two@example.com" });
    const bySam = await raise(sameName.token, "P0002");
    expect((await t.api("POST", `/api/v1/change-requests/${bySam.id}/approve`, { token: otherSam.token, body: { reason: "second pair of eyes", expectedVersion: await versionNow() } })).status).toBe(200);
  });
});

describe("secrets and defaults", () => {
  it("never writes a bearer token to the log: request lines and error lines", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const t = await startTestService("sqlite", { logger: createLogger("info", sink), demo: false });
    try {
      await t.api("GET", "/api/v1/me", { token: t.tokens.viewer });
      await t.api("GET", "/api/v1/segments", { token: "tl_not-a-real-token-but-secret-looking", headers: { Cookie: "session=s3cr3t" } });
      await t.api("POST", "/api/v1/segments/lookup", { token: t.tokens.planner, raw: "{not json", headers: { "Content-Type": "application/json" } });
    } finally {
      await t.close();
    }
    const log = lines.join("");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const secret of [t.tokens.viewer, t.tokens.planner, "tl_not-a-real-token-but-secret-looking", "s3cr3t"]) expect(log).not.toContain(secret);
    expect(log).toContain("[redacted]");
  });

  it("starts the service alone without demo data; demo tokens last a day and cover every working role", async () => {
    expect(configSchema.parse({}).TIERLINE_DEMO).toBe(false);
    const t = await startTestService("sqlite", { demo: false });
    try {
      const fresh = await issueDemoTokens(t.service.ctx.db, new Date());
      expect(fresh.map((d) => d.role)).toEqual(["planner", "sales", "finance", "approver", "admin"]);
      for (const d of fresh) expect(Date.parse(d.expiresAt!) - Date.now()).toBeGreaterThan((DEMO_TOKEN_HOURS - 1) * 3_600_000);
      expect((await t.api("GET", "/api/v1/me", { token: fresh[1].token })).body).toEqual({ name: "demo-sales", subject: "demo-sales", role: "sales" });
      const yesterday = await issueDemoTokens(t.service.ctx.db, new Date(Date.now() - (DEMO_TOKEN_HOURS + 1) * 3_600_000));
      expect((await t.api("GET", "/api/v1/me", { token: yesterday[0].token })).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
