import { z } from "zod";
import { mustBe } from "../validation";
import { freeText, idText, queryText } from "./text";

/**
 * A planner's change to a statistical forecast, checked against the
 * forecast-governance fields of the product's segment policy (who may
 * override, by how much) when it is recorded, and audited.
 */
export const recordForecastOverrideSchema = z.object({
  productId: idText(),
  /** the forecast week (the order history's week numbering) */
  week: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).max(100_000, mustBe.atMost(100_000)),
  /** the statistical forecast being overridden */
  from: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
  /** the planner's figure */
  to: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
  reason: freeText("say why (at least 3 characters)", 500),
});
export type RecordForecastOverride = z.infer<typeof recordForecastOverrideSchema>;

export const forecastOverrideSchema = z.object({
  productId: z.string(),
  week: z.number().int(),
  from: z.number(),
  to: z.number(),
  /** (to − from) / from; null when from is 0 */
  change: z.number().nullable(),
  segment: z.string().nullable(),
  /** the policy limit it was checked against (0.3 = ±30 %), null when the policy sets none */
  limit: z.number().nullable(),
  who: z.string(),
  at: z.string(),
  reason: z.string(),
});
export type ForecastOverride = z.infer<typeof forecastOverrideSchema>;

export const listForecastOverridesSchema = z.object({ productId: queryText(200).optional() });
export const forecastOverrideListSchema = z.object({ overrides: z.array(forecastOverrideSchema) });
