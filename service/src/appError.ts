/**
 * The one error type of the service: use cases (and the store, for faults) throw it with an HTTP
 * status; the error handler renders it as RFC 9457 problem+json.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    /** short, stable title of the problem kind */
    readonly title: string,
    readonly detail: string,
    /** field-level problems: path and message */
    readonly errors: Array<{ field: string; message: string; row?: number }> = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string, errors: AppError["errors"] = []) => new AppError(400, "Invalid request", detail, errors);
export const notFound = (detail: string) => new AppError(404, "Not found", detail);
export const conflict = (detail: string) => new AppError(409, "Conflict", detail);
export const forbidden = (detail: string) => new AppError(403, "Forbidden", detail);
export const unauthorized = (detail: string) => new AppError(401, "Unauthorized", detail, [], { "WWW-Authenticate": 'Bearer realm="tierline"' });
export const unprocessable = (detail: string, errors: AppError["errors"]) => new AppError(422, "Unprocessable content", detail, errors);
