import type { Executor } from "./executor";
import { INSERT_CHUNK } from "./insertChunked";

export type Attributes = Record<string, unknown>;

/** One page of a dimension's entities, by id. */
export async function entityPage(db: Executor, dimension: string, limit: number, offset: number) {
  const rows = await db.selectFrom("entities").selectAll().where("dimension", "=", dimension).orderBy("id").limit(limit).offset(offset).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, attributes: JSON.parse(r.attributes) as Attributes }));
}

/** The ids of a dimension's entities, sorted. */
export async function sortedEntityIds(db: Executor, dimension: string): Promise<string[]> {
  return (await db.selectFrom("entities").select("id").where("dimension", "=", dimension).orderBy("id").execute()).map((r) => r.id);
}

export async function entityIds(db: Executor, dimension: string): Promise<Set<string>> {
  const rows = await db.selectFrom("entities").select("id").where("dimension", "=", dimension).execute();
  return new Set(rows.map((r) => r.id));
}

/** id → attributes of a dimension's entities, in id order. */
export async function entityAttributes(db: Executor, dimension: string): Promise<Map<string, Attributes>> {
  const rows = await db.selectFrom("entities").select(["id", "attributes"]).where("dimension", "=", dimension).orderBy("id").execute();
  return new Map(rows.map((r) => [r.id, JSON.parse(r.attributes) as Attributes]));
}

/** The attributes of one entity; throws when it does not exist. */
export async function attributesOf(db: Executor, dimension: string, id: string): Promise<Attributes> {
  const row = await db.selectFrom("entities").select("attributes").where("dimension", "=", dimension).where("id", "=", id).executeTakeFirstOrThrow();
  return JSON.parse(row.attributes) as Attributes;
}

export async function setAttributes(db: Executor, dimension: string, id: string, attributes: Attributes, at: string): Promise<void> {
  await db
    .updateTable("entities")
    .set({ attributes: JSON.stringify(attributes), updated_at: at })
    .where("dimension", "=", dimension)
    .where("id", "=", id)
    .execute();
}

export async function hasEntities(db: Executor): Promise<boolean> {
  return (await db.selectFrom("entities").select("id").limit(1).execute()).length > 0;
}

/** Insert or replace by primary key in one statement per chunk, so two imports of the same ids at once both succeed (the later commit wins). */
export async function upsertEntities(db: Executor, dimension: string, entities: ReadonlyArray<{ id: string; name: string; attributes: Attributes }>, at: string): Promise<void> {
  const rows = entities.map((e) => ({ dimension, id: e.id, name: e.name, attributes: JSON.stringify(e.attributes), updated_at: at }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto("entities")
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.columns(["dimension", "id"]).doUpdateSet((eb) => ({ name: eb.ref("excluded.name"), attributes: eb.ref("excluded.attributes"), updated_at: eb.ref("excluded.updated_at") })))
      .execute();
  }
}

/** An entity's display name, or undefined when the master data has no such entity. */
export async function entityName(db: Executor, dimension: string, id: string): Promise<string | undefined> {
  const row = await db.selectFrom("entities").select("name").where("dimension", "=", dimension).where("id", "=", id).executeTakeFirst();
  return row?.name;
}
