import type { JobKind } from "../../../shared/src/api/jobs";
import type { ServiceContext } from "../useCases/context";
import { forecastChunk, type ForecastChunkParams } from "../useCases/forecastChunk";
import { FORECAST_CHUNK_KIND, forecastProducts } from "../useCases/forecastRuns";
import { runImportJob } from "../useCases/importJob";
import { runClustering } from "../useCases/mlClustering";
import { runNetworkDesign } from "../useCases/networkDesign";
import { trainModel } from "../useCases/models";
import { generateRecommendations } from "../useCases/recommendationsGenerate";
import { runScheduledReclassification } from "../useCases/schedulesRun";
import type { JobKindDefinition } from "./jobQueue";

/**
 * The kinds a service runs, each the use case behind its synchronous route
 * (a scheduled reclassification: behind its schedule). Progress is checked
 * before each use case's write phase, so a cancel stops it before anything
 * is stored. Only generation (scheduled or not) may be retried: a second run
 * finds its requests already pending; training or clustering again would
 * store a second model or proposal.
 */
export function builtInJobKinds(ctx: ServiceContext, options: { forecastWorkers?: number } = {}): Record<JobKind | typeof FORECAST_CHUNK_KIND, JobKindDefinition> {
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
    scheduledReclassification: {
      retryable: true,
      handler: (params, job) => runScheduledReclassification(ctx, job.actor, params, job),
    },
    // Not retried: a second attempt finds its staged file gone (the first attempt dropped it).
    importFile: {
      handler: (params, job) => runImportJob(ctx, params, job),
    },
    cluster: {
      handler: async (params, job) => {
        await job.progress(0, 1, "clustering");
        return runClustering(ctx, job.actor, params);
      },
    },
    // Waits on its chunks; never retried, since a second attempt would start a second run.
    forecastProducts: {
      coordinator: true,
      handler: (params, job) => forecastProducts(ctx, params, job),
    },
    // Internal (not startable through POST /jobs): a chunk replaces its own rows, so running it again does no harm.
    [FORECAST_CHUNK_KIND]: {
      retryable: true,
      concurrency: options.forecastWorkers ?? 1,
      handler: (params: ForecastChunkParams, job) => forecastChunk(ctx, params, job),
    },
    // Reads only, so a retry does no harm; progress before each phase is where a cancel stops it.
    designNetwork: {
      retryable: true,
      handler: (params, job) => runNetworkDesign(ctx, job.actor, params, job),
    },
  };
}
