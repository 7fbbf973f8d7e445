import type { Dimension } from "../../../../../shared/src/api";
import type { ServiceClient } from "../../../api/serviceClient";
import { ServiceError } from "../../../api/serviceClient";

/*
 * The one place the queue decides requests. Approvals go to the bulk route
 * (POST /change-requests/approve): every approvable request of a dimension
 * lands in ONE master-data version, and the service names each refused one
 * with its reason. A policy edit replaces the whole policy table, which the
 * bulk route refuses, so it goes alone through the per-request route. The
 * service has no bulk reject: rejections go one request at a time.
 */

export interface DecidableRequest {
  id: string;
  dimension: string;
  /** the entities it moves, as far as the queue knows them (a recommendation's one entity; empty for a run read only as a summary) */
  entityIds: readonly string[];
  /** how the outcome names it when no entity is known: "segmentation run on product (120 changes)" */
  label: string;
}

export interface Refusal {
  id: string;
  entityIds: readonly string[];
  label: string;
  status: ServiceError["status"];
  reason: string;
  /** set once the queue is read again: the request left the queue (retired, or decided by someone else) */
  leftQueue?: boolean;
}

export interface DecisionOutcome {
  decision: "approve" | "reject";
  /** the version each dimension's approvals landed in */
  versions: Record<string, number>;
  decided: Array<{ id: string; dimension: string; entityIds: readonly string[]; label: string }>;
  refused: Refusal[];
}

export interface DecideOptions {
  /** the master-data version the approver reviewed, per dimension; a dimension missing here is read now */
  expectedVersions?: Readonly<Record<string, number>>;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

const VERSIONED: ReadonlySet<string> = new Set<Dimension>(["product", "customer", "supplier", "region"]);

/** Dimensions whose requests replace a whole table (policies, activity rates): approved one at a time, never in bulk. */
const WHOLE_TABLES: ReadonlySet<string> = new Set(["policy", "rates"]);

/** The version a request of `dimension` is reviewed against: the policy or rate table's for their edits, the master data's otherwise. */
export async function reviewedVersion(client: ServiceClient, dimension: string, signal?: AbortSignal): Promise<number> {
  if (dimension === "policy") return (await client.call("readPolicies", {}, { signal })).version;
  if (dimension === "rates") return (await client.call("readActivityRates", {}, { signal })).version;
  if (!VERSIONED.has(dimension)) throw new Error(`no version history for the dimension "${dimension}"`);
  return (await client.call("listVersions", { query: { dimension: dimension as Dimension } }, { signal })).current;
}

function refusal(request: DecidableRequest, error: unknown): Refusal {
  if (error instanceof ServiceError) return { id: request.id, entityIds: request.entityIds, label: request.label, status: error.status, reason: error.message };
  throw error;
}

const decided = (r: DecidableRequest, entityIds: readonly string[] = r.entityIds) => ({ id: r.id, dimension: r.dimension, entityIds, label: r.label });

/**
 * Approves the requests with one reason, one version per dimension. A request
 * the service refuses (decided meanwhile, retired as obsolete, four-eyes,
 * version moved on) is listed with the service's reason; the rest go on.
 */
export async function approveSelected(client: ServiceClient, requests: readonly DecidableRequest[], reason: string, options: DecideOptions = {}): Promise<DecisionOutcome> {
  const { signal } = options;
  const outcome: DecisionOutcome = { decision: "approve", versions: {}, decided: [], refused: [] };
  const expected: Record<string, number> = {};
  for (const dimension of new Set(requests.map((r) => r.dimension))) expected[dimension] = options.expectedVersions?.[dimension] ?? (await reviewedVersion(client, dimension, signal));
  const tables = requests.filter((r) => WHOLE_TABLES.has(r.dimension));
  const assignments = requests.filter((r) => !WHOLE_TABLES.has(r.dimension));
  options.onProgress?.(0, requests.length);

  if (assignments.length > 0) {
    const byId = new Map(assignments.map((r) => [r.id, r]));
    const versions = Object.fromEntries(Object.entries(expected).filter(([d]) => !WHOLE_TABLES.has(d)));
    const result = await client.call("approveChangeRequests", { body: { ids: assignments.map((r) => r.id), reason, expectedVersions: versions } }, { signal });
    Object.assign(outcome.versions, result.versions);
    // The service knows every entity a run or hand edit moved; the queue only a recommendation's one.
    for (const a of result.approved) outcome.decided.push(decided(byId.get(a.id) ?? { id: a.id, dimension: a.dimension, entityIds: [], label: a.id }, a.entityIds));
    for (const r of result.refused) {
      const request = byId.get(r.id);
      outcome.refused.push({ id: r.id, entityIds: request?.entityIds ?? [], label: request?.label ?? r.id, status: r.status as ServiceError["status"], reason: r.reason });
    }
  }
  for (const [k, request] of tables.entries()) {
    signal?.throwIfAborted();
    options.onProgress?.(assignments.length + k, requests.length);
    try {
      const result = await client.call("approveChangeRequest", { params: { id: request.id }, body: { reason, expectedVersion: expected[request.dimension] } }, { signal });
      expected[request.dimension] = result.version;
      outcome.versions[request.dimension] = result.version;
      outcome.decided.push(decided(request));
    } catch (error) {
      outcome.refused.push(refusal(request, error));
    }
  }
  options.onProgress?.(requests.length, requests.length);
  return outcome;
}

export async function rejectSelected(client: ServiceClient, requests: readonly DecidableRequest[], reason: string, options: DecideOptions = {}): Promise<DecisionOutcome> {
  const outcome: DecisionOutcome = { decision: "reject", versions: {}, decided: [], refused: [] };
  for (const [k, request] of requests.entries()) {
    options.signal?.throwIfAborted();
    options.onProgress?.(k, requests.length);
    try {
      await client.call("rejectChangeRequest", { params: { id: request.id }, body: { reason } }, { signal: options.signal });
      outcome.decided.push(decided(request));
    } catch (error) {
      outcome.refused.push(refusal(request, error));
    }
  }
  options.onProgress?.(requests.length, requests.length);
  return outcome;
}
