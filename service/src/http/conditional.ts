import type { Request } from "express";

/** Whether the request's If-None-Match names `etag` (weak or strong, in a list). */
export function notModified(req: Request, etag: string): boolean {
  const header = req.headers["if-none-match"];
  return !!header && header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
