import { z } from "zod";
import { parseWith } from "../../shared/src/errors";

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["1", "0", "true", "false", "on", "off", "yes", "no"]))
  .transform((v) => ["1", "true", "on", "yes"].includes(v));

/** Configuration from the environment; every variable is documented in the README. */
export const configSchema = z.object({
  PORT: z.coerce.number<unknown>().int().min(0).max(65535).default(3001),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z.string().default("sqlite:data/tierline.db"),
  /** comma-separated origins allowed by CORS: the add-in's pages */
  ADDIN_ORIGINS: z
    .string()
    .default("https://localhost:3000")
    .transform((s) => s.split(",").map((o) => o.trim()).filter(Boolean)),
  TIERLINE_DEMO: flag.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** requests per minute per token (or address); 0 disables the limit */
  RATE_LIMIT_PER_MINUTE: z.coerce.number<unknown>().int().min(0).default(6000),
  JSON_LIMIT: z.string().default("5mb"),
  UPLOAD_LIMIT_MB: z.coerce.number<unknown>().positive().default(50),
  /** PostgreSQL time limits in ms (0 = none): a statement, a lock wait, an idle transaction, waiting for a pooled connection */
  PG_STATEMENT_TIMEOUT_MS: z.coerce.number<unknown>().int().min(0).default(15_000),
  PG_LOCK_TIMEOUT_MS: z.coerce.number<unknown>().int().min(0).default(5_000),
  PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number<unknown>().int().min(0).default(60_000),
  PG_CONNECT_TIMEOUT_MS: z.coerce.number<unknown>().int().min(0).default(5_000),
  PG_POOL_MAX: z.coerce.number<unknown>().int().min(1).max(1000).default(10),
  /** PostgreSQL: a separate role the service's requests run as; at start the owner revokes its UPDATE/DELETE/TRUNCATE on the audit log */
  DATABASE_APP_ROLE: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "a lower-case SQL identifier").optional(),
});
export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(Object.keys(configSchema.shape).filter((k) => env[k] !== undefined && env[k] !== "").map((k) => [k, env[k]]));
  return parseWith(configSchema, known, "env");
}
