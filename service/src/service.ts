import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import pino, { type Logger } from "pino";
import { createApp } from "./app";
import type { Config } from "./config";
import { migrateToLatest, restrictAppRole } from "./store/migrations";
import { openDatabase } from "./store/openDatabase";
import type { ServiceContext } from "./useCases/context";
import { loadDemoCompany } from "./useCases/loadDemo";
import { SegmentCache } from "./useCases/segmentCache";

export interface RunningService {
  url: string;
  ctx: ServiceContext;
  server: Server;
  logger: Logger;
  demoLoaded: boolean;
  close(): Promise<void>;
}

/** Open the store, migrate, optionally load the demo company, and listen. */
export async function startService(config: Config, options: { logger?: Logger; now?: () => Date } = {}): Promise<RunningService> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
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
  if (config.DATABASE_APP_ROLE && dialect === "postgres") {
    // The owner migrated and now hands the app role what it needs, minus rewriting the audit log; requests run as that role.
    await restrictAppRole(db, config.DATABASE_APP_ROLE);
    await db.destroy();
    ({ db, dialect, describe } = openDatabase(config.DATABASE_URL, onConnectionError, { ...limits, sessionRole: config.DATABASE_APP_ROLE }));
  }
  const ctx: ServiceContext = { db, dialect, now: options.now ?? (() => new Date()), segments: new SegmentCache() };
  const demoLoaded = config.TIERLINE_DEMO ? await loadDemoCompany(ctx) : false;
  const { app } = createApp(ctx, config, logger);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
    s.once("error", reject);
  });
  server.keepAliveTimeout = 65_000;
  const address = server.address() as AddressInfo;
  const url = `http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${address.port}`;
  logger.info({ url, store: describe, demoLoaded }, "tierline service listening");
  let closing: Promise<void> | undefined;
  return {
    url,
    ctx,
    server,
    logger,
    demoLoaded,
    close() {
      // In-flight requests finish; idle keep-alive connections are dropped so shutdown is prompt.
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }).then(() => db.destroy());
      return closing;
    },
  };
}
