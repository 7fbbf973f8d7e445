import { z } from "zod";
import { DomainError, describeValue, parseWith } from "../errors";
import { forecastErrorVariability } from "../forecasting/forecastErrorVariability";
import { checkNumber, toCheckedFloat64 } from "../validation";
import { nonNegativeSchema } from "./schemas";

/**
 * Where a segment takes σ for its safety stocks from: the spread of demand
 * itself, or the one-step error of the forecast it plans with.
 */
export const variabilitySourceSchema = z.enum(["demand", "forecast_error"]);
export type VariabilitySource = z.infer<typeof variabilitySourceSchema>;

/** The per-segment policy field; "demand" when a segment does not say. */
export const variabilityPolicySchema = z.object({
  variabilitySource: variabilitySourceSchema.default("demand"),
});
export type VariabilityPolicy = z.input<typeof variabilityPolicySchema>;

export interface DemandVariabilityInput {
  /** y₁ … yₙ: demand per period, oldest first; blank = no demand (0) */
  history: ArrayLike<unknown>;
  /** ŷ_{t|t−1}: the forecasting engine's one-step fitted values, aligned with `history` (null where the model has none yet); needed for "forecast_error" */
  fitted?: ArrayLike<unknown>;
  /** L (+ R for periodic review): the protection interval, periods */
  leadTime: number;
}

export interface DemandVariability {
  source: VariabilitySource;
  /** σ per period: the `demandSd` of {@link safetyStock}, {@link reorderPoint} and {@link fillRateSafetyStock} */
  demandSd: number;
  /** σ over the lead time, σ·√L (independent periods) */
  leadTimeDemandSd: number;
  /** periods behind the estimate */
  periods: number;
}

const leadTimeSchema = z.object({ leadTime: nonNegativeSchema });

/**
 * σ for the safety-stock formulas, chosen by the segment's policy:
 *
 * - `demand`: the sample standard deviation of demand per period,
 *   s = √(Σ(yₜ − ȳ)²/(n − 1)) (Chopra & Meindl, *Supply Chain Management*,
 *   ch. "Safety Inventory": σ_D, the sd of periodic demand);
 * - `forecast_error`: the RMSE of the one-step forecast errors yₜ − ŷₜ over
 *   the periods with a fitted value, from the forecasting engine's
 *   {@link forecastErrorVariability} (Silver, Pyke & Thomas, *Inventory and
 *   Production Management in Supply Chains*, 4th ed., §6.9: the uncertainty a
 *   safety stock covers is that of the forecast, not of demand about its
 *   mean, so a trend or season the forecast follows adds no stock).
 *
 * Either way σ over L periods is σ·√L, which assumes independent periods.
 * A perfect forecast or a constant demand gives σ = 0, hence zero safety stock.
 *
 * @throws DomainError naming `variabilitySource` for an unknown source,
 *   `history[i]` / `fitted[i]` for a bad value, `fitted` when it is missing or
 *   of another length than `history`, `history` when fewer than 2 periods are
 *   given for the demand sd, `model` when no period has a fitted value, and
 *   `leadTime` when negative
 * @example demandVariability({ variabilitySource: "demand" }, { history: [8, 12, 10], leadTime: 4 }) // { demandSd: 2, leadTimeDemandSd: 4, … }
 */
export function demandVariability(policy: VariabilityPolicy, input: DemandVariabilityInput): DemandVariability {
  const { variabilitySource } = parseWith(variabilityPolicySchema, policy, "");
  const { leadTime } = parseWith(leadTimeSchema, { leadTime: input.leadTime }, "");
  const history = toHistory(input.history);
  if (variabilitySource === "demand") {
    if (history.length < 2) throw new DomainError("history", `the demand sd needs at least 2 periods, got ${history.length}`, "missing");
    const sd = sampleSd(history);
    return { source: "demand", demandSd: sd, leadTimeDemandSd: sd * Math.sqrt(leadTime), periods: history.length };
  }
  const fitted = toFitted(input.fitted, history.length);
  const v = forecastErrorVariability({ fitted }, history, leadTime);
  return { source: "forecast_error", demandSd: v.oneStepRmse, leadTimeDemandSd: v.leadTimeSd, periods: v.periods };
}

function toHistory(values: ArrayLike<unknown>): Float64Array {
  if (values === null || values === undefined || typeof values.length !== "number") {
    throw new DomainError("history", `expected a list of demand per period, got ${describeValue(values)}`, "missing");
  }
  const blanksAsZero = Array.from(values, (v) => (v === null || v === undefined || v === "" ? 0 : v));
  return toCheckedFloat64(blanksAsZero, "history", { min: 0 });
}

function toFitted(values: ArrayLike<unknown> | undefined, n: number): Array<number | null> {
  if (values === undefined || values === null) {
    throw new DomainError("fitted", "the forecast_error source needs the forecast's one-step fitted values", "missing");
  }
  if (typeof values.length !== "number") throw new DomainError("fitted", `expected a list of fitted values, got ${describeValue(values)}`);
  if (values.length !== n) throw new DomainError("fitted", `expected ${n} fitted values (one per period of history), got ${values.length}`);
  return Array.from(values, (v, t) => (v === null || v === undefined || v === "" ? null : checkNumber(v, `fitted[${t}]`)));
}

/**
 * Two passes (mean, then squared deviations): exact enough when the mean
 * dwarfs the spread. A constant series is 0 exactly, not the rounding of its
 * mean (n·x/n need not be x in floating point).
 */
function sampleSd(x: Float64Array): number {
  if (x.every((v) => v === x[0])) return 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i];
  const mean = sum / x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - mean) ** 2;
  return Math.sqrt(ss / (x.length - 1));
}
