import type { Request, RequestHandler } from "express";
import { AppError } from "../appError";
import { sendProblem } from "./problem";

/**
 * Failed sign-ins per client address, checked before any token lookup: once
 * an address has presented `limit` unknown, expired or revoked tokens in a
 * minute, every request from it is a 429 with Retry-After until the minute
 * is over, so token guessing costs the guesser, not the database. Only
 * failures count, when they are known (after the lookup), so a burst of
 * valid requests is never refused; a flood can get at most its own
 * concurrency past the limit before the gate closes.
 */
export class AuthThrottle {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private entry(address: string) {
    const t = this.now();
    const hit = this.failures.get(address);
    if (hit && hit.resetAt > t) return hit;
    if (hit) this.failures.delete(address);
    return undefined;
  }

  /** Seconds until `address` may try again, or 0 when it may now. */
  blockedFor(address: string): number {
    if (this.limit <= 0) return 0;
    const hit = this.entry(address);
    return hit && hit.count >= this.limit ? Math.max(1, Math.ceil((hit.resetAt - this.now()) / 1000)) : 0;
  }

  recordFailure(address: string): void {
    if (this.limit <= 0) return;
    const hit = this.entry(address);
    if (hit) hit.count++;
    else {
      // Bounded memory under a flood of spoofed addresses: forget the oldest windows first.
      if (this.failures.size >= 100_000) this.failures.delete(this.failures.keys().next().value as string);
      this.failures.set(address, { count: 1, resetAt: this.now() + this.windowMs });
    }
  }

  /** The gate: runs before authentication on every API request. */
  middleware(): RequestHandler {
    return (req: Request, res, next) => {
      const wait = this.blockedFor(clientAddress(req));
      if (wait === 0) return next();
      res.setHeader("Retry-After", String(wait));
      sendProblem(res, req.originalUrl, new AppError(429, "Too many failed sign-ins", `too many unknown, expired or revoked tokens from this address; try again in ${wait} s`));
    };
  }
}

export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}
