import type { JobKind } from "../../../shared/src/api/jobs";
import type { ServiceContext } from "../useCases/context";
import { runClustering } from "../useCases/mlClustering";
import { runNetworkDesign } from "../useCases/networkDesign";
import { trainModel } from "../useCases/models";
import { generateRecommendations } from "../useCases/recommendationsGenerate";
import type { JobKindDefinition } from "./jobQueue";

/**
 * The kinds a service runs, each the use case behind its synchronous route.
 * Progress is checked before each use case's write phase, so a cancel stops
 * it before anything is stored. Only generation may be retried: a second run
 * finds its requests already pending; training or clustering again would
 * store a second model or proposal.
 */
export function builtInJobKinds(ctx: ServiceContext): Record<JobKind, JobKindDefinition> {
  return {
    generateRecommendations: {
      retryable: true,
      handler: (params, job) => generateRecommendations(ctx, job.actor, params, job),
    },
    trainModel: {
      handler: async (params, job) => {
        await job.progress(0, 1, "training the model");
        return trainModel(ctx, job.actor, params);
      },
    },
    cluster: {
      handler: async (params, job) => {
        await job.progress(0, 1, "clustering");
        return runClustering(ctx, job.actor, params);
      },
    },
    // Reads only, so a retry does no harm; progress before each phase is where a cancel stops it.
    designNetwork: {
      retryable: true,
      handler: (params, job) => runNetworkDesign(ctx, job.actor, params, job),
    },
  };
}
