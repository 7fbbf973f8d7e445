import type { Kysely, Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * Prediction intervals (issue 22). `forecasts` and `forecast_families` gain
 * `error_sd`: a JSON array of the forecast-error standard deviation for each
 * step of the horizon (predictionIntervals in shared/src/forecasting), which
 * the Safety stock pane takes as its σ. Rows written before it have none.
 */
export function migration0025(dialect: Dialect): Migration {
  return atomicMigration(dialect, (db) => migrate(db));
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("forecasts").addColumn("error_sd", "text").execute();
  await db.schema.alterTable("forecast_families").addColumn("error_sd", "text").execute();
}
