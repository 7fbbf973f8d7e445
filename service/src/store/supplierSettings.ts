import type { Executor } from "./executor";

export interface StoredSupplierSettings {
  settings: unknown;
  updatedBy: string;
  updatedAt: string;
}

export async function readSupplierSettingsRow(db: Executor): Promise<StoredSupplierSettings | null> {
  const row = await db.selectFrom("supplier_settings").selectAll().where("id", "=", 1).executeTakeFirst();
  return row ? { settings: JSON.parse(row.settings) as unknown, updatedBy: row.updated_by, updatedAt: row.updated_at } : null;
}

/** One row, replaced whole: two planners saving at once leave the later save. */
export async function writeSupplierSettingsRow(db: Executor, settings: unknown, by: string, at: string): Promise<void> {
  await db
    .insertInto("supplier_settings")
    .values({ id: 1, settings: JSON.stringify(settings), updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({ settings: eb.ref("excluded.settings"), updated_by: eb.ref("excluded.updated_by"), updated_at: eb.ref("excluded.updated_at") })))
    .execute();
}
