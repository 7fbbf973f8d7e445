import type { Selectable } from "kysely";
import type { Executor } from "./executor";
import { insertChunked } from "./insertChunked";
import type { ForecastReviewLineTable, ForecastReviewTable } from "./schema";

export type ForecastReviewRow = Selectable<ForecastReviewTable>;
export type ForecastReviewLineRow = Selectable<ForecastReviewLineTable>;

export async function insertForecastReview(db: Executor, review: ForecastReviewTable, lines: readonly ForecastReviewLineTable[]): Promise<void> {
  await db.insertInto("forecast_reviews").values(review).execute();
  await insertChunked(db, "forecast_review_lines", lines);
}

export async function findForecastReview(db: Executor, id: string): Promise<ForecastReviewRow | undefined> {
  return db.selectFrom("forecast_reviews").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function openForecastReview(db: Executor): Promise<ForecastReviewRow | undefined> {
  return db.selectFrom("forecast_reviews").selectAll().where("status", "=", "open").orderBy("created_at", "desc").limit(1).executeTakeFirst();
}

/** The newest closed review, or undefined. */
export async function latestClosedForecastReview(db: Executor): Promise<ForecastReviewRow | undefined> {
  return db.selectFrom("forecast_reviews").selectAll().where("status", "=", "closed").orderBy("closed_at", "desc").orderBy("id").limit(1).executeTakeFirst();
}

export async function listForecastReviewRows(db: Executor): Promise<ForecastReviewRow[]> {
  return db.selectFrom("forecast_reviews").selectAll().orderBy("created_at", "desc").orderBy("id").execute();
}

/** A review's lines in product, then week order. */
export async function forecastReviewLines(db: Executor, reviewId: string): Promise<ForecastReviewLineRow[]> {
  return db.selectFrom("forecast_review_lines").selectAll().where("review_id", "=", reviewId).orderBy("product_id").orderBy("week").execute();
}

/** Per review: lines by status. */
export async function forecastReviewCounts(db: Executor): Promise<Map<string, Record<string, number>>> {
  const rows = await db
    .selectFrom("forecast_review_lines")
    .select((eb) => ["review_id", "status", eb.fn.countAll<number>().as("n")])
    .groupBy(["review_id", "status"])
    .execute();
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) out.set(r.review_id, { ...(out.get(r.review_id) ?? {}), [r.status]: Number(r.n) });
  return out;
}

export async function findForecastReviewLine(db: Executor, reviewId: string, productId: string, week: number): Promise<ForecastReviewLineRow | undefined> {
  return db.selectFrom("forecast_review_lines").selectAll().where("review_id", "=", reviewId).where("product_id", "=", productId).where("week", "=", week).executeTakeFirst();
}

/**
 * Record a decision on a line at the version the person saw, while its
 * review is open: false when the line has moved on (someone else decided it
 * first) or the review closed meanwhile. The conditional update is the lock:
 * of two decisions at one version, the store applies one.
 */
export async function decideForecastReviewLineAt(
  db: Executor,
  key: { reviewId: string; productId: string; week: number; expectedVersion: number },
  decision: { status: "accepted" | "adjusted"; quantity: number | null; assumption: string | null; decidedBy: string; decidedAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable("forecast_review_lines")
    .set((eb) => ({
      status: decision.status,
      quantity: decision.quantity,
      assumption: decision.assumption,
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
      version: eb("version", "+", 1),
    }))
    .where("review_id", "=", key.reviewId)
    .where("product_id", "=", key.productId)
    .where("week", "=", key.week)
    .where("version", "=", key.expectedVersion)
    .where((eb) => eb.exists(eb.selectFrom("forecast_reviews").select("id").where("id", "=", key.reviewId).where("status", "=", "open")))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Open → closed; false when it was closed already. */
export async function closeForecastReviewRow(db: Executor, id: string, by: string, at: string): Promise<boolean> {
  const result = await db.updateTable("forecast_reviews").set({ status: "closed", closed_by: by, closed_at: at }).where("id", "=", id).where("status", "=", "open").executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Units ordered per product and week in [first, last] for these products (a product-week without a line is absent: it sold 0). */
export async function unitsInWeeks(db: Executor, productIds: readonly string[], first: number, last: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < productIds.length; i += 1000) {
    const rows = await db
      .selectFrom("order_lines")
      .select((eb) => ["product_id", "week", eb.fn.sum<number>("qty").as("units")])
      .where("product_id", "in", productIds.slice(i, i + 1000))
      .where("week", ">=", first)
      .where("week", "<=", last)
      .groupBy(["product_id", "week"])
      .execute();
    for (const r of rows) out.set(`${r.product_id}|${Number(r.week)}`, Number(r.units));
  }
  return out;
}

/** Display names of these products. */
export async function productNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom("entities")
      .select(["id", "name"])
      .where("dimension", "=", "product")
      .where("id", "in", ids.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}
