import type { Executor } from "./executor";

/** Every dimension's stored segmentation definition and the version it produced, by dimension. */
export async function storedDefinitions(db: Executor): Promise<Array<{ dimension: string; definition: unknown; version: number }>> {
  const rows = await db.selectFrom("definitions").selectAll().orderBy("dimension").execute();
  return rows.map((r) => ({ dimension: r.dimension, definition: JSON.parse(r.definition) as unknown, version: Number(r.version) }));
}

/** Insert or replace a dimension's definition. */
export async function saveDefinition(db: Executor, dimension: string, definition: unknown, version: number, at: string): Promise<void> {
  const exists = await db.selectFrom("definitions").select("dimension").where("dimension", "=", dimension).executeTakeFirst();
  const values = { definition: JSON.stringify(definition), version, updated_at: at };
  if (exists) await db.updateTable("definitions").set(values).where("dimension", "=", dimension).execute();
  else
    await db
      .insertInto("definitions")
      .values({ dimension, ...values })
      .execute();
}
