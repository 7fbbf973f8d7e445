import type { Executor } from "./executor";

export async function stageImportFile(db: Executor, file: { id: string; kind: string; name: string; data: Buffer; createdAt: string }): Promise<void> {
  await db.insertInto("import_files").values({ id: file.id, kind: file.kind, name: file.name, data: file.data, created_at: file.createdAt }).execute();
}

export async function stagedImportFile(db: Executor, id: string): Promise<{ kind: string; name: string; data: Buffer } | undefined> {
  const row = await db.selectFrom("import_files").select(["kind", "name", "data"]).where("id", "=", id).executeTakeFirst();
  return row && { kind: row.kind, name: row.name, data: Buffer.from(row.data) };
}

export async function dropImportFile(db: Executor, id: string): Promise<void> {
  await db.deleteFrom("import_files").where("id", "=", id).execute();
}
