import type { ErrorRequestHandler, Response } from "express";
import type { Logger } from "pino";
import { DomainError } from "../../../shared/src/errors";
import { storeErrorToAppError } from "../store/storeErrors";
import { AppError } from "../appError";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: Array<{ field: string; message: string; row?: number }>;
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

export function sendProblem(res: Response, instance: string, error: AppError): void {
  const body: Problem = { type: `/problems/${slug(error.title)}`, title: error.title, status: error.status, detail: error.detail, instance };
  if (error.errors.length) body.errors = error.errors;
  res.status(error.status).set(error.headers).type("application/problem+json").send(JSON.stringify(body));
}

/**
 * Every failure leaves as problem+json. A DomainError from shared/ is the
 * client's fault (400, naming the field); body-parser's own errors keep their
 * status (malformed JSON 400, too large 413); a store that is down, timed
 * out or dropped the connection is a 503 with Retry-After, a lost
 * unique-key race a 409; anything else is logged and reported as a 500
 * without internals.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    void _next;
    const instance = req.originalUrl ?? req.url;
    if (err instanceof AppError) return sendProblem(res, instance, err);
    if (err instanceof DomainError) {
      return sendProblem(res, instance, new AppError(400, "Invalid request", err.message, [{ field: err.field, message: err.detail }]));
    }
    const status = typeof err?.status === "number" ? err.status : typeof err?.statusCode === "number" ? err.statusCode : 500;
    if (err?.type === "entity.parse.failed") {
      return sendProblem(res, instance, new AppError(400, "Invalid request", "body: malformed JSON", [{ field: "body", message: "malformed JSON" }]));
    }
    if (err?.type === "entity.too.large" || err?.code === "LIMIT_FILE_SIZE") {
      return sendProblem(res, instance, new AppError(413, "Content too large", `body: larger than the limit${err?.limit ? ` of ${err.limit} bytes` : ""}`, [{ field: "body", message: "too large" }]));
    }
    if (err?.name === "MulterError") {
      return sendProblem(res, instance, new AppError(400, "Invalid request", `${err.field ?? "file"}: ${err.message}`, [{ field: err.field ?? "file", message: err.message }]));
    }
    const fromStore = storeErrorToAppError(err);
    if (fromStore) {
      if (fromStore.status >= 500) ((req as { log?: Logger }).log ?? logger).warn({ err }, "store unavailable");
      return sendProblem(res, instance, fromStore);
    }
    if (status >= 400 && status < 500) {
      return sendProblem(res, instance, new AppError(status, "Invalid request", String(err?.message ?? "bad request")));
    }
    ((req as { log?: Logger }).log ?? logger).error({ err }, "unhandled error");
    sendProblem(res, instance, new AppError(500, "Internal error", "the service failed to handle this request; it has been logged"));
  };
}
