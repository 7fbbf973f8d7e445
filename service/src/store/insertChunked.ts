import type { InsertObject } from "kysely";
import type { Executor } from "./executor";
import type { Database } from "./schema";

/** Rows per INSERT: under SQLite's 32,766 bound parameters at any column count we use. */
export const INSERT_CHUNK = 500;

export async function insertChunked<T extends keyof Database>(db: Executor, table: T, rows: ReadonlyArray<InsertObject<Database, T>>, onProgress?: (written: number, total: number) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
    onProgress?.(Math.min(i + INSERT_CHUNK, rows.length), rows.length);
  }
}
