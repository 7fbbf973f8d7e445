import type { ForecastExceptionReport } from "../../../shared/src/api";
import { storedForecastExceptions, type DemandSignal, type PolicyLimits } from "../../../shared/src/forecasting";
import { PolicyTable } from "../../../shared/src/segmentation";
import { forecastErrorsWithRevenue, latestSucceededRun } from "../store/forecasts";
import type { ServiceContext } from "./context";
import { currentPolicies } from "./policies";

/**
 * The ranked forecast-exception list of the newest finished forecast run:
 * each product judged against its segment policy's WAPE ceiling and
 * tracking-signal limit (or its ABC class's defaults), worst value at risk
 * first.
 */
export async function forecastExceptionList(ctx: ServiceContext, limit: number): Promise<ForecastExceptionReport> {
  const run = await latestSucceededRun(ctx.db);
  if (!run) return { run: null, total: 0, exceptions: [], notes: ["No forecast run has finished yet: start one (job forecastProducts)."] };
  const errors = await forecastErrorsWithRevenue(ctx.db, run.id, run.first_week ?? 1, run.last_week ?? Number.MAX_SAFE_INTEGER);
  const policies = await currentPolicies(ctx.db);
  const table = policies.rows.length ? new PolicyTable(policies.rows) : undefined;
  const limits = new Map<string, PolicyLimits>();
  const policyLimits = (segment: string): PolicyLimits => {
    let value = limits.get(segment);
    if (!value) {
      try {
        const p = table?.match(segment) ? table.resolve(segment).policy : undefined;
        value = { maxWape: p?.maxWape, maxTrackingSignal: p?.maxTrackingSignal };
      } catch {
        // Two equally specific rows: the policy cannot say, so the class defaults judge.
        value = {};
      }
      limits.set(segment, value);
    }
    return value;
  };
  const signalOf = new Map(errors.map((e) => [e.productId, e.signal as DemandSignal | null]));
  const signals = { shipments: 0, sellThrough: 0, mixed: 0 };
  for (const e of errors) {
    if (e.signal === "sell-through") signals.sellThrough++;
    else if (e.signal === "mixed") signals.mixed++;
    else signals.shipments++;
  }
  const all = storedForecastExceptions(errors, policyLimits).map((e) => ({ ...e, signal: signalOf.get(e.productId) ?? null }));
  const unsignalled = errors.some((e) => e.segment !== null && e.trackingSignal === null);
  return {
    run: { id: run.id, version: run.version, createdAt: run.created_at, firstWeek: run.first_week, lastWeek: run.last_week },
    total: all.length,
    exceptions: all.slice(0, limit),
    signals,
    notes: unsignalled ? ["Products without a stored tracking signal (a run made before it was stored, or no error at all) are judged on WAPE alone."] : [],
  };
}
