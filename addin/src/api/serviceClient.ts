import type { ServiceSettings } from "../settings/serviceSettings";
// Response types that are domain types come from shared/, so client and service cannot drift apart.
import type { TypicalRange } from "../../../shared/src/ml/recommendRanges";
import type { ClusterProfile } from "../../../shared/src/ml/describeClusters";
export type { TypicalRange, ClusterProfile };

/** A failure talking to the service, worded for the cell or the pane. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number | "unreachable",
    readonly problem?: {
      detail?: string;
      errors?: Array<{ field: string; message: string }>;
    },
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

  /** The service's base URL (no trailing slash). */
  get url(): string {
    return this.settings.url;
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<{ status: number; data: T | undefined; headers: Headers }> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.settings.url}/api/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.settings.token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      // A cancelled operation is not an unreachable service: let the caller see the abort.
      if (signal?.aborted) throw error;
      throw new ServiceError(`Tierline service unreachable at ${this.settings.url}: ${error instanceof Error ? error.message : String(error)}`, "unreachable");
    }
    if (res.status === 304) return { status: 304, data: undefined, headers: res.headers };
    const text = await res.text();
    const data = text ? (JSON.parse(text) as T & { detail?: string }) : undefined;
    if (!res.ok) {
      const problem = data as
        | {
            detail?: string;
            errors?: Array<{ field: string; message: string }>;
          }
        | undefined;
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

  async changeRequests(
    filter: {
      status?: ChangeRequestStatus;
      dimension?: string;
      source?: string;
    } = {},
    signal?: AbortSignal,
  ): Promise<ChangeRequestSummary[]> {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string"));
    const { data } = await this.request<{
      changeRequests: ChangeRequestSummary[];
    }>("GET", `/change-requests${query.size ? `?${query}` : ""}`, undefined, {}, signal);
    return data!.changeRequests;
  }

  async changeRequest(id: string, signal?: AbortSignal): Promise<ChangeRequestDetail> {
    return (await this.request<ChangeRequestDetail>("GET", `/change-requests/${encodeURIComponent(id)}`, undefined, {}, signal)).data!;
  }

  async createChangeRequest(body: {
    dimension: string;
    changes: Array<{
      entityId: string;
      segment: string;
      detail?: Record<string, string | number | boolean | null>;
    }>;
    justification: string;
  }): Promise<ChangeRequestSummary> {
    return (await this.request<ChangeRequestSummary>("POST", "/change-requests", body)).data!;
  }

  /** Approves as reviewed at `expectedVersion`; a 409 ServiceError when the version moved on or the request was decided meanwhile. */
  async approve(id: string, reason: string, expectedVersion: number): Promise<{ changeRequest: ChangeRequestSummary; version: number }> {
    return (
      await this.request<{
        changeRequest: ChangeRequestSummary;
        version: number;
      }>("POST", `/change-requests/${encodeURIComponent(id)}/approve`, {
        reason,
        expectedVersion,
      })
    ).data!;
  }

  async reject(id: string, reason: string): Promise<{ changeRequest: ChangeRequestSummary }> {
    return (await this.request<{ changeRequest: ChangeRequestSummary }>("POST", `/change-requests/${encodeURIComponent(id)}/reject`, { reason })).data!;
  }

  async audit(entity: string, signal?: AbortSignal): Promise<AuditEntry[]> {
    const { data } = await this.request<{ entries: AuditEntry[] }>("GET", `/audit?entity=${encodeURIComponent(entity)}&limit=200`, undefined, {}, signal);
    return data!.entries;
  }

  /** The current master-data version of a dimension (the policy table's for "policy"). */
  async currentVersion(dimension: string, signal?: AbortSignal): Promise<number> {
    if (dimension === "policy") {
      const policies = await this.policies();
      if (policies === "not-modified") throw new ServiceError("the policy table answered 304 to an unconditional read", 304);
      return policies.version;
    }
    const { data } = await this.request<{ current: number }>("GET", `/versions?dimension=${encodeURIComponent(dimension)}`, undefined, {}, signal);
    return data!.current;
  }

  /**
   * The segment table of a dimension; "not-modified" when `etag` (from an
   * earlier read) still names the current version, so a refresh costs one 304.
   */
  async segments(dimension: string, etag?: string | null, signal?: AbortSignal): Promise<SegmentTable | "not-modified"> {
    const { status, data, headers } = await this.request<{
      dimension: string;
      version: number;
      assignments: SegmentTable["assignments"];
    }>("GET", `/segments?dimension=${encodeURIComponent(dimension)}&format=json`, undefined, etag ? { "If-None-Match": etag } : {}, signal);
    if (status === 304) return "not-modified";
    return { ...data!, etag: headers.get("ETag") };
  }

  /**
   * k-means over the service's stored order history (`POST /clustering`):
   * the features are computed per entity of the dimension on the service, so
   * the result names entities by id, not rows of a workbook table.
   */
  async cluster(body: ClusteringRequest, signal?: AbortSignal): Promise<ClusteringResult> {
    return (await this.request<ClusteringResult>("POST", "/clustering", body, {}, signal)).data!;
  }

  /** Recommendations with their confidence, rationale, expected impact and data window (`GET /recommendations`). */
  async recommendations(filter: RecommendationFilter = {}, signal?: AbortSignal): Promise<Recommendation[]> {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string"));
    const { data } = await this.request<{ recommendations: Recommendation[] }>("GET", `/recommendations${query.size ? `?${query}` : ""}`, undefined, {}, signal);
    return data!.recommendations;
  }

  /**
   * Runs the planner (`POST /recommendations/generate`): each proposal becomes
   * its own pending change request; entities with one already pending are counted, not raised again.
   */
  async generateRecommendations(dimension: "product" | "customer", source: "rule" | "model" | "both" = "rule", signal?: AbortSignal): Promise<GenerateRecommendationsResult> {
    return (await this.request<GenerateRecommendationsResult>("POST", "/recommendations/generate", { dimension, source }, {}, signal)).data!;
  }

  /** Runs a shared engine on the service (`POST /compute/:engine`) and returns its result. */
  async compute<T>(engine: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return (await this.request<{ engine: string; result: T }>("POST", `/compute/${encodeURIComponent(engine)}`, body, {}, signal)).data!.result;
  }
}

export type ChangeRequestStatus = "pending" | "approved" | "rejected" | "expired";

export interface ChangeRequestSummary {
  id: string;
  kind: "assignments" | "policies";
  dimension: string;
  status: ChangeRequestStatus;
  /** manual, segmentation-run, recommendation-rule, recommendation-model, policy-edit */
  source: string;
  justification: string;
  baseVersion: number;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  appliedVersion: number | null;
  /** changes (assignments) or rows (policies) */
  size: number;
}

export interface AssignmentDiff {
  entityId: string;
  from: string | null;
  to: string | null;
}

export interface ChangeRequestDetail extends ChangeRequestSummary {
  payload?: {
    changes?: Array<{ entityId: string; segment: string }>;
    rows?: unknown[];
  };
  /** pending assignment requests: what would change against the current version */
  diff?: AssignmentDiff[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  dimension: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface SegmentTable {
  dimension: string;
  version: number;
  etag: string | null;
  assignments: Array<{
    entityId: string;
    segment: string;
    detail: Record<string, unknown>;
  }>;
}

/** The body of `POST /clustering` (service/src/useCases/mlClustering.ts): give `k` or `kRange`, not both; neither searches 2…8 by silhouette. */
export interface ClusteringRequest {
  dimension: "customer" | "product";
  features?: string[];
  k?: number;
  kRange?: [number, number];
  seed?: number;
  scaling?: "zscore" | "robust";
  propose?: boolean;
  justification?: string;
}


export interface ClusteringResult {
  dimension: "customer" | "product";
  features: string[];
  k: number;
  chosenBy: "given" | "silhouette";
  silhouette: { mean: number; method: string } | null;
  preprocessing: { dropped: string[] };
  profiles: ClusterProfile[];
  assignments: Array<{ entityId: string; cluster: number; name: string }>;
  changeRequest: ChangeRequestSummary | null;
}

export interface RecommendationFilter {
  dimension?: "product" | "customer";
  status?: ChangeRequestStatus;
  source?: "rule" | "model";
}


/** One reason behind a recommendation: a feature's value against the target segment's typical (p10–p90) range. */
export interface RationaleItem {
  feature: string;
  /** the segment part a rule judged (abc, xyz, tier); absent on supporting features */
  part?: string;
  /** null when the feature is undefined for the entity (a model feature without data) */
  value: number | null;
  targetSegment: string;
  targetRange?: TypicalRange | null;
  currentRange?: TypicalRange | null;
  boundary?: number;
  bound?: number;
  periodsPast?: number;
  evidence?: Array<{ period: string; value: number }>;
  [key: string]: unknown;
}

export interface RecommendationImpact {
  safetyStock?: {
    units: { from: number; to: number };
    value: { from: number; to: number; change: number } | null;
    basis?: Record<string, unknown>;
  } | null;
  serviceLevel?: { from: number | null; to: number | null };
  fillRate?: { from: number | null; to: number | null };
  costToServe?: unknown;
  costToServeNote?: string;
  policyNotes?: string[];
  [key: string]: unknown;
}

export interface Recommendation {
  id: string;
  changeRequestId: string;
  dimension: string;
  source: "rule" | "model";
  entityId: string;
  from: string;
  to: string;
  /** 0…1 */
  confidence: number;
  status: string;
  rationale: RationaleItem[];
  impact: RecommendationImpact | null;
  dataWindow: { fromWeek?: number; toWeek?: number; periodWeeks?: number; periods?: string[]; [key: string]: unknown } | null;
  modelId: string | null;
  createdAt: string;
}

export interface GenerateRecommendationsResult {
  dimension: string;
  source: string;
  created: number;
  alreadyPending: number;
  recommendations: Recommendation[];
}
