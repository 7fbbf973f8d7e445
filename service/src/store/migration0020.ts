import type { Kysely, Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * `forecasts.tracking_signal`: each product's CFE / MAD over the last weeks
 * of its fitted model's one-step errors, stored by the forecasting run so the
 * forecast-exception list can judge bias against the segment policy's
 * `maxTrackingSignal` (a run keeps no error sequence). Null for rows written
 * before this migration and where every error was 0.
 */
export function migration0020(dialect: Dialect): Migration {
  return atomicMigration(dialect, (db) => migrate(db));
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("forecasts").addColumn("tracking_signal", "double precision").execute();
}
