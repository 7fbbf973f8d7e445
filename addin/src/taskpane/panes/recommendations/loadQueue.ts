import { CHANGE_REQUEST_PAGE_MAX, type ChangeRequestSummary, type Recommendation } from "../../../../../shared/src/api";
import type { ServiceClient } from "../../../api/serviceClient";
import { reviewedVersion } from "./decide";
import { buildQueue, type QueueItem } from "./queueModel";

/** Entities read per page when names are looked up (the route's own maximum). */
const ENTITY_PAGE = 10_000;
/** The most recommendations one listing returns (the route's maximum). */
const RECOMMENDATION_LIMIT = 5000;

export interface LoadedQueue {
  items: QueueItem[];
  /** the master-data version each dimension's requests are reviewed against */
  versions: Record<string, number>;
}

/**
 * Everything pending, not just a first page: the change requests page by
 * page (keyset cursor), the recommendations behind them, the entity names a
 * recommendation does not carry, and each dimension's current version.
 */
export async function loadQueue(client: ServiceClient, signal: AbortSignal, progress: (done: number, total: number, label: string) => void): Promise<LoadedQueue> {
  progress(0, 4, "Reading pending change requests");
  const requests: ChangeRequestSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.call("listChangeRequests", { query: { status: "pending", limit: CHANGE_REQUEST_PAGE_MAX, ...(cursor ? { cursor } : {}) } }, { signal });
    requests.push(...page.changeRequests);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  progress(1, 4, "Reading the recommendations behind them");
  const recommendations: Recommendation[] = requests.some((r) => r.source === "recommendation-rule" || r.source === "recommendation-model")
    ? (await client.call("listRecommendations", { query: { status: "pending", limit: RECOMMENDATION_LIMIT } }, { signal })).recommendations
    : [];

  progress(2, 4, "Reading entity names");
  const names = new Map<string, string>();
  const unnamed = new Set(recommendations.filter((r) => !r.entityName).map((r) => r.dimension));
  for (const dimension of unnamed) {
    if (dimension !== "product" && dimension !== "customer") continue;
    for (let offset = 0; ; offset += ENTITY_PAGE) {
      const { entities } = await client.call("listEntities", { params: { dimension }, query: { limit: ENTITY_PAGE, offset } }, { signal });
      for (const e of entities) if (e.name) names.set(`${dimension}/${e.id}`, e.name);
      if (entities.length < ENTITY_PAGE) break;
    }
  }

  progress(3, 4, "Reading the current versions");
  const dimensions = [...new Set(requests.map((r) => r.dimension))];
  const versions = Object.fromEntries(await Promise.all(dimensions.map(async (d) => [d, await reviewedVersion(client, d, signal)] as const)));
  return { items: buildQueue(requests, recommendations, names), versions };
}
