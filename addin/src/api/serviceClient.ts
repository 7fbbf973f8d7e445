import {
  pathOf,
  routes,
  type ComputeBody,
  type ComputeEngine,
  type ComputeResults,
  type ImportKind,
  type ImportReport,
  type Job,
  type RouteDefinition,
  type RouteName,
  type RouteRequest,
  type RouteResponse,
} from "../../../shared/src/api";
import type { ServiceSettings } from "../settings/serviceSettings";
import { microsoftToken, SignInNeeded, SignInOptionsUnavailable } from "../auth/microsoftTokens";

/*
 * The add-in's one way to the service: `call(route, request)` over the route
 * table in shared/src/api, so every path, query, body and answer is typed
 * from the same schemas the service validates with. Every call has a
 * timeout and can be cancelled; only idempotent routes are retried, and only
 * after a failure that says nothing reached the service or a gateway error.
 */

/** A failure talking to the service, worded for the cell or the pane. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number | "unreachable" | "timeout",
    readonly problem?: { detail?: string; errors?: Array<{ field: string; message: string }> },
  ) {
    super(message);
  }
}

export interface CallOptions {
  signal?: AbortSignal;
  /** overrides the route's own timeout */
  timeoutMs?: number;
}

/** A conditional read: the current answer with its entity tag, or "not modified" when the tag still names it. */
export type Conditional<K extends RouteName> = { notModified: true } | { notModified: false; data: RouteResponse<K>; etag: string | null };

const DEFAULT_TIMEOUT_MS = 30_000;
/** Waits before the retries of an idempotent call: a restart or a gateway hiccup is over within a second or two. */
const RETRY_DELAYS_MS = [300, 1_500];
const RETRYABLE_STATUSES = new Set([502, 504]);

function queryString(query: Record<string, unknown> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/** Aborts when the caller cancels or the time is up; AbortSignal.any is missing from older Office webviews. */
function deadline(timeoutMs: number, outer?: AbortSignal): { signal: AbortSignal; timeoutMs: number; timedOut: () => boolean; done: () => void } {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException("timeout", "TimeoutError"));
  }, timeoutMs);
  const forward = () => controller.abort(outer?.reason);
  if (outer?.aborted) forward();
  else outer?.addEventListener("abort", forward, { once: true });
  return { signal: controller.signal, timeoutMs, timedOut: () => expired, done: () => (clearTimeout(timer), outer?.removeEventListener("abort", forward)) };
}

export class ServiceClient {
  constructor(
    private readonly settings: ServiceSettings,
    private readonly fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
    /** may a Microsoft sign-in open a popup? Only right after a person pressed "Sign in" */
    private readonly interactive = false,
  ) {}

  /** The service's base URL (no trailing slash). */
  get url(): string {
    return this.settings.url;
  }

  /** Calls a route and returns its answer, typed by the route table. */
  async call<K extends RouteName>(name: K, request: RouteRequest<K>, options: CallOptions = {}): Promise<RouteResponse<K>> {
    const answer = await this.send(name, request, options);
    if (answer.status === 304) throw new ServiceError(`${name} answered 304 to an unconditional request`, 304);
    return answer.data as RouteResponse<K>;
  }

  /** Calls a route with If-None-Match: a refresh whose data did not change costs one 304. */
  async conditional<K extends RouteName>(name: K, request: RouteRequest<K>, etag: string | null | undefined, options: CallOptions = {}): Promise<Conditional<K>> {
    const answer = await this.send(name, request, options, etag ? { "If-None-Match": etag } : {});
    if (answer.status === 304) return { notModified: true };
    return { notModified: false, data: answer.data as RouteResponse<K>, etag: answer.etag };
  }

  /** Runs a shared engine on the service; its result is what the engine's shared function returns. */
  async compute<E extends ComputeEngine>(engine: E, body: ComputeBody<E>, options: CallOptions = {}): Promise<ComputeResults[E]> {
    const answer = await this.call("compute", { params: { engine }, body }, options);
    return answer.result as ComputeResults[E];
  }

  /**
   * Imports a file (POST /imports, multipart): the report when the service
   * took it at once, or the job importing it in the background (a file over
   * the service's IMPORT_JOB_BYTES). A refused file is a ServiceError whose
   * problem lists every bad row and field.
   */
  async importFile(kind: ImportKind, fileName: string, text: string, options: CallOptions = {}): Promise<{ report: ImportReport } | { job: Job }> {
    const form = new FormData();
    form.set("kind", kind);
    form.set("file", new Blob([text], { type: "text/csv" }), fileName);
    const answer = await this.send("importFile", { body: form }, options);
    return answer.status === 202 ? { job: answer.data as Job } : { report: answer.data as ImportReport };
  }

  /** The bearer for this call: the API token, or a current Microsoft access token (MSAL refreshes it from its cache or the host). */
  private async bearer(): Promise<string | undefined> {
    if (this.settings.signIn !== "microsoft") return this.settings.token;
    return microsoftToken(this.settings.url, this.interactive);
  }

  private async send(name: RouteName, request: object, options: CallOptions, headers: Record<string, string> = {}): Promise<{ status: number; data: unknown; etag: string | null }> {
    const definition: RouteDefinition = routes[name];
    const { params, query, body } = request as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
    const url = `${this.settings.url}${definition.root ? "" : "/api/v1"}${pathOf(definition, params)}${queryString(query)}`;
    const timeoutMs = options.timeoutMs ?? definition.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const attempts = definition.idempotent ? RETRY_DELAYS_MS.length + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      const limit = deadline(timeoutMs, options.signal);
      try {
        return await this.once(definition.method, url, body, headers, limit);
      } catch (error) {
        const retryable = error instanceof ServiceError && (error.status === "unreachable" || (typeof error.status === "number" && RETRYABLE_STATUSES.has(error.status)));
        if (!retryable || attempt >= attempts || options.signal?.aborted) throw error;
      } finally {
        limit.done();
      }
      await sleep(RETRY_DELAYS_MS[attempt - 1], options.signal ?? new AbortController().signal);
    }
  }

  private async once(method: string, url: string, body: unknown, headers: Record<string, string>, limit: ReturnType<typeof deadline>) {
    let bearer: string | undefined;
    try {
      bearer = await this.bearer();
    } catch (error) {
      // A person has to act; no retry or timeout wording fits.
      if (error instanceof SignInNeeded) throw new ServiceError(error.message, 401);
      if (error instanceof SignInOptionsUnavailable) throw new ServiceError(error.message, "unreachable");
      throw error;
    }
    // Getting a token can take a while (MSAL, a popup): a cancellation meanwhile ends the call here.
    if (limit.signal.aborted) throw limit.signal.reason;
    let res: Response;
    // A form sets its own multipart boundary in the Content-Type.
    const form = typeof FormData !== "undefined" && body instanceof FormData;
    try {
      res = await this.fetchImpl(url, {
        method: method.toUpperCase(),
        headers: { ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}), ...(body === undefined || form ? {} : { "Content-Type": "application/json" }), ...headers },
        body: body === undefined ? undefined : form ? body : JSON.stringify(body),
        signal: limit.signal,
      });
    } catch (error) {
      if (limit.timedOut())
        throw new ServiceError(
          `the Tierline service at ${this.settings.url} did not answer within ${limit.timeoutMs >= 1000 ? `${Math.round(limit.timeoutMs / 1000)} s` : `${limit.timeoutMs} ms`}; try again, or ask an admin to look at the service's log`,
          "timeout",
        );
      // A cancelled operation is not an unreachable service: let the caller see the abort.
      if (limit.signal.aborted) throw error;
      throw new ServiceError(`Tierline service unreachable at ${this.settings.url}: ${error instanceof Error ? error.message : String(error)}`, "unreachable");
    }
    if (res.status === 304) return { status: 304, data: undefined, etag: res.headers.get("ETag") };
    const text = await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ServiceError(`the service at ${this.settings.url} answered HTTP ${res.status} with something that is not JSON (is the URL the Tierline service?)`, res.status);
    }
    if (!res.ok) {
      const problem = data as { detail?: string; errors?: Array<{ field: string; message: string }> } | undefined;
      const why =
        res.status === 401
          ? this.settings.signIn === "microsoft"
            ? `the service did not accept your Microsoft sign-in (${problem?.detail ?? "no reason given"}); sign in again in Settings`
            : "the token was not accepted; sign in again in Settings"
          : res.status === 403
            ? `no permission: ${problem?.detail ?? ""}`
            : (problem?.detail ?? `HTTP ${res.status}`);
      throw new ServiceError(why, res.status, problem);
    }
    return { status: res.status, data, etag: res.headers.get("ETag") };
  }
}
