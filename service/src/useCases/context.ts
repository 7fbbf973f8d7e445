import type { InsertObject, Kysely, Transaction } from "kysely";
import type { Dialect } from "../store/openDatabase";
import type { Database } from "../store/schema";
import type { TaskPool } from "../workers/taskPool";
import type { SegmentCache } from "./segmentCache";

export interface ServiceContext {
  db: Kysely<Database>;
  dialect: Dialect;
  /** injectable for expiry and freeze-window tests */
  now: () => Date;
  /** look-up caches; optional so scripts can run use cases without them */
  segments?: SegmentCache;
  /** worker threads for CPU-heavy work; without one it runs on the calling thread */
  pool?: TaskPool;
}

export type Executor = Kysely<Database> | Transaction<Database>;

/** Rows per INSERT: under SQLite's 32,766 bound parameters at any column count we use. */
export const INSERT_CHUNK = 500;

export async function insertChunked<T extends keyof Database>(
  db: Executor,
  table: T,
  rows: ReadonlyArray<InsertObject<Database, T>>,
  onProgress?: (written: number, total: number) => void,
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db.insertInto(table).values(rows.slice(i, i + INSERT_CHUNK)).execute();
    onProgress?.(Math.min(i + INSERT_CHUNK, rows.length), rows.length);
  }
}
