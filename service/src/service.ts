import fs from "node:fs";
import http, { type Server } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { createLogger } from "./logger";
import { createApp } from "./app";
import type { Config } from "./config";
import { migrateToLatest, restrictAppRole } from "./store/migrations";
import { openDatabase } from "./store/openDatabase";
import type { ServiceContext } from "./useCases/context";
import { loadDemoCompany } from "./demo/loadDemo";
import { SegmentCache } from "./store/segmentCache";
import { TaskPool } from "./workers/taskPool";
import { openJobQueue } from "./jobs/openJobQueue";
import { ScheduleTicker } from "./jobs/scheduler";

export interface RunningService {
  url: string;
  /** the built add-in served beside the API, if any */
  addinDist: string | undefined;
  ctx: ServiceContext;
  server: Server;
  logger: Logger;
  demoLoaded: boolean;
  /** finds due schedules and KPI triggers; tests call tick() to run one now */
  scheduler: ScheduleTicker;
  close(): Promise<void>;
}

/** Open the store, migrate, optionally load the demo company, and listen. */
export async function startService(config: Config, options: { logger?: Logger; now?: () => Date } = {}): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const limits = {
    statementTimeoutMs: config.PG_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.PG_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.PG_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    connectTimeoutMs: config.PG_CONNECT_TIMEOUT_MS,
    poolMax: config.PG_POOL_MAX,
  };
  const onConnectionError = (error: Error) => logger.warn({ err: error }, "a database connection failed; the pool replaces it");
  let { db, dialect, describe } = openDatabase(config.DATABASE_URL, onConnectionError, limits);
  await migrateToLatest(db as never, dialect);
  const pool = new TaskPool({
    threads: config.COMPUTE_THREADS,
    timeoutMs: config.COMPUTE_TIMEOUT_MS,
    budgets: { "read-tabular": config.LONG_TASK_TIMEOUT_MS, "train-softmax": config.LONG_TASK_TIMEOUT_MS },
    memoryMb: config.COMPUTE_MEMORY_MB,
  });
  if (config.DATABASE_APP_ROLE && dialect === "postgres") {
    // The owner migrated and now hands the app role what it needs, minus rewriting the audit log; requests run as that role.
    await restrictAppRole(db, config.DATABASE_APP_ROLE);
    await db.destroy();
    ({ db, dialect, describe } = openDatabase(config.DATABASE_URL, onConnectionError, { ...limits, sessionRole: config.DATABASE_APP_ROLE }));
  }
  const ctx: ServiceContext = { db, dialect, now: options.now ?? (() => new Date()), segments: new SegmentCache(), pool };
  const demoLoaded = config.TIERLINE_DEMO ? await loadDemoCompany(ctx) : false;
  ctx.jobs = await openJobQueue(ctx, config.DATABASE_URL, logger, { expireSeconds: config.JOB_EXPIRE_SECONDS });
  const scheduler = new ScheduleTicker(ctx, ctx.jobs, config.SCHEDULE_TICK_MS, logger);
  const { app, addinDist } = createApp(ctx, config, logger);
  // HTTPS with TLS_CERT_FILE/TLS_KEY_FILE: Office loads add-ins (and so the pages served here) over HTTPS only.
  const tls = config.TLS_CERT_FILE && config.TLS_KEY_FILE ? { cert: fs.readFileSync(config.TLS_CERT_FILE), key: fs.readFileSync(config.TLS_KEY_FILE) } : undefined;
  // A client that trickles its headers or body cannot hold a connection open indefinitely:
  // past the timeouts the server answers 408 and closes it (checked every second).
  const timeouts = { headersTimeout: Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS), requestTimeout: config.REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1000 };
  const server: Server = tls ? https.createServer({ ...tls, ...timeouts }, app) : http.createServer(timeouts, app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  }).catch(async (error: unknown) => {
    // The queue's workers and timers would keep a process that cannot listen alive.
    await ctx.jobs?.close();
    throw error;
  });
  server.keepAliveTimeout = 65_000;
  scheduler.start();
  const address = server.address() as AddressInfo;
  const url = `${tls ? "https" : "http"}://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${address.port}`;
  logger.info({ url, store: describe, demoLoaded, addinDist }, "tierline service listening");
  let closing: Promise<void> | undefined;
  return {
    url,
    addinDist,
    ctx,
    server,
    logger,
    demoLoaded,
    scheduler,
    close() {
      // In-flight requests finish; idle keep-alive connections are dropped so shutdown is prompt.
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      })
        // The ticker stops before the queue it starts jobs on, and jobs before the database they record to.
        .then(() => scheduler.close())
        .then(() => ctx.jobs?.close())
        .then(() => Promise.all([db.destroy(), pool.close()]).then(() => undefined));
      return closing;
    },
  };
}
