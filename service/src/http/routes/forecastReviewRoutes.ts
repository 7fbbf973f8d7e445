import type { ServiceContext } from "../../useCases/context";
import { closeForecastReview, decideForecastReviewLine, listForecastReviews, publishForecastReview, readForecastReview, readForecastValueAdded } from "../../useCases/forecastReviews";
import type { Handlers } from "../route";

/** Forecast review with sales: publish, answer line by line, close, and the value the review added. */
export function forecastReviewHandlers(
  ctx: ServiceContext,
): Handlers<"publishForecastReview" | "listForecastReviews" | "readForecastReview" | "decideForecastReviewLine" | "closeForecastReview" | "readForecastValueAdded"> {
  return {
    publishForecastReview: async ({ body, actor }) => ({ status: 201, json: await publishForecastReview(ctx, actor, body) }),
    listForecastReviews: async () => ({ json: await listForecastReviews(ctx.db) }),
    readForecastReview: async ({ params }) => ({ json: await readForecastReview(ctx, params.id) }),
    decideForecastReviewLine: async ({ params, body, actor }) => ({ json: await decideForecastReviewLine(ctx, actor, params, body) }),
    closeForecastReview: async ({ params, actor }) => ({ json: await closeForecastReview(ctx, actor, params.id) }),
    readForecastValueAdded: async ({ params }) => ({ json: await readForecastValueAdded(ctx, params.id) }),
  };
}
