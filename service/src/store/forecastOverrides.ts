import type { Executor } from "./executor";
import { INSERT_CHUNK } from "./insertChunked";
import type { ForecastOverrideTable } from "./schema";

/**
 * Add recorded overrides; one already stored (same product, week and time) is
 * kept as it was, so re-importing an override log adds only what is new.
 */
export async function insertForecastOverrides(db: Executor, rows: readonly ForecastOverrideTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto("forecast_overrides")
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.columns(["product_id", "week", "changed_at"]).doNothing())
      .execute();
  }
}

/** A product's overrides (or all), oldest first. */
export async function forecastOverrides(db: Executor, productId?: string): Promise<ForecastOverrideTable[]> {
  let q = db.selectFrom("forecast_overrides").selectAll();
  if (productId !== undefined) q = q.where("product_id", "=", productId);
  return q.orderBy("changed_at").orderBy("product_id").orderBy("week").execute();
}

/**
 * Add one override as recorded now: where another of the same product and
 * week holds the same millisecond (two people saving at once), this one is
 * stamped a millisecond later, so both are kept in the order they landed.
 *
 * @returns the row as stored
 */
export async function insertForecastOverride(db: Executor, row: ForecastOverrideTable): Promise<ForecastOverrideTable> {
  let at = new Date(row.changed_at).getTime();
  for (;;) {
    const stamped = { ...row, changed_at: new Date(at).toISOString() };
    const inserted = await db
      .insertInto("forecast_overrides")
      .values(stamped)
      .onConflict((oc) => oc.columns(["product_id", "week", "changed_at"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return stamped;
    at += 1;
  }
}
