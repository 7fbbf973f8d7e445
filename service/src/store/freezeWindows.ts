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
