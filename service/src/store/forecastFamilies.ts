import { sql, type Selectable } from "kysely";
import type { Executor } from "./executor";
import { insertChunked } from "./insertChunked";
import type { ForecastFamilyMemberTable, ForecastFamilyTable } from "./schema";

export type ForecastFamilyRow = Selectable<ForecastFamilyTable>;

/** Ids per `IN (…)` list: well under either store's bound-parameter limit. */
const LOOKUP_CHUNK = 1000;

/**
 * Units per week of these products, summed in the database (the members of
 * the families a run forecasts top-down, which span id ranges).
 */
export async function weekUnitsOf(db: Executor, productIds: readonly string[]): Promise<Array<{ productId: string; week: number; units: number }>> {
  const out: Array<{ productId: string; week: number; units: number }> = [];
  for (let i = 0; i < productIds.length; i += LOOKUP_CHUNK) {
    const rows = await db
      .selectFrom("order_lines")
      .select((eb) => ["product_id", "week", eb.fn.sum<number>("qty").as("units")])
      .where("product_id", "in", productIds.slice(i, i + LOOKUP_CHUNK))
      .groupBy(["product_id", "week"])
      .execute();
    for (const r of rows) out.push({ productId: r.product_id, week: Number(r.week), units: Number(r.units) });
  }
  return out;
}

/** A run's family forecasts and their members' shares, written before its chunks start (replacing an earlier attempt's). */
export async function replaceFamilyForecasts(trx: Executor, runId: string, families: readonly ForecastFamilyTable[], members: readonly ForecastFamilyMemberTable[]): Promise<void> {
  await trx.deleteFrom("forecast_family_members").where("run_id", "=", runId).execute();
  await trx.deleteFrom("forecast_families").where("run_id", "=", runId).execute();
  await insertChunked(trx, "forecast_families", families);
  await insertChunked(trx, "forecast_family_members", members);
}

/** The family-level products with ids in [first, last] (one chunk's), their family and share. */
export async function familyMembersIn(db: Executor, runId: string, first: string, last: string): Promise<ForecastFamilyMemberTable[]> {
  return db.selectFrom("forecast_family_members").selectAll().where("run_id", "=", runId).where("product_id", ">=", first).where("product_id", "<=", last).execute();
}

/** These families of a run (all of them when `families` is absent), by name. */
export async function familyForecastsOf(db: Executor, runId: string, families?: readonly string[]): Promise<ForecastFamilyRow[]> {
  if (families === undefined) return db.selectFrom("forecast_families").selectAll().where("run_id", "=", runId).orderBy("family").execute();
  const out: ForecastFamilyRow[] = [];
  for (let i = 0; i < families.length; i += LOOKUP_CHUNK) {
    out.push(
      ...(await db
        .selectFrom("forecast_families")
        .selectAll()
        .where("run_id", "=", runId)
        .where("family", "in", families.slice(i, i + LOOKUP_CHUNK))
        .execute()),
    );
  }
  return out;
}

/**
 * A run's item-level errors per segment and forecast level, summed in SQL:
 * products, Σ|e| and Σ|y| (pooled WAPE), and the sum and count of MASE.
 * Rows written before levels were stored count as item level.
 */
export async function itemErrorsBySegment(
  db: Executor,
  runId: string,
): Promise<Array<{ segment: string | null; level: string; products: number; absError: number; absActual: number; maseSum: number; maseCount: number; pooled: number }>> {
  const rows = await db
    .selectFrom("forecasts")
    .select((eb) => [
      "segment",
      sql<string>`COALESCE(level, 'item')`.as("level"),
      eb.fn.countAll<number>().as("products"),
      eb.fn.sum<number>("abs_error").as("abs_error"),
      eb.fn.sum<number>("abs_actual").as("abs_actual"),
      eb.fn.sum<number>("mase").as("mase_sum"),
      eb.fn.count<number>("mase").as("mase_count"),
      eb.fn.count<number>("abs_error").as("pooled"),
    ])
    .where("run_id", "=", runId)
    .groupBy(["segment", sql`COALESCE(level, 'item')`])
    .orderBy("segment")
    .execute();
  return rows.map((r) => ({
    segment: r.segment,
    level: String(r.level),
    products: Number(r.products),
    absError: Number(r.abs_error ?? 0),
    absActual: Number(r.abs_actual ?? 0),
    maseSum: Number(r.mase_sum ?? 0),
    maseCount: Number(r.mase_count),
    pooled: Number(r.pooled),
  }));
}
