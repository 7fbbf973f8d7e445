import type { NextFunction, Request, RequestHandler, Response } from "express";
import { z } from "zod";
import { findNul } from "../../../shared/src/api/text";
import { formatPath } from "../../../shared/src/errors/parseWith";
import { can, rolesWith, type Actor, type Permission } from "../auth/roles";
import { AppError, forbidden, unauthorized } from "../appError";

export interface Reply {
  status?: number;
  json?: unknown;
  /** a non-JSON body (CSV, xlsx) with its content type */
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  actor: Actor | undefined;
  req: Request;
}

export interface RouteSpec<B = unknown, Q = unknown, P = unknown> {
  method: "get" | "post" | "put" | "patch";
  /** Express path under the API prefix, e.g. `/segments/:dimension/:id` */
  path: string;
  summary: string;
  /** OpenAPI: longer prose, e.g. the documented limits */
  description?: string;
  /** OpenAPI: the body's documented shape when `body` itself is checked later (per engine) */
  documentedBody?: z.ZodType;
  /** "public" routes need no token */
  permission: Permission | "public";
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** extra middleware before validation (multipart parsing) */
  before?: RequestHandler[];
  /** OpenAPI: the request is multipart rather than JSON */
  multipart?: Record<string, "file" | "string">;
  handler: (input: RouteInput<B, Q, P>) => Promise<Reply>;
}

/** Keeps each route's generic types while collecting them in one list. */
export function defineRoute<B, Q, P>(spec: RouteSpec<B, Q, P>): RouteSpec {
  return spec as unknown as RouteSpec;
}

export function validate<T>(schema: z.ZodType<T> | undefined, value: unknown, where: "body" | "query" | "params"): T {
  if (!schema) return undefined as T;
  // The text rule's last line: a NUL in a field whose schema is a plain string would reach PostgreSQL, which refuses it.
  const nul = findNul(value);
  if (nul) {
    const field = formatPath(where, nul);
    throw new AppError(400, "Invalid request", `${field}: may not contain the NUL character`, [{ field, message: "may not contain the NUL character" }]);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.slice(0, 20).map((issue) => ({ field: formatPath(where, issue.path), message: issue.message }));
  throw new AppError(400, "Invalid request", `${errors[0].field}: ${errors[0].message}`, errors);
}

export type Authenticate = (req: Request) => Promise<Actor | undefined>;

/** The actor of a request, checked before its body is read: an anonymous or unauthorised caller costs no buffering. */
async function actorOf(spec: RouteSpec, authenticate: Authenticate, req: Request): Promise<Actor | undefined> {
  if (spec.permission === "public") return undefined;
  const actor = await authenticate(req);
  if (!actor) throw unauthorized("a bearer token is required: Authorization: Bearer <token>");
  if (!can(actor.role, spec.permission)) {
    throw forbidden(`role ${actor.role} may not ${spec.summary.toLowerCase()}; allowed: ${rolesWith(spec.permission).join(", ")}`);
  }
  return actor;
}

const ACTOR = Symbol("actor");
type WithActor = Request & { [ACTOR]?: Actor };

/** Middleware: authenticate and authorise, and remember the actor for the handler. */
export function authorise(spec: RouteSpec, authenticate: Authenticate): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      (req as WithActor)[ACTOR] = await actorOf(spec, authenticate, req);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * A route's middleware chain: authorise first, then read the body (JSON, or
 * the route's multipart parser), then the handler. Nothing is buffered for a
 * caller who may not call the route.
 */
export function routeChain(spec: RouteSpec, authenticate: Authenticate, json: RequestHandler): RequestHandler[] {
  return [authorise(spec, authenticate), ...(spec.multipart ? [] : [json]), ...(spec.before ?? []), toHandler(spec, authenticate)];
}

/** An Express handler that authenticates (unless `authorise` already has), authorises, validates, runs the use case and replies. */
export function toHandler(spec: RouteSpec, authenticate: Authenticate): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const actor = ACTOR in req ? (req as WithActor)[ACTOR] : await actorOf(spec, authenticate, req);
      const params = validate(spec.params, req.params, "params");
      const query = validate(spec.query, req.query, "query");
      const body = validate(spec.body, req.body ?? {}, "body");
      const reply = await spec.handler({ body, query, params, actor, req });
      res.status(reply.status ?? 200);
      if (reply.headers) res.set(reply.headers);
      if (reply.body !== undefined) res.type(reply.contentType ?? "application/octet-stream").send(reply.body);
      else if (reply.json !== undefined) res.json(reply.json);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}
