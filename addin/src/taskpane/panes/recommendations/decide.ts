import type { Dimension } from "../../../../../shared/src/api";
import type { ServiceClient } from "../../../api/serviceClient";
import { ServiceError } from "../../../api/serviceClient";

/*
 * The one place the queue decides requests. Today the service approves one
 * request per call (each call applies its own master-data version); a route
 * that approves many into one version per dimension is on its way
 * (POST /change-requests/approve, approveManySchema), and these two functions
 * are the only code that will change when it lands: the outcome already has
 * that route's shape (versions per dimension, approved with their entities,
 * refused with the service's reason).
 */

export interface DecidableRequest {
  id: string;
  dimension: string;
  /** the entities it moves, as far as the queue knows them (a recommendation's one entity; empty for a run read only as a summary) */
  entityIds: readonly string[];
  /** how the outcome names it when no entity is known: "segmentation run on product (120 changes)" */
  label: string;
}

export interface DecisionOutcome {
  decision: "approve" | "reject";
  /** the version each dimension's approvals landed in (the last one, while each request makes its own) */
  versions: Record<string, number>;
  decided: Array<{ id: string; dimension: string; entityIds: readonly string[]; label: string }>;
  refused: Array<{ id: string; entityIds: readonly string[]; label: string; status: ServiceError["status"]; reason: string }>;
}

export interface DecideOptions {
  /** the master-data version the approver reviewed, per dimension; a dimension missing here is read now */
  expectedVersions?: Readonly<Record<string, number>>;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

const VERSIONED: ReadonlySet<string> = new Set<Dimension>(["product", "customer", "supplier", "region"]);

/** The version a request of `dimension` is reviewed against: the policy table's for policy edits, the master data's otherwise. */
export async function reviewedVersion(client: ServiceClient, dimension: string, signal?: AbortSignal): Promise<number> {
  if (dimension === "policy") return (await client.call("readPolicies", {}, { signal })).version;
  if (!VERSIONED.has(dimension)) throw new Error(`no version history for the dimension "${dimension}"`);
  return (await client.call("listVersions", { query: { dimension: dimension as Dimension } }, { signal })).current;
}

function refusal(request: DecidableRequest, error: unknown): DecisionOutcome["refused"][number] {
  if (error instanceof ServiceError) return { id: request.id, entityIds: request.entityIds, label: request.label, status: error.status, reason: error.message };
  throw error;
}

/** Approves the requests with one reason; a request the service refuses (decided meanwhile, four-eyes, version moved on) is listed with its reason and the rest go on. */
export async function approveSelected(client: ServiceClient, requests: readonly DecidableRequest[], reason: string, options: DecideOptions = {}): Promise<DecisionOutcome> {
  const expected: Record<string, number> = { ...options.expectedVersions };
  for (const dimension of new Set(requests.map((r) => r.dimension))) if (expected[dimension] === undefined) expected[dimension] = await reviewedVersion(client, dimension, options.signal);
  const outcome: DecisionOutcome = { decision: "approve", versions: {}, decided: [], refused: [] };
  for (const [k, request] of requests.entries()) {
    options.signal?.throwIfAborted();
    options.onProgress?.(k, requests.length);
    try {
      const result = await client.call("approveChangeRequest", { params: { id: request.id }, body: { reason, expectedVersion: expected[request.dimension] } }, { signal: options.signal });
      // Our own approval moved the version: the next request of the batch was reviewed alongside this one.
      expected[request.dimension] = result.version;
      outcome.versions[request.dimension] = result.version;
      outcome.decided.push({ id: request.id, dimension: request.dimension, entityIds: request.entityIds, label: request.label });
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
      outcome.decided.push({ id: request.id, dimension: request.dimension, entityIds: request.entityIds, label: request.label });
    } catch (error) {
      outcome.refused.push(refusal(request, error));
    }
  }
  options.onProgress?.(requests.length, requests.length);
  return outcome;
}
