/* eslint-disable @typescript-eslint/no-explicit-any -- `any` is how custom-functions-metadata reads "any cell value"; every value is checked below. */
/**
 * The service-backed TIER.* functions. Every call of one recalculation joins
 * a batch, so a sheet of 10,000 TIER.SEGMENT cells costs one request;
 * answers for an explicit version are cached (a version never changes), and
 * the policy table is revalidated by its version tag.
 */
import { dimensionSchema } from "../../../shared/src/api";
import { POLICY_FIELDS, PolicyTable, type PolicyField } from "../../../shared/src/segmentation";
import { ServiceClient, ServiceError } from "../api/serviceClient";
import { loadServiceSettings, SERVICE_CACHES_EVENT } from "../settings/serviceSettings";
import { Batcher } from "./batcher";
import { broadcast, numberAt } from "./broadcast";
import { CellError, isOmittedOrZero, toCellError } from "./cells";

/**
 * The master-data dimensions of TIER.SEGMENT.
 * @customenum {string}
 */
export enum Dimension {
  /** Products (default). */
  product = "product",
  /** Customers. */
  customer = "customer",
  /** Suppliers. */
  supplier = "supplier",
  /** Regions. */
  region = "region",
}

const NOT_CONNECTED = "Tierline is not connected: open the Tierline pane, Settings, and sign in";

async function client(): Promise<ServiceClient> {
  const settings = await loadServiceSettings();
  if (!settings) throw new CellError("missing", NOT_CONNECTED);
  return new ServiceClient(settings);
}

/** Service failures are #N/A with the reason (unreachable, no permission, unknown id). */
function serviceCellError(error: unknown): CustomFunctions.Error {
  if (error instanceof ServiceError) {
    const code = error.status === 400 ? CustomFunctions.ErrorCode.invalidValue : CustomFunctions.ErrorCode.notAvailable;
    return new CustomFunctions.Error(code, error.message);
  }
  return toCellError(error);
}

interface SegmentRequest {
  dimension: string;
  version?: number;
  id: string;
}

const segmentCache = new Map<string, string>();
const MAX_IDS_PER_REQUEST = 50_000;

const segmentBatcher = new Batcher<SegmentRequest, string>(async (items) => {
  const service = await client();
  const groups = new Map<string, SegmentRequest[]>();
  for (const item of items) {
    const key = `${item.dimension}|${item.version ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const answers = new Map<string, string | null>();
  const versions = new Map<string, number>();
  for (const [key, group] of groups) {
    const { dimension, version } = group[0];
    const ids = [...new Set(group.map((g) => g.id))];
    for (let i = 0; i < ids.length; i += MAX_IDS_PER_REQUEST) {
      const result = await service.call("lookupSegments", { body: { dimension, ids: ids.slice(i, i + MAX_IDS_PER_REQUEST), ...(version === undefined ? {} : { version }) } });
      versions.set(key, result.version);
      for (const s of result.segments) {
        answers.set(`${key}|${s.id}`, s.segment);
        if (version !== undefined && s.segment !== null) segmentCache.set(`${dimension}|${version}|${s.id}`, s.segment);
      }
    }
  }
  return items.map((item) => {
    const key = `${item.dimension}|${item.version ?? ""}`;
    const segment = answers.get(`${key}|${item.id}`);
    return segment ?? new CellError("missing", `${item.dimension} "${item.id}" has no segment in version ${versions.get(key) ?? "?"}`);
  });
});

function readIds(id: unknown): { ids: unknown[]; spill: boolean } {
  if (!Array.isArray(id)) return { ids: [id], spill: false };
  const cells = id.flatMap((row) => (Array.isArray(row) ? row : [row]));
  return { ids: cells, spill: cells.length > 1 };
}

/**
 * The segment of an entity in the master data (dimension default product; version default current). A range of ids spills one segment per id.
 * @customfunction SEGMENT
 * @helpurl https://localhost:3000/functions.html#tier-segment
 * @param id Entity id (product, customer, supplier or region id), or a column of ids; a blank (or 0) id is #N/A.
 * @param [dimension] "product" (default), "customer", "supplier" or "region".
 * @param [version] Master-data version (default, blank or 0: current).
 * @param {CustomFunctions.CancelableInvocation} invocation
 * @returns The segment, e.g. "AX".
 * @cancelable
 */
export async function segment(id: any[][], dimension: Dimension, version: any, invocation: CustomFunctions.CancelableInvocation): Promise<any[][]> {
  try {
    // 0 is omitted for every argument here: older builds pass a blank cell as 0, and no id, dimension or version is 0.
    const parsedDimension = dimensionSchema.safeParse(isOmittedOrZero(dimension) ? "product" : dimension);
    if (!parsedDimension.success) throw new CellError("invalid", `dimension: "${String(dimension)}" is not one of product, customer, supplier, region`);
    const v = isOmittedOrZero(version) ? undefined : numberAt(broadcast({ version }), "version", 0, { integer: true, min: 0 });
    const { ids, spill } = readIds(id);
    if (ids.length === 0) throw new CellError("missing", "id: required");
    const cancels: Array<() => void> = [];
    invocation.onCanceled = () => cancels.forEach((c) => c());
    const results = await Promise.all(
      ids.map(async (raw, i): Promise<unknown> => {
        if (isOmittedOrZero(raw)) return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, spill ? `id row ${i + 1}: blank` : "id: required");
        const key = String(raw).trim();
        const cached = v === undefined ? undefined : segmentCache.get(`${parsedDimension.data}|${v}|${key}`);
        if (cached !== undefined) return cached;
        try {
          return await segmentBatcher.add({ dimension: parsedDimension.data, version: v, id: key }, (cancel) => cancels.push(cancel));
        } catch (error) {
          return serviceCellError(error);
        }
      }),
    );
    return results.map((r) => [r]);
  } catch (error) {
    return [[serviceCellError(error)]];
  }
}

/** The policy table as last read, with the entity tag that revalidates it. */
let policyCache: { etag: string | null; table: PolicyTable } | undefined;

const policyBatcher = new Batcher<{ segment: string; field: PolicyField }, unknown>(async (items) => {
  const service = await client();
  const answer = await service.conditional("readPolicies", {}, policyCache?.etag);
  if (!answer.notModified) {
    if (answer.data.rows.length === 0) throw new CellError("missing", "the service has no policy table yet");
    policyCache = { etag: answer.etag, table: new PolicyTable(answer.data.rows) };
  }
  // A 304 answers only the tag we sent, which came from the cached table.
  const table = policyCache?.table;
  if (!table) throw new CellError("missing", "the service answered 304 to a first policy read");
  return items.map(({ segment, field }) => {
    try {
      const value = table.resolve(segment).policy[field];
      // Optional governance fields may be unset for a segment: say so rather than show 0 or a blank.
      if (value === undefined) return new CellError("missing", `${field} is not set for segment "${segment}"`);
      return Array.isArray(value) ? value.join(", ") : value;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  });
});

const FIELD_BY_NAME = new Map(POLICY_FIELDS.map((f) => [f.toLowerCase(), f]));

/**
 * A field of the policy table for a segment key (the most specific matching row), e.g. the cycle service level of "Key|AX|North".
 * @customfunction POLICY
 * @helpurl https://localhost:3000/functions.html#tier-policy
 * @param segment Segment key, e.g. "AX" or "Key|AX|North".
 * @param field A policy field: cycleServiceLevel, targetFillRate, promisedLeadTimeDays, reviewPeriodDays, forecastMethod, inventoryTurnsTarget, supplyMode, ownerFunction, or a governance field (see the help).
 * @param {CustomFunctions.CancelableInvocation} invocation
 * @returns The field's value for that segment.
 * @cancelable
 */
export async function policy(segment: any, field: any, invocation: CustomFunctions.CancelableInvocation): Promise<any[][]> {
  try {
    if (isOmittedOrZero(segment)) throw new CellError("missing", "segment: required");
    if (isOmittedOrZero(field)) throw new CellError("missing", "field: required");
    const canonical = FIELD_BY_NAME.get(
      String(field)
        .replace(/[\s_-]/g, "")
        .toLowerCase(),
    );
    if (!canonical) throw new CellError("invalid", `field: "${String(field)}" is not one of ${POLICY_FIELDS.join(", ")}`);
    const value = await policyBatcher.add({ segment: String(segment).trim(), field: canonical }, (cancel) => (invocation.onCanceled = cancel));
    return [[value]];
  } catch (error) {
    return [[serviceCellError(error)]];
  }
}

/**
 * Forgets every cached answer, so the next recalculation asks the service.
 * The pane (a separate bundle in the same runtime) asks for it with the
 * SERVICE_CACHES_EVENT on the shared global after master data changed.
 */
export function clearServiceCaches(): void {
  segmentCache.clear();
  policyCache = undefined;
}
(globalThis as { addEventListener?: (type: string, listener: () => void) => void }).addEventListener?.(SERVICE_CACHES_EVENT, clearServiceCaches);
