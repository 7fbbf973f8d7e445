import pino, { type DestinationStream, type Logger } from "pino";

/**
 * Where secrets could reach a log line: the request's credentials and
 * cookies (pino-http logs request headers), cookies set in answers, and any
 * field named token or password a log call passes. Censored at the logger,
 * so no call site can forget.
 */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  "token",
  "*.token",
  "password",
  "*.password",
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, destination);
}
