import type { ServiceContext } from "../../useCases/context";
import { listForecastRuns, readForecasts } from "../../useCases/forecastRuns";
import type { Handlers } from "../route";

/** Stored forecast runs (made by forecastProducts jobs) and their forecasts. */
export function forecastHandlers(ctx: ServiceContext): Handlers<"listForecastRuns" | "readForecasts"> {
  return {
    listForecastRuns: async ({ query }) => ({ json: await listForecastRuns(ctx, query) }),
    readForecasts: async ({ params, query }) => ({ json: await readForecasts(ctx, params.id, query) }),
  };
}
