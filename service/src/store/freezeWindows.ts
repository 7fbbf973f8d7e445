import type { Executor } from "./executor";

/** A freeze window covering a dimension (or every dimension) at `at`, if any. */
export async function activeFreeze(db: Executor, dimension: string, at: string) {
  return db
    .selectFrom("freeze_windows")
    .selectAll()
    .where("starts_at", "<=", at)
    .where("ends_at", ">", at)
    .where((eb) => eb.or([eb("dimension", "is", null), eb("dimension", "=", dimension)]))
    .executeTakeFirst();
}

export async function insertFreezeWindow(db: Executor, row: { id: string; dimension: string | null; startsAt: string; endsAt: string; reason: string }): Promise<void> {
  await db.insertInto("freeze_windows").values({ id: row.id, dimension: row.dimension, starts_at: row.startsAt, ends_at: row.endsAt, reason: row.reason }).execute();
}
