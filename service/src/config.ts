import { z } from "zod";
import { parseWith } from "../../shared/src/errors";
import { checkOidcConfig, oidcConfigShape } from "./auth/oidcConfig";

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["1", "0", "true", "false", "on", "off", "yes", "no"]))
  .transform((v) => ["1", "true", "on", "yes"].includes(v));

/**
 * The pages that frame an add-in in Office on the web: Excel's frame (officeapps.live.com) inside
 * OneDrive, SharePoint, office.com / microsoft365.com or the cloud.microsoft domains. Desktop Excel
 * hosts the pane in a webview, which frame-ancestors does not affect.
 */
export const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  "https://*.live.com", // excel.officeapps.live.com, onedrive.live.com (a wildcard matches any depth of subdomain)
  "https://*.office.com",
  "https://*.office365.com",
  "https://*.microsoft365.com",
  "https://*.cloud.microsoft",
  "https://*.sharepoint.com",
];

/** Configuration from the environment; every variable is documented in the README. */
export const configSchema = z
  .object({
    PORT: z.coerce.number<unknown>().int().min(0).max(65535).default(3001),
    HOST: z.string().default("127.0.0.1"),
    DATABASE_URL: z.string().default("sqlite:data/tierline.db"),
    /** comma-separated origins allowed by CORS: the add-in's pages */
    ADDIN_ORIGINS: z
      .string()
      .default("https://localhost:3000")
      .transform((s) =>
        s
          .split(",")
          .map((o) => o.trim())
          .filter(Boolean),
      ),
    /** the demo company and day-long demo tokens on an empty store: `npm start` turns it on, the service alone starts empty */
    TIERLINE_DEMO: flag.default(false),
    /** check every answer against its route's response schema (a mismatch is a 500): on under test, where drift must fail loudly */
    CHECK_RESPONSES: flag.default(process.env.NODE_ENV === "test"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Express "trust proxy": behind a reverse proxy, the hops (e.g. 1) or addresses to trust, so throttling sees the client's address, not the proxy's; off by default */
    TRUST_PROXY: z
      .string()
      .trim()
      .default("off")
      .transform((v) => (/^(off|false|0|no)$/i.test(v) ? false : /^\d+$/.test(v) ? Number(v) : v)),
    /** unknown, expired or revoked tokens an address may present per minute before its requests are refused (429); 0 disables */
    AUTH_FAILURES_PER_MINUTE: z.coerce.number<unknown>().int().min(0).default(20),
    /** requests per minute per token (or address); 0 disables the limit */
    RATE_LIMIT_PER_MINUTE: z.coerce.number<unknown>().int().min(0).default(6000),
    JSON_LIMIT: z.string().default("5mb"),
    UPLOAD_LIMIT_MB: z.coerce.number<unknown>().positive().default(50),
    /** an upload larger than this is imported as a background job (202) rather than inside the request */
    IMPORT_JOB_BYTES: z.coerce
      .number<unknown>()
      .int()
      .min(0)
      .default(2 * 1024 * 1024),
    /**
     * the built add-in (webpack's dist/) served beside /api/v1, so pane, functions and API share one
     * origin: `auto` serves the repo's dist/ when it has been built, `off` serves none
     */
    ADDIN_DIST: z.string().trim().min(1).default("auto"),
    /** the public https origin the add-in is served from (what the pane calls the service); default: the request's own origin */
    TIERLINE_ADDIN_URL: z
      .string()
      .trim()
      .url()
      .transform((u) => new URL(u).origin)
      .optional(),
    /** who may frame the add-in pages (Office on the web): CSP frame-ancestors sources, space- or comma-separated */
    ADDIN_FRAME_ANCESTORS: z
      .string()
      .default(OFFICE_FRAME_ANCESTORS.join(" "))
      .transform((s) => s.split(/[\s,]+/).filter(Boolean)),
    /** PEM certificate chain and key: the service listens on HTTPS (Office loads add-ins over HTTPS only) */
    TLS_CERT_FILE: z.string().trim().min(1).optional(),
    TLS_KEY_FILE: z.string().trim().min(1).optional(),
    /** time budget of one CPU-heavy request (compute, clustering, file parsing, training), ms */
    COMPUTE_TIMEOUT_MS: z.coerce.number<unknown>().int().min(100).default(15_000),
    /** time budget of parsing an import file and of training a model (planner work, minutes at most), ms */
    LONG_TASK_TIMEOUT_MS: z.coerce.number<unknown>().int().min(100).default(120_000),
    /** worker threads for CPU-heavy requests; 0 = one per core beyond the main thread's */
    COMPUTE_THREADS: z.coerce.number<unknown>().int().min(0).max(64).default(0),
    /** heap limit of each compute worker, MB */
    COMPUTE_MEMORY_MB: z.coerce.number<unknown>().int().min(64).default(2048),
    /** the whole request, headers and body, must arrive within this, ms */
    REQUEST_TIMEOUT_MS: z.coerce.number<unknown>().int().min(1000).default(120_000),
    /** the request headers must arrive within this, ms (at most REQUEST_TIMEOUT_MS) */
    HEADERS_TIMEOUT_MS: z.coerce.number<unknown>().int().min(1000).default(20_000),
    /** PostgreSQL time limits in ms (0 = none): a statement, a lock wait, an idle transaction, waiting for a pooled connection */
    PG_STATEMENT_TIMEOUT_MS: z.coerce.number<unknown>().int().min(0).default(15_000),
    PG_LOCK_TIMEOUT_MS: z.coerce.number<unknown>().int().min(0).default(5_000),
    PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number<unknown>().int().min(0).default(60_000),
    PG_CONNECT_TIMEOUT_MS: z.coerce.number<unknown>().int().min(0).default(5_000),
    PG_POOL_MAX: z.coerce.number<unknown>().int().min(1).max(1000).default(10),
    /** PostgreSQL: a running job whose process died is offered to another instance this long after it started, s (a live job running longer is offered too: keep it above the longest job) */
    JOB_EXPIRE_SECONDS: z.coerce.number<unknown>().int().min(1).max(86_399).default(3600),
    /** how often each instance looks for due schedules and KPI triggers, ms; 0: never (scripts, a read-only replica) */
    SCHEDULE_TICK_MS: z.coerce.number<unknown>().int().min(0).max(3_600_000).default(60_000),
    /** PostgreSQL: a separate role the service's requests run as; at start the owner revokes its UPDATE/DELETE/TRUNCATE on the audit log */
    DATABASE_APP_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "a lower-case SQL identifier")
      .optional(),
    /** sign-in with an OpenID provider (Microsoft Entra ID): docs/entra-sign-in.md */
    ...oidcConfigShape,
  })
  .superRefine(checkOidcConfig)
  .refine((c) => (c.TLS_CERT_FILE === undefined) === (c.TLS_KEY_FILE === undefined), { message: "TLS_CERT_FILE and TLS_KEY_FILE go together: set both or neither", path: ["TLS_KEY_FILE"] });
export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== "")
      .map((k) => [k, env[k]]),
  );
  return parseWith(configSchema, known, "env");
}
