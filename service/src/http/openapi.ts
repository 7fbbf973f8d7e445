import { z } from "zod";
import { rolesWith } from "../auth/roles";
import type { RouteSpec } from "./route";

function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
}

function parameters(schema: z.ZodType | undefined, location: "query" | "path") {
  if (!schema) return [];
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: location, required: location === "path" || (json.required ?? []).includes(name), schema: s }));
}

const problem = {
  description: "RFC 9457 problem details naming the field",
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
};

/** OpenAPI 3.1 from the route table: the same zod schemas that validate the requests. */
export function buildOpenApi(routes: readonly RouteSpec[], prefix: string, version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = (r.path.startsWith("/healthz") || r.path.startsWith("/readyz") ? "" : prefix) + r.path.replace(/:([A-Za-z]+)/g, "{$1}");
    const operation: Record<string, unknown> = {
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      "x-roles": r.permission === "public" ? "public" : rolesWith(r.permission),
      parameters: [...parameters(r.params, "path"), ...parameters(r.query, "query")],
      responses: { "200": { description: "OK" }, "400": problem, "401": problem, "403": problem, "404": problem, "409": problem, "413": problem, "422": problem, "503": problem },
      ...(r.permission === "public" ? { security: [] } : {}),
    };
    if (r.body) operation.requestBody = { required: true, content: { "application/json": { schema: jsonSchema(r.documentedBody ?? r.body) } } };
    if (r.multipart) {
      operation.requestBody = {
        required: true,
        content: {
          "multipart/form-data": {
            schema: { type: "object", required: Object.keys(r.multipart), properties: Object.fromEntries(Object.entries(r.multipart).map(([k, t]) => [k, t === "file" ? { type: "string", format: "binary" } : { type: "string" }])) },
          },
        },
      };
    }
    (paths[path] ??= {})[r.method] = operation;
  }
  return {
    openapi: "3.1.0",
    info: { title: "Tierline service", version, description: "System of record for segment master data, governed change and audit." },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            instance: { type: "string" },
            errors: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" }, row: { type: "integer" } } } },
          },
        },
      },
    },
  };
}
