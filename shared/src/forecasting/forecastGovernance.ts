import { z } from "zod";
import { mustBe } from "../validation";

/**
 * Who may override a segment's statistical forecast, and how often the
 * consensus (S&OP demand review) meets: the forecast-governance columns of
 * a segment policy. The policy table carries the same fields (optional) so
 * they travel with the segment's other rules; this schema validates them on
 * their own. `maxOverridePct` bounds a manual change relative to the
 * statistical forecast (0.3 = ±30 %).
 */
export const forecastGovernanceSchema = z.object({
  segment: z.string().trim().min(1, "a segment pattern may not be blank"),
  overrideAllowedBy: z.array(z.enum(["demand planner", "sales", "finance", "supply chain"])).default(["demand planner"]),
  maxOverridePct: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).optional(),
  consensusCadence: z.enum(["weekly", "monthly", "quarterly", "none"]).default("monthly"),
  /** thresholds for the exception list: WAPE above, |tracking signal| above */
  maxWape: z.number(mustBe.number).finite().gt(0, mustBe.above(0)).optional(),
  maxTrackingSignal: z.number(mustBe.number).finite().gt(0, mustBe.above(0)).optional(),
});
export type ForecastGovernance = z.output<typeof forecastGovernanceSchema>;
export type ForecastGovernanceInput = z.input<typeof forecastGovernanceSchema>;
