import type { Executor } from "./executor";
import type { ModelTable } from "./schema";

/** The latest model version of a dimension; 0 before the first. */
export async function latestModelVersion(db: Executor, dimension: string): Promise<number> {
  const last = await db
    .selectFrom("ml_models")
    .select((eb) => eb.fn.max("version").as("v"))
    .where("dimension", "=", dimension)
    .executeTakeFirst();
  return last?.v == null ? 0 : Number(last.v);
}

export async function insertModel(db: Executor, row: ModelTable): Promise<void> {
  await db.insertInto("ml_models").values(row).execute();
}

export async function findModel(db: Executor, id: string): Promise<ModelTable | undefined> {
  return db.selectFrom("ml_models").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The newest model of a dimension, if any. */
export async function latestModelRow(db: Executor, dimension: string): Promise<ModelTable | undefined> {
  return db.selectFrom("ml_models").selectAll().where("dimension", "=", dimension).orderBy("version", "desc").limit(1).executeTakeFirst();
}
