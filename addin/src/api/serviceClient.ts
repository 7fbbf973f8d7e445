import type { ServiceSettings } from "../settings/serviceSettings";

/** A failure talking to the service, worded for the cell or the pane. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number | "unreachable",
    readonly problem?: { detail?: string; errors?: Array<{ field: string; message: string }> },
  ) {
    super(message);
  }
}

export interface SegmentLookup {
  dimension: string;
  version: number;
  segments: Array<{ id: string; segment: string | null }>;
}

export interface PolicyTableResponse {
  version: number;
  rows: Array<Record<string, unknown>>;
}

/**
 * The typed client of the Tierline service (/api/v1). Errors become
 * ServiceError with the service's problem detail, so a cell or a MessageBar
 * can say what went wrong.
 */
export class ServiceClient {
  constructor(
    private readonly settings: ServiceSettings,
    private readonly fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
  ) {}

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; data: T | undefined; headers: Headers }> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.settings.url}/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${this.settings.token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ServiceError(`Tierline service unreachable at ${this.settings.url}: ${error instanceof Error ? error.message : String(error)}`, "unreachable");
    }
    if (res.status === 304) return { status: 304, data: undefined, headers: res.headers };
    const text = await res.text();
    const data = text ? (JSON.parse(text) as T & { detail?: string }) : undefined;
    if (!res.ok) {
      const problem = data as { detail?: string; errors?: Array<{ field: string; message: string }> } | undefined;
      const why = res.status === 401 ? "the token was not accepted; sign in again in Settings" : res.status === 403 ? `no permission: ${problem?.detail ?? ""}` : (problem?.detail ?? `HTTP ${res.status}`);
      throw new ServiceError(why, res.status, problem);
    }
    return { status: res.status, data, headers: res.headers };
  }

  async lookupSegments(dimension: string, ids: string[], version?: number): Promise<SegmentLookup> {
    const { data } = await this.request<SegmentLookup>("POST", "/segments/lookup", { dimension, ids, ...(version === undefined ? {} : { version }) });
    return data!;
  }

  /** The policy table, or "not-modified" when `knownVersion` is still current. */
  async policies(knownVersion?: number): Promise<PolicyTableResponse | "not-modified"> {
    const { status, data } = await this.request<PolicyTableResponse>("GET", "/policies", undefined, knownVersion === undefined ? {} : { "If-None-Match": `"policy-v${knownVersion}"` });
    return status === 304 ? "not-modified" : data!;
  }

  async me(): Promise<{ name: string; role: string }> {
    return (await this.request<{ name: string; role: string }>("GET", "/me")).data!;
  }
}
