import type { ForecastExceptionReport } from "../../../shared/src/api";
import { storedForecastExceptions } from "../../../shared/src/forecasting";
import { PolicyTable } from "../../../shared/src/segmentation";
import { forecastErrorsWithRevenue, latestSucceededRun } from "../store/forecasts";
import type { ServiceContext } from "./context";
import { currentPolicies } from "./policies";

/**
 * The ranked forecast-exception list of the newest finished forecast run:
 * each product judged against its segment policy's WAPE ceiling (or its ABC
 * class's default), worst value at risk first.
 */
export async function forecastExceptionList(ctx: ServiceContext, limit: number): Promise<ForecastExceptionReport> {
  const run = await latestSucceededRun(ctx.db);
  const notes = ["Tracking signal is not judged: a stored run keeps each product's error summary, not its error sequence."];
  if (!run) return { run: null, total: 0, exceptions: [], notes: ["No forecast run has finished yet: start one (job forecastProducts).", ...notes] };
  const errors = await forecastErrorsWithRevenue(ctx.db, run.id, run.first_week ?? 1, run.last_week ?? Number.MAX_SAFE_INTEGER);
  const policies = await currentPolicies(ctx.db);
  const table = policies.rows.length ? new PolicyTable(policies.rows) : undefined;
  const ceilings = new Map<string, number | undefined>();
  const policyMaxWape = (segment: string) => {
    if (!ceilings.has(segment)) {
      let value: number | undefined;
      try {
        value = table?.match(segment) ? table.resolve(segment).policy.maxWape : undefined;
      } catch {
        value = undefined;
      }
      ceilings.set(segment, value);
    }
    return ceilings.get(segment);
  };
  const all = storedForecastExceptions(errors, policyMaxWape);
  return {
    run: { id: run.id, version: run.version, createdAt: run.created_at, firstWeek: run.first_week, lastWeek: run.last_week },
    total: all.length,
    exceptions: all.slice(0, limit),
    notes,
  };
}
