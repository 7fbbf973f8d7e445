/**
 * The API contract (shared/src/api/routes.ts) is the one description of the
 * service: every entry is mounted and documented, and an answer its schema
 * refuses fails the request under test instead of reaching the add-in.
 */
import express from "express";
import type { AddressInfo } from "node:net";
import { ROUTE_NAMES, routes, type RouteDefinition } from "../../shared/src/api";
import { configSchema } from "../../service/src/config";
import { checkReply, routeChain, type HandlerEntry } from "../../service/src/http/route";
import { problemHandler } from "../../service/src/http/problem";
import pino from "pino";
import { startTestService, type TestService } from "./harness";

describe("a handler's answer is checked against its route's response schema", () => {
  it("accepts an answer the schema accepts", () => {
    expect(() => checkReply("me", { json: { name: "Ada", subject: "ada", role: "planner" } })).not.toThrow();
    expect(() => checkReply("readPolicies", { status: 304 })).not.toThrow();
  });

  it("refuses a wrong field, naming the route, the status and the field", () => {
    expect(() => checkReply("me", { json: { name: "Ada", subject: "ada", role: "overlord" } })).toThrow(/^me 200: response\.role: /);
    expect(() => checkReply("listChangeRequests", { json: { changeRequests: [], total: "3", nextCursor: null } })).toThrow(/listChangeRequests 200: response\.total/);
  });

  it("refuses a status the route does not document, and a body on a bodiless status", () => {
    expect(() => checkReply("me", { status: 201, json: { name: "Ada", subject: "ada", role: "planner" } })).toThrow(/answered 201, which its route does not document/);
    expect(() => checkReply("readPolicies", { status: 304, json: { version: 1, rows: [] } })).toThrow(/documented without one/);
    expect(() => checkReply("me", { body: "name,role\n" })).toThrow(/documents JSON only/);
  });

  it("turns a drifting handler into a 500 over HTTP when checking is on, and lets it through when off", async () => {
    const drifting: HandlerEntry<"me"> = async () => ({ json: { name: "Ada", subject: "ada", role: "overlord" as "admin" } });
    const answer = async (checkResponses: boolean) => {
      const app = express();
      const authenticate = async () => ({ tokenId: "t", subject: "Ada", name: "Ada", role: "viewer" as const });
      app.get("/me", ...routeChain("me", drifting, { authenticate, json: express.json(), checkResponses }));
      app.use(problemHandler(pino({ level: "silent" })));
      const server = app.listen(0);
      try {
        const { port } = server.address() as AddressInfo;
        const res = await fetch(`http://127.0.0.1:${port}/me`);
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      } finally {
        server.close();
      }
    };
    const checked = await answer(true);
    expect(checked.status).toBe(500);
    expect(checked.body.detail).toMatch(/^me 200: response\.role: /);
    expect((await answer(false)).status).toBe(200);
  });

  it("is on wherever the service runs under test", () => {
    expect(configSchema.parse({}).CHECK_RESPONSES).toBe(true);
    expect(configSchema.parse({ CHECK_RESPONSES: "off" }).CHECK_RESPONSES).toBe(false);
  });
});

describe("every route of the table is mounted and documented", () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService("sqlite");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists each route once in OpenAPI, with its permission and a schema for every success status", async () => {
    const spec = (await t.api("GET", "/api/v1/openapi.json", { token: null })).body;
    const operations = Object.entries(spec.paths as Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, unknown> }> }>>).flatMap(([p, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path: p, method, op })),
    );
    expect(operations.map((o) => o.op.operationId).sort()).toEqual([...ROUTE_NAMES].sort());
    for (const { op } of operations) {
      const definition: RouteDefinition = routes[op.operationId as keyof typeof routes];
      for (const [status, schema] of Object.entries(definition.responses)) {
        if (schema) expect(op.responses[status]?.content?.["application/json"]).toBeDefined();
      }
      if (definition.permission !== "public") expect(op.responses["403"]).toBeDefined();
    }
  });

  it.each(ROUTE_NAMES.filter((n) => !(routes[n] as RouteDefinition).root))("%s answers at its path (never the catch-all 404)", async (name) => {
    const definition: RouteDefinition = routes[name];
    const path = `/api/v1${definition.path.replace(/:([A-Za-z]+)/g, "00000000-0000-4000-8000-000000000000")}`;
    const r = await t.api(definition.method.toUpperCase(), path, { token: t.tokens.admin, body: definition.method === "get" ? undefined : {} });
    expect(r.body?.detail ?? "").not.toMatch(/^no route /);
    expect(r.status).not.toBe(500);
  });
});
