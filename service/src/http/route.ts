import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { z } from "zod";
import { bodySchemaOf, can, rolesWith, routes, type RouteDefinition, type RouteInput, type RouteName, type RouteReplyJson, type Routes } from "../../../shared/src/api";
import { findNul } from "../../../shared/src/api/text";
import { formatPath } from "../../../shared/src/errors/parseWith";
import type { Actor } from "../auth/actor";
import { AppError, forbidden, unauthorized } from "../appError";

type Statuses<K extends RouteName> = keyof Routes[K]["responses"] & number;

/** A handler's answer: JSON its route's schemas accept, or a file (CSV, xlsx) in one of the route's formats. */
export interface Reply<K extends RouteName> {
  status?: Statuses<K>;
  json?: { [S in Statuses<K>]: RouteReplyJson<K, S> }[Statuses<K>];
  /** a non-JSON body (CSV, xlsx) with its content type */
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export type HandlerInput<K extends RouteName> = RouteInput<K> & {
  /** the caller: always present on a route that needs a permission */
  actor: Routes[K]["permission"] extends "public" ? undefined : Actor;
  req: Request;
};

export type Handler<K extends RouteName> = (input: HandlerInput<K>) => Promise<Reply<K>>;
/** A handler, or a handler with middleware that runs first (a multipart parser). */
export type HandlerEntry<K extends RouteName> = Handler<K> | { before: RequestHandler[]; handle: Handler<K> };
/** Handlers for some routes of the table; the app's full set is `Handlers<RouteName>`, so a route without one does not compile. */
export type Handlers<K extends RouteName> = { [P in K]: HandlerEntry<P> };

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
async function actorOf(definition: RouteDefinition, authenticate: Authenticate, req: Request): Promise<Actor | undefined> {
  if (definition.permission === "public") return undefined;
  const actor = await authenticate(req);
  if (!actor) throw unauthorized("a bearer token is required: Authorization: Bearer <token>");
  if (!can(actor.role, definition.permission)) {
    throw forbidden(`role ${actor.role} may not ${definition.summary.toLowerCase()}; allowed: ${rolesWith(definition.permission).join(", ")}`);
  }
  if (!can(actor.role, definition.permission, actor.scopes)) {
    throw forbidden(`this API token is limited to ${actor.scopes?.join(", ") || "nothing"}; to ${definition.summary.toLowerCase()} it needs ${definition.permission}`);
  }
  return actor;
}

const ACTOR = Symbol("actor");
type WithActor = Request & { [ACTOR]?: Actor };

/** Middleware: authenticate and authorise, and remember the actor for the handler. */
function authorise(definition: RouteDefinition, authenticate: Authenticate): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      (req as WithActor)[ACTOR] = await actorOf(definition, authenticate, req);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Whether an answer keeps the contract: its status is one the route documents
 * and its JSON passes that status's schema. Checked under test (and wherever
 * CHECK_RESPONSES is on) so a handler cannot drift from what the add-in's
 * client was typed against.
 */
export function checkReply(name: RouteName, reply: { status?: number; json?: unknown; body?: unknown }): void {
  const definition: RouteDefinition = routes[name];
  const status = reply.status ?? 200;
  if (!(status in definition.responses)) throw new AppError(500, "Response outside the contract", `${name} answered ${status}, which its route does not document`);
  const schema = definition.responses[status];
  if (reply.body !== undefined) {
    if (!definition.formats) throw new AppError(500, "Response outside the contract", `${name} answered a file but documents JSON only`);
    return;
  }
  if (schema === null) {
    if (reply.json !== undefined) throw new AppError(500, "Response outside the contract", `${name} answered a body with status ${status}, documented without one`);
    return;
  }
  const result = schema.safeParse(reply.json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError(500, "Response outside the contract", `${name} ${status}: ${formatPath("response", issue.path)}: ${issue.message}`);
  }
}

export interface MountOptions {
  authenticate: Authenticate;
  /** the JSON body parser, run after authorisation */
  json: RequestHandler;
  checkResponses: boolean;
}

/**
 * A route's middleware chain: authorise first, then read the body (JSON, or
 * the route's multipart parser), then validate, run the handler and reply.
 * Nothing is buffered for a caller who may not call the route.
 */
export function routeChain<K extends RouteName>(name: K, entry: HandlerEntry<K>, options: MountOptions): RequestHandler[] {
  const definition: RouteDefinition = routes[name];
  const handle = typeof entry === "function" ? entry : entry.handle;
  const before = typeof entry === "function" ? [] : entry.before;
  const run: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const actor = (req as WithActor)[ACTOR];
      const params = validate(definition.params, req.params, "params") as Record<string, unknown> | undefined;
      const query = validate(definition.query, req.query, "query");
      const bodySchema = bodySchemaOf(definition, params ?? {});
      const body = validate(bodySchema, req.body ?? {}, "body");
      const reply = (await handle({ params, query, body, actor, req } as HandlerInput<K>)) as { status?: number; json?: unknown; body?: string | Buffer; contentType?: string; headers?: Record<string, string> };
      if (options.checkResponses) checkReply(name, reply);
      res.status(reply.status ?? 200);
      if (reply.headers) res.set(reply.headers);
      if (reply.body !== undefined) res.type(reply.contentType ?? "application/octet-stream").send(reply.body);
      else if (reply.json !== undefined) res.json(reply.json);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
  return [authorise(definition, options.authenticate), ...(definition.multipart || definition.method === "get" ? [] : [options.json]), ...before, run];
}
