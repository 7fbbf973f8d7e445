import type { ServiceContext } from "../../useCases/context";
import { forecastAccuracyReport } from "../../useCases/forecastAccuracyReport";
import { forecastExceptionList } from "../../useCases/forecastExceptionList";
import { listForecastOverrides, recordForecastOverride } from "../../useCases/forecastOverrides";
import { listForecastRuns, readForecasts } from "../../useCases/forecastRuns";
import type { Handlers } from "../route";

/** Stored forecast runs (made by forecastProducts jobs) and their forecasts; overrides of forecasts. */
export function forecastHandlers(ctx: ServiceContext): Handlers<"listForecastRuns" | "readForecasts" | "recordForecastOverride" | "listForecastOverrides" | "readForecastExceptions" | "readForecastAccuracy"> {
  return {
    readForecastExceptions: async ({ query }) => ({ json: await forecastExceptionList(ctx, query.limit) }),
    readForecastAccuracy: async ({ query }) => ({ json: await forecastAccuracyReport(ctx, query) }),
    recordForecastOverride: async ({ body, actor }) => ({ status: 201, json: await recordForecastOverride(ctx, actor, body) }),
    listForecastOverrides: async ({ query }) => ({ json: await listForecastOverrides(ctx, query.productId) }),
    listForecastRuns: async ({ query }) => ({ json: await listForecastRuns(ctx, query) }),
    readForecasts: async ({ params, query }) => ({ json: await readForecasts(ctx, params.id, query) }),
  };
}
