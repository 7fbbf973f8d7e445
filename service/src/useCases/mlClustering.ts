import type { ClusteringRequest } from "../../../shared/src/api";
import { MONEY_FEATURES, entityWeekFeatures, type EntityFeature } from "../../../shared/src/ml";
import type { Actor } from "../auth/actor";
import { unprocessable } from "../appError";
import { sortedEntityIds } from "../store/entities";
import { entityWeekSums } from "../store/orderLines";
import { runOffThread } from "../workers/taskPool";
import { createAssignmentChangeRequest } from "./changeRequests";
import type { Executor, ServiceContext } from "./context";
import { assignmentsAt, currentVersion } from "./masterData";

/** The stored order history of a dimension's entities summed per entity × week, as the feature computation reads it. */
export async function loadEntityWeeks(db: Executor, dimension: "customer" | "product") {
  const ids = await sortedEntityIds(db, dimension);
  const { weeks, entityWeeks } = await entityWeekSums(db, dimension);
  if (entityWeeks.length === 0) throw unprocessable("no order history is stored: import order_lines first", [{ field: "order_lines", message: "empty" }]);
  return { ids, weeks, entityWeeks };
}

/** The features of every entity of a dimension over the stored order history. */
export async function loadEntityFeatures(db: Executor, dimension: "customer" | "product") {
  const { ids, weeks, entityWeeks } = await loadEntityWeeks(db, dimension);
  return { ids, weeks, features: entityWeekFeatures(ids, entityWeeks, weeks) };
}

export async function runClustering(ctx: ServiceContext, actor: Actor, request: ClusteringRequest) {
  const { ids, weeks, entityWeeks } = await loadEntityWeeks(ctx.db, request.dimension);
  // Features and k-means are CPU work: on the task pool, within the compute budget.
  const { result } = await runOffThread(ctx.pool, {
    kind: "cluster",
    ids,
    entityWeeks,
    weeks,
    features: request.features.map((name) => ({ name, money: MONEY_FEATURES.has(name as EntityFeature) })),
    options: {
      k: request.k,
      kRange: request.k === undefined ? (request.kRange ?? [2, Math.min(8, ids.length)]) : undefined,
      seed: request.seed,
      scaling: request.scaling,
      missing: request.missing,
      roles: {
        revenue: request.features.includes("revenue") ? "revenue" : undefined,
        margin: request.features.includes("margin_pct") ? "margin_pct" : undefined,
        variability: request.features.includes("demand_cov") ? "demand_cov" : undefined,
      },
    },
  });
  const assignments = result.kept.map((row, r) => ({ entityId: ids[row], cluster: result.labels[r], name: result.profiles[result.labels[r]].name }));
  let changeRequest = null;
  if (request.propose) {
    const current = new Map((await assignmentsAt(ctx.db, request.dimension, await currentVersion(ctx.db, request.dimension))).map((a) => [a.entityId, a.segment]));
    const changes = assignments.filter((a) => current.get(a.entityId) !== a.name).map((a) => ({ entityId: a.entityId, segment: a.name, detail: { cluster: a.cluster } }));
    if (changes.length) {
      const method = `k-means, k = ${result.k} (${result.chosenBy}), features ${request.features.join(", ")}, ${request.scaling} scaling, seed ${request.seed}`;
      changeRequest = await createAssignmentChangeRequest(ctx, actor, { dimension: request.dimension, changes, justification: request.justification ?? `clustering: ${method}` }, "recommendation-model");
    }
  }
  return {
    dimension: request.dimension,
    features: request.features,
    dataWindow: { fromWeek: 1, toWeek: weeks },
    seed: request.seed,
    preprocessing: {
      scaling: request.scaling,
      missing: request.missing,
      dropped: result.dropped.map((i) => ids[i]),
      transforms: result.transforms,
    },
    k: result.k,
    chosenBy: result.chosenBy,
    candidates: result.candidates,
    inertia: result.inertia,
    iterations: result.iterations,
    converged: result.converged,
    silhouette: result.silhouette,
    profiles: result.profiles,
    assignments,
    changeRequest,
  };
}
