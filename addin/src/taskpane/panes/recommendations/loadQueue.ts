import { CHANGE_REQUEST_PAGE_MAX, type ChangeRequestSummary, type Recommendation } from "../../../../../shared/src/api";
import type { ServiceClient } from "../../../api/serviceClient";
import { reviewedVersion } from "./decide";
import { buildQueue, type QueueItem } from "./queueModel";

/** The most recommendations one listing returns (the route's maximum). */
const RECOMMENDATION_LIMIT = 5000;

export interface LoadedQueue {
  items: QueueItem[];
  /** the master-data version each dimension's requests are reviewed against */
  versions: Record<string, number>;
}

/**
 * Everything pending, not just a first page: the change requests page by
 * page (keyset cursor), the recommendations behind them (each carries its
 * entity's name, direction and sources), and each dimension's current version.
 * Only pending requests are read: a retired one never reaches the queue.
 */
export async function loadQueue(client: ServiceClient, signal: AbortSignal, progress: (done: number, total: number, label: string) => void): Promise<LoadedQueue> {
  progress(0, 3, "Reading pending change requests");
  const requests: ChangeRequestSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.call("listChangeRequests", { query: { status: "pending", limit: CHANGE_REQUEST_PAGE_MAX, ...(cursor ? { cursor } : {}) } }, { signal });
    requests.push(...page.changeRequests);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  progress(1, 3, "Reading the recommendations behind them");
  const recommendations: Recommendation[] = requests.some((r) => r.source === "recommendation-rule" || r.source === "recommendation-model")
    ? (await client.call("listRecommendations", { query: { status: "pending", limit: RECOMMENDATION_LIMIT } }, { signal })).recommendations
    : [];

  progress(2, 3, "Reading the current versions");
  const dimensions = [...new Set(requests.map((r) => r.dimension))];
  const versions = Object.fromEntries(await Promise.all(dimensions.map(async (d) => [d, await reviewedVersion(client, d, signal)] as const)));
  return { items: buildQueue(requests, recommendations), versions };
}
