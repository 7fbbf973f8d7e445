import type { Dimension } from "../../../shared/src/api";
import type { ServiceClient } from "../api/serviceClient";
import type { Workbook } from "../workbook/workbook";

export interface TableWaiting {
  table: string;
  dimension: string;
  /** approved changes since the table's version; null for a table never refreshed (everything would be new) */
  waiting: number | null;
}

export interface ChangesWaiting {
  /** distinct approved changes over the workbook's tables (tables of one dimension at one version count once) */
  total: number;
  tables: TableWaiting[];
}

/**
 * How many approved segment changes the workbook's managed tables have not
 * got yet. Each table asks GET /versions/changes with the ETag it stored at
 * its last refresh: while nothing was approved that costs one 304 per
 * dimension and version, no body; only when something was does the list come.
 */
export async function changesWaiting(workbook: Workbook, client: ServiceClient, signal?: AbortSignal): Promise<ChangesWaiting> {
  const managed = await workbook.managedTables();
  const asked = new Map<string, Promise<number>>();
  const tables: TableWaiting[] = [];
  for (const { name, tag } of managed) {
    if (!tag || tag.version === null || !tag.etag) {
      tables.push({ table: name, dimension: tag?.dimension ?? "product", waiting: null });
      continue;
    }
    const key = `${tag.dimension}@${tag.version}`;
    let count = asked.get(key);
    if (!count) {
      count = client.conditional("versionChanges", { query: { dimension: tag.dimension as Dimension, since: tag.version } }, tag.etag, { signal }).then((reply) => (reply.notModified ? 0 : reply.data.changes.length));
      asked.set(key, count);
    }
    tables.push({ table: name, dimension: tag.dimension, waiting: await count });
  }
  let total = 0;
  for (const count of asked.values()) total += await count;
  return { total, tables };
}
