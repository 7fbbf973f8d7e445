import type { ServiceClient } from "../../../api/serviceClient";
import type { CellValue, ColumnValues } from "../../../workbook/workbook";

export const FORECAST_MEAN = "ForecastMean";
export const FORECAST_RMSE = "ForecastRmse";
/** The forecasts route's largest page. */
const PAGE = 1000;

export interface ForecastErrorColumns {
  columns: ColumnValues[];
  matched: number;
  /** the run read: its version and when it finished */
  run: { version: number; finishedAt: string | null; horizon: number } | null;
}

/**
 * Each product's forecast and its error from the newest finished forecast run, as two columns for the
 * forecast-error safety stock: ForecastMean, the mean of the forecast over the run's horizon (per week), and
 * ForecastRmse, the one-step forecast-error sd per week (the run's errorSd for h = 1, or its in-sample sigma for
 * rows stored before errorSd; 0 for a product without demand in the run's window). One-step, because the safety-stock formula takes a per-period σ and scales it by
 * the lead time itself. A product without a forecast in that run gets blank cells; no finished run, no columns.
 */
export async function forecastErrorColumns(client: ServiceClient, ids: readonly CellValue[], signal?: AbortSignal): Promise<ForecastErrorColumns> {
  const runs = await client.call("listForecastRuns", { query: { limit: 50 } }, { signal });
  const run = runs.runs.find((r) => r.status === "succeeded");
  if (!run) return { columns: [], matched: 0, run: null };
  const byProduct = new Map<string, { mean: number; rmse: number | null }>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.call("readForecasts", { params: { id: run.id }, query: { limit: PAGE, offset } }, { signal });
    for (const f of page.forecasts) {
      const mean = f.forecast.length ? f.forecast.reduce((s, v) => s + v, 0) / f.forecast.length : 0;
      // A product without demand in the window has no errors to measure and a forecast of 0: its error is 0, not unknown.
      byProduct.set(f.productId, { mean, rmse: f.errorSd?.[0] ?? f.sigma ?? (f.pattern === "no demand" ? 0 : null) });
    }
    if (offset + PAGE >= page.total) break;
  }
  const found = ids.map((id) => (id === null ? undefined : byProduct.get(String(id).trim())));
  return {
    columns: [
      { header: FORECAST_MEAN, values: found.map((f) => (f ? f.mean : null)) },
      { header: FORECAST_RMSE, values: found.map((f) => (f && f.rmse !== null ? f.rmse : null)) },
    ],
    matched: found.filter((f) => f && f.rmse !== null).length,
    run: { version: run.version, finishedAt: run.finishedAt, horizon: run.horizon },
  };
}
