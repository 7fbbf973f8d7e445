import { z } from "zod";
import { ROUTE_NAMES, routes, rolesWith, type RouteDefinition } from "../../../shared/src/api";

function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
}

function parameters(schema: z.ZodType | undefined, location: "query" | "path") {
  if (!schema) return [];
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: location, required: location === "path" || (json.required ?? []).includes(name), schema: s }));
}

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });

const STATUS_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 304: "Not modified: the If-None-Match tag names the current version", 503: "Unavailable" };

/** Every answer a route can give: its documented statuses with their schemas, and the problems any request may meet. */
function responsesOf(r: RouteDefinition) {
  const out: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(r.responses)) {
    const content: Record<string, unknown> = {};
    if (schema) content["application/json"] = { schema: jsonSchema(schema, "output") };
    if (schema && Number(status) < 300) for (const [format, type] of Object.entries(r.formats ?? {})) content[type] = { schema: { type: "string", format: "binary", description: `format=${format}` } };
    out[status] = { description: STATUS_TEXT[Number(status)] ?? "OK", ...(schema ? { content } : {}) };
  }
  const hasInput = r.params || r.query || r.body || r.bodyByParam || r.multipart;
  if (hasInput) out["400"] = problem("The request names a field that fails its check");
  if (r.permission !== "public") {
    out["401"] = problem("No bearer token, or one the service does not know");
    out["403"] = problem(`The token's role may not call this route (allowed: ${rolesWith(r.permission).join(", ")})`);
    out["429"] = problem("Too many requests from this token");
  }
  if (r.params) out["404"] = problem("The entity the path names does not exist");
  if (r.method !== "get") {
    out["409"] = problem("The request conflicts with the current state (a version moved on, a request already decided)");
    out["413"] = problem("The body is larger than the limit");
    out["422"] = problem("The request is well formed but the data cannot support it");
  }
  out["500"] = problem("An unexpected failure; the problem names the request id to quote");
  if (!("503" in out)) out["503"] = problem("The store is unavailable or the work ran past its time budget");
  return out;
}

/** OpenAPI 3.1 from the route table: the same zod schemas that validate requests and answers. */
export function buildOpenApi(prefix: string, version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const name of ROUTE_NAMES) {
    const r: RouteDefinition = routes[name];
    const path = (r.root ? "" : prefix) + r.path.replace(/:([A-Za-z]+)/g, "{$1}");
    const operation: Record<string, unknown> = {
      operationId: name,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      "x-roles": r.permission === "public" ? "public" : rolesWith(r.permission),
      parameters: [...parameters(r.params, "path"), ...parameters(r.query, "query")],
      responses: responsesOf(r),
      ...(r.permission === "public" ? { security: [] } : {}),
    };
    if (r.body && !r.multipart) operation.requestBody = { required: true, content: { "application/json": { schema: jsonSchema(r.body) } } };
    if (r.bodyByParam) {
      operation.requestBody = { required: true, content: { "application/json": { schema: { oneOf: Object.values(r.bodyByParam.schemas).map((s) => jsonSchema(s)) } } } };
    }
    if (r.multipart) {
      const multipart = r.multipart;
      operation.requestBody = {
        required: true,
        content: {
          "multipart/form-data": {
            schema: {
              type: "object",
              required: Object.keys(multipart),
              properties: Object.fromEntries(Object.entries(multipart).map(([k, t]) => [k, t === "file" ? { type: "string", format: "binary" } : { type: "string" }])),
            },
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
