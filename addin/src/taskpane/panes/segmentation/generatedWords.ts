import type { GenerateRecommendationsResult } from "../../../../../shared/src/api";
import type { Message } from "../../ui/useOperation";
import { formatCount } from "../recommendations/format";

/** What a generation run did, in one message: new, already pending, merged, retired, or why nothing. */
export function generatedMessage(result: GenerateRecommendationsResult, dimension: string): Message {
  return {
    intent: result.created > 0 ? "success" : "info",
    title: "Recommendations generated",
    text:
      `${formatCount(result.created)} new ${dimension} recommendation${result.created === 1 ? "" : "s"}` +
      (result.alreadyPending ? `; ${formatCount(result.alreadyPending)} already pending` : "") +
      (result.merged ? `; ${formatCount(result.merged)} merged into the model's request for the same ${dimension}` : "") +
      (result.retired ? `; ${formatCount(result.retired)} obsolete request${result.retired === 1 ? "" : "s"} retired` : "") +
      (result.created === 0 && !result.alreadyPending && !result.merged ? ": the order history gives no entity a sustained reason to change segment." : "."),
  };
}
