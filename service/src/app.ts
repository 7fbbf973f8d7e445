import { randomUUID } from "node:crypto";
import cors from "cors";
import express, { type Request, type RequestHandler } from "express";
import rateLimit, { ipKeyGenerator } from "express-rate-limit";
import helmet from "helmet";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { routes, ROUTE_NAMES, type RouteDefinition, type RouteName } from "../../shared/src/api";
import { findActor } from "./auth/tokens";
import type { Actor } from "./auth/actor";
import type { Config } from "./config";
import { addinStatic, resolveAddinDist } from "./http/addinStatic";
import { AuthThrottle, clientAddress } from "./http/authThrottle";
import { AppError, forbidden, notFound } from "./appError";
import { createOidcVerifier, type OidcVerifier } from "./auth/oidc";
import { addinSignIn, oidcSettings } from "./auth/oidcConfig";
import { buildOpenApi } from "./http/openapi";
import { problemHandler, sendProblem } from "./http/problem";
import { routeChain, type HandlerEntry, type Handlers, type MountOptions } from "./http/route";
import { changeRequestHandlers } from "./http/routes/changeRequestRoutes";
import { computeHandlers } from "./http/routes/computeRoutes";
import { governanceHandlers } from "./http/routes/governanceRoutes";
import { jobHandlers } from "./http/routes/jobRoutes";
import { forecastHandlers } from "./http/routes/forecastRoutes";
import { kpiHandlers } from "./http/routes/kpiRoutes";
import { supplierHandlers } from "./http/routes/supplierRoutes";
import { warehouseHandlers } from "./http/routes/warehouseRoutes";
import { masterDataHandlers } from "./http/routes/masterDataRoutes";
import { mlHandlers } from "./http/routes/mlRoutes";
import { scheduleHandlers } from "./http/routes/scheduleRoutes";
import { networkHandlers } from "./http/routes/networkRoutes";
import { fulfilmentHandlers } from "./http/routes/fulfilmentRoutes";
import { costHandlers } from "./http/routes/costRoutes";
import { incentiveHandlers } from "./http/routes/incentiveRoutes";
import { forecastReviewHandlers } from "./http/routes/forecastReviewRoutes";
import { tokenHandlers } from "./http/routes/tokenRoutes";
import { signInHandlers } from "./http/routes/signInRoutes";
import { versionChangesHandlers } from "./http/routes/versionChangesRoutes";
import type { ServiceContext } from "./useCases/context";
import { ping } from "./store/ping";
import packageJson from "../../package.json";

const isRoot = (name: RouteName) => (routes[name] as RouteDefinition).root === true;

export const API_PREFIX = "/api/v1";
export const SERVICE_VERSION: string = packageJson.version;

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header && /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/**
 * Token → actor, read on every request (one indexed lookup): a revoked or
 * expired token stops working at once. A token that names no one counts
 * against its address in the throttle.
 */
function authenticator(ctx: ServiceContext, throttle: AuthThrottle, oidc: OidcVerifier | undefined, logger: Logger) {
  return async (req: Request): Promise<Actor | undefined> => {
    const token = bearer(req);
    if (!token) return undefined;
    let actor: Actor | undefined;
    if (oidc && looksLikeJwt(token)) {
      const outcome = await oidc(token);
      if (outcome.kind === "unavailable") throw new AppError(503, "Sign-in unavailable", `the identity provider could not be reached to check the sign-in (${outcome.reason}); try again shortly`);
      if (outcome.kind === "no-role") throw forbidden(outcome.message);
      if (outcome.kind === "refused") logger.info({ reason: outcome.reason }, "sign-in refused");
      // The IdP's user id is the subject four-eyes compares; its display name goes to the audit trail.
      else actor = { tokenId: null, subject: outcome.identity.subject, name: outcome.identity.name, role: outcome.identity.role };
    } else if (token.length <= 200) {
      actor = await findActor(ctx.db, token, ctx.now());
    }
    if (!actor) throttle.recordFailure(clientAddress(req));
    return actor;
  };
}

/** header.payload.signature, base64url: an IdP's access token rather than one of our opaque `tl_` tokens. */
function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token) && !token.startsWith("tl_");
}

function requestId(req: Request): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}

/**
 * Every response carries X-Request-Id and every log line of a request its id.
 * pino-http logs each request at info; when the level is above info those
 * lines would be dropped anyway, so a lighter middleware sets the id and a
 * lazily created child logger instead (per-request child loggers cost a
 * quarter of the look-up throughput).
 */
function requestLogging(logger: Logger): RequestHandler {
  if (logger.isLevelEnabled("info")) {
    return pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = requestId(req as Request);
        res.setHeader("X-Request-Id", id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === "/healthz" },
    });
  }
  return (req, res, next) => {
    const id = requestId(req);
    res.setHeader("X-Request-Id", id);
    let child: Logger | undefined;
    Object.defineProperty(req, "log", { configurable: true, get: () => (child ??= logger.child({ reqId: id })) });
    next();
  };
}

/**
 * A handler for every route of the contract (shared/src/api/routes.ts): the
 * type is the whole table, so a route without a handler does not compile.
 */
export function allHandlers(ctx: ServiceContext, config: Config, spec: () => unknown): Handlers<RouteName> {
  return {
    healthz: async () => ({ json: { status: "ok" as const } }),
    readyz: async () => {
      try {
        await ping(ctx.db);
        return { json: { status: "ready" as const, store: ctx.dialect } };
      } catch {
        return { status: 503, json: { status: "unavailable" as const, store: ctx.dialect } };
      }
    },
    openapi: async () => ({ json: spec() as Record<string, unknown> }),
    ...masterDataHandlers(ctx),
    ...versionChangesHandlers(ctx),
    ...changeRequestHandlers(ctx),
    ...governanceHandlers(ctx, { maxUploadBytes: config.UPLOAD_LIMIT_MB * 1024 * 1024, importJobBytes: config.IMPORT_JOB_BYTES }),
    ...computeHandlers(ctx),
    ...mlHandlers(ctx),
    ...kpiHandlers(ctx),
    ...supplierHandlers(ctx),
    ...warehouseHandlers(ctx),
    ...jobHandlers(ctx),
    ...scheduleHandlers(ctx),
    ...forecastHandlers(ctx),
    ...networkHandlers(ctx),
    ...fulfilmentHandlers(ctx),
    ...costHandlers(ctx),
    ...incentiveHandlers(ctx),
    ...forecastReviewHandlers(ctx),
    ...tokenHandlers(ctx),
    ...signInHandlers(addinSignIn(config)),
  };
}

export function createApp(ctx: ServiceContext, config: Config, logger: Logger) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY);
  app.set("etag", false);
  app.use(requestLogging(logger));
  // The built add-in (taskpane.html, functions.js/json, functions.html, assets) on the same origin as
  // the API, with its own headers (CSP for office.js, framing by Office); misses fall through.
  const addinDist = resolveAddinDist(config.ADDIN_DIST);
  if (addinDist) app.use(addinStatic(addinDist, config, addinSignIn(config)?.authority));
  // An API answers JSON, CSV and xlsx, never pages: keep the headers that matter for that
  // (a deny-all CSP, HSTS, nosniff, no framing, no referrer) and drop the HTML-only ones.
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginEmbedderPolicy: false,
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    }),
  );
  app.use(cors({ origin: config.ADDIN_ORIGINS, allowedHeaders: ["Authorization", "Content-Type", "If-None-Match", "X-Request-Id"], exposedHeaders: ["ETag", "X-Request-Id", "X-Tierline-Version"] }));

  const throttle = new AuthThrottle(config.AUTH_FAILURES_PER_MINUTE);
  const oidcConfig = oidcSettings(config);
  const authenticate = authenticator(ctx, throttle, oidcConfig ? createOidcVerifier(oidcConfig) : undefined, logger);
  const spec = buildOpenApi(API_PREFIX, SERVICE_VERSION);
  const handlers = allHandlers(ctx, config, () => spec);
  // Bodies are read per route, after authorisation (routeChain).
  const mount: MountOptions = { authenticate, json: express.json({ limit: config.JSON_LIMIT }), checkResponses: config.CHECK_RESPONSES };
  const chain = <K extends RouteName>(name: K) => routeChain(name, handlers[name] as HandlerEntry<K>, mount);
  for (const name of ROUTE_NAMES) if (isRoot(name)) app[routes[name].method](routes[name].path, ...chain(name));

  const api = express.Router();
  api.use(throttle.middleware());
  // Answers to a token are the token holder's: no cache, shared or private, may keep them.
  api.use((req, res, next) => {
    if (req.headers.authorization) res.setHeader("Cache-Control", "no-store");
    next();
  });
  if (config.RATE_LIMIT_PER_MINUTE > 0) {
    api.use(
      rateLimit({
        windowMs: 60_000,
        limit: config.RATE_LIMIT_PER_MINUTE,
        standardHeaders: "draft-8",
        legacyHeaders: false,
        keyGenerator: (req) => bearer(req) ?? ipKeyGenerator(req.ip ?? "unknown"),
        handler: (req, res) => sendProblem(res, req.originalUrl, new AppError(429, "Too many requests", `more than ${config.RATE_LIMIT_PER_MINUTE} requests a minute; slow down`)),
      }),
    );
  }
  for (const name of ROUTE_NAMES) if (!isRoot(name)) api[routes[name].method](routes[name].path, ...chain(name));
  app.use(API_PREFIX, api);
  app.use((req, _res, next) => next(notFound(`no route ${req.method} ${req.path}`)));
  app.use(problemHandler(logger));
  return { app, spec, addinDist };
}
