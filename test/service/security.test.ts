/**
 * Every route × role from the contract's table, and the ways a caller can
 * fail to authenticate, against the real service: a role the table does not
 * grant gets 403 (and never the work), every authentication attack gets 401,
 * and no answer carries a stack trace, SQL or the headers an API must not lack.
 */
import { ROLES, ROUTE_NAMES, routes, rolesWith, type RouteDefinition, type RouteName } from "../../shared/src/api";
import { issueToken } from "../../service/src/auth/tokens";
import { startTestService, STORES, type TestService } from "./harness";

jest.setTimeout(180_000);

const FAKE_ID = "00000000-0000-4000-8000-000000000000";
const protectedRoutes = ROUTE_NAMES.filter((n) => (routes[n] as RouteDefinition).permission !== "public");
const pathOf = (name: RouteName) =>
  `/api/v1${(routes[name] as RouteDefinition).path
    .replace(/:engine/, "abc")
    .replace(/:dimension/, "product")
    .replace(/:([A-Za-z]+)/g, FAKE_ID)}`;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

describe.each(STORES)("route × role and authentication attacks (%s)", (store) => {
  let t: TestService;
  let expired: string;
  beforeAll(async () => {
    t = await startTestService(store);
    expired = (await issueToken(t.service.ctx.db, "expired", "admin", new Date("2020-01-01T00:00:00Z"), { expiresAt: new Date("2020-01-02T00:00:00Z") })).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(protectedRoutes)("%s: exactly the roles the table grants get past authorisation", async (name) => {
    const definition: RouteDefinition = routes[name];
    const allowed = rolesWith(definition.permission as Exclude<RouteDefinition["permission"], "public">);
    const tokens: Record<(typeof ROLES)[number], string> = { viewer: t.tokens.viewer, planner: t.tokens.planner, sales: t.tokens.sales, finance: t.tokens.finance, approver: t.tokens.approver, admin: t.tokens.admin };
    for (const role of ROLES) {
      // An empty body: an allowed role then meets validation (400) or a missing entity (404), never the work.
      const r = await t.api(definition.method.toUpperCase(), pathOf(name), { token: tokens[role], body: definition.method === "get" ? undefined : {} });
      if (allowed.includes(role)) expect([role, r.status]).not.toEqual([role, 403]);
      else {
        expect([role, r.status]).toEqual([role, 403]);
        expect(r.body.detail).toContain(`allowed: ${allowed.join(", ")}`);
      }
      expect(r.status).not.toBe(401);
      expect(r.status).toBeLessThan(500);
    }
  });

  it.each(protectedRoutes)("%s: no token, a malformed header, an unknown, expired or unsigned token is 401", async (name) => {
    const definition: RouteDefinition = routes[name];
    const none = `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "mallory", roles: ["Tierline.Admin"], exp: 4102444800 })}.`;
    const attempts: Array<Record<string, string>> = [
      {},
      { Authorization: "Bearer" },
      { Authorization: "Basic YWRtaW46YWRtaW4=" },
      { Authorization: "Bearer a b" },
      { Authorization: "Bearer tl_guess" },
      { Authorization: `Bearer ${expired}` },
      { Authorization: `Bearer ${none}` },
    ];
    for (const headers of attempts) {
      const r = await t.api(definition.method.toUpperCase(), pathOf(name), { token: null, headers, body: definition.method === "get" ? undefined : {} });
      expect([headers.Authorization ?? "none", r.status]).toEqual([headers.Authorization ?? "none", 401]);
      expect(r.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("answers with the headers of an API and without internals in problems", async () => {
    const answers = [
      await t.api("GET", "/api/v1/segments?version=abc"),
      await t.api("POST", "/api/v1/segments/lookup", { raw: "{broken", headers: { "Content-Type": "application/json" } }),
      await t.api("GET", `/api/v1/change-requests/${FAKE_ID}`),
      await t.api("GET", "/api/v1/me"),
    ];
    for (const r of answers) {
      expect(r.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      expect(r.headers.get("x-powered-by")).toBeNull();
      expect(r.headers.get("cache-control")).toBe("no-store");
      expect(r.text).not.toMatch(/\n\s+at |node_modules|select |insert into|sqlite|postgres/i);
    }
  });
});
