import { AppError } from "../appError";

/*
 * What a store failure means to the client. A database that is down,
 * restarting, or that dropped this request's connection, and a statement,
 * lock or pool-acquire timeout are the service's trouble but not a bug:
 * 503 with Retry-After, so clients (and load balancers) try again. A unique
 * violation is a race the client lost (409). A value the store refuses is
 * the client's (400); every field is validated before SQL, so this is the
 * last line of defence.
 */

interface DriverError {
  code?: unknown;
  message?: unknown;
  errno?: unknown;
}

/** Seconds a client should wait before trying again after a 503. */
export const RETRY_AFTER_SECONDS = 2;

/** Socket-level failures of node's net module while reaching or talking to PostgreSQL. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ECONNABORTED"]);

/** Messages pg and pg-pool raise without a SQLSTATE when a connection dies or cannot be had in time. */
const CONNECTION_MESSAGES = [
  "Connection terminated",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
  "timeout exceeded when trying to connect",
  "Query read timeout",
  "Cannot use a pool after calling end on the pool",
];

/** SQLSTATEs (PostgreSQL) that mean "unavailable for now": the request may succeed if repeated. */
function unavailableReason(code: string): string | undefined {
  if (code.startsWith("08")) return "the connection to the database failed";
  if (code === "57P01" || code === "57P02" || code === "57P03") return "the database is restarting or closed this request's connection";
  if (code === "57014") return "a database statement took longer than the statement timeout";
  if (code === "55P03") return "a database lock was not granted within the lock timeout";
  if (code === "25P03") return "a database transaction sat idle longer than allowed";
  if (code === "53300" || code === "53400") return "the database has no connection to spare";
  if (code.startsWith("53")) return "the database is out of resources";
  if (code === "40001" || code === "40P01") return "the change collided with a concurrent one";
  if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED" || code.startsWith("SQLITE_BUSY_")) return "the database file is locked by another writer";
  return undefined;
}

export function unavailable(detail: string): AppError {
  return new AppError(503, "Service unavailable", `${detail}; try again in a moment`, [], { "Retry-After": String(RETRY_AFTER_SECONDS) });
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as DriverError | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** True when `error` says the store could not be reached or gave up in time (503), as opposed to refusing the request. */
export function isStoreUnavailable(error: unknown): boolean {
  return storeErrorToAppError(error)?.status === 503;
}

/** The client-facing meaning of a driver error, or undefined for a genuine internal failure (500). */
export function storeErrorToAppError(error: unknown): AppError | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const e = error as DriverError;
  const code = typeof e.code === "string" ? e.code : "";
  const message = typeof e.message === "string" ? e.message : "";
  if (NETWORK_CODES.has(code)) return unavailable("the database cannot be reached");
  if (CONNECTION_MESSAGES.some((m) => message.startsWith(m))) return unavailable("the database connection failed or none was free in time");
  const reason = code && unavailableReason(code);
  if (reason) return unavailable(reason);
  if (isUniqueViolation(error)) return new AppError(409, "Conflict", "a concurrent request wrote the same record first; read it again and retry if still needed");
  // Data exceptions: a value the store refuses (NUL in text, an integer out of range, malformed text for a type).
  if (code === "22021" || code === "22P05") return new AppError(400, "Invalid request", "a text value holds a character the store refuses (NUL)");
  if (code === "22003") return new AppError(400, "Invalid request", "a number is out of the range the store keeps");
  if (code.startsWith("22")) return new AppError(400, "Invalid request", "a value is malformed for the store");
  if (code === "SQLITE_TOOBIG") return new AppError(413, "Content too large", "a value is larger than the store keeps");
  return undefined;
}
