import type { Conditional, ServiceClient } from "../api/serviceClient";
import { MANAGED_TABLE_PREFIX, columnIndex, type CellValue, type TableTag, type Workbook } from "../workbook/workbook";

const DIMENSIONS = ["product", "customer", "supplier", "region"] as const;

export interface TableRefresh {
  table: string;
  dimension: string;
  status: "unchanged" | "updated";
  fromVersion: number | null;
  toVersion: number | null;
  /** rows whose segment changed, in table order */
  changed: Array<{ id: string; from: string | null; to: string | null }>;
  /** ids in the table that the service does not know (left as they were) */
  unknown: string[];
}

export interface RefreshReport {
  tables: TableRefresh[];
}

/** TierlineSegmentsCustomer → customer; a bare TierlineSegments holds products. */
export function dimensionOfName(name: string): string {
  const rest = name.slice(MANAGED_TABLE_PREFIX.length).toLowerCase();
  return DIMENSIONS.find((d) => rest.startsWith(d)) ?? "product";
}

const segmentText = (value: CellValue): string | null => (value === null || value === "" ? null : String(value));

/**
 * "Refresh segments": brings every Tierline-managed table up to the current
 * master-data version. Each table is asked for with the ETag it was last
 * refreshed to, so an unchanged dimension costs one 304 and no write; a
 * changed one has its Segment column (and any column named after a part of
 * the segment, e.g. abc, xyz) rewritten and its tag moved to the new version.
 * The first column holds the entity ids.
 */
export async function refreshSegments(workbook: Workbook, client: ServiceClient, signal?: AbortSignal): Promise<RefreshReport> {
  const managed = await workbook.managedTables();
  const full = new Map<string, Promise<Conditional<"readSegments">>>();
  const report: TableRefresh[] = [];
  for (const { name, tag } of managed) {
    signal?.throwIfAborted();
    const dimension = tag?.dimension ?? dimensionOfName(name);
    const fromVersion = tag?.version ?? null;
    // Tables of one dimension at different versions share the unconditional read.
    const read = (etag: string | null) => client.conditional("readSegments", { query: { dimension, format: "json" } }, etag, { signal });
    let unconditional = full.get(dimension);
    if (!unconditional) full.set(dimension, (unconditional = read(null)));
    const reply = tag?.etag ? await read(tag.etag) : await unconditional;
    if (reply.notModified) {
      report.push({ table: name, dimension, status: "unchanged", fromVersion, toVersion: fromVersion, changed: [], unknown: [] });
      continue;
    }
    const table = await workbook.readTable(name);
    if (table.headers.length === 0) throw new Error(`managed table ${name} has no columns`);
    const answer = { ...reply.data, etag: reply.etag };
    const byId = new Map(answer.assignments.map((a) => [a.entityId, a]));
    const segmentColumn = columnIndex(table.headers, "Segment");
    const detailKeys = [...new Set(answer.assignments.flatMap((a) => Object.keys(a.detail ?? {})))];
    const detailColumns = detailKeys.map((key) => ({ key, index: columnIndex(table.headers, key) })).filter((d) => d.index >= 0);
    const changed: TableRefresh["changed"] = [];
    const unknown: string[] = [];
    const segments = table.rows.map((row) => {
      const id = segmentText(row[0]);
      const before = segmentColumn >= 0 ? segmentText(row[segmentColumn]) : null;
      const hit = id === null ? undefined : byId.get(id);
      if (id !== null && !hit) unknown.push(id);
      const after = hit ? hit.segment : before;
      if (id !== null && after !== before) changed.push({ id, from: before, to: after });
      return after;
    });
    const columns = [{ header: segmentColumn >= 0 ? table.headers[segmentColumn] : "Segment", values: segments as CellValue[] }];
    for (const d of detailColumns) {
      columns.push({
        header: table.headers[d.index],
        values: table.rows.map((row) => {
          const hit = byId.get(String(row[0]));
          const value = hit?.detail?.[d.key];
          return hit ? (typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : null) : row[d.index];
        }),
      });
    }
    signal?.throwIfAborted();
    if (changed.length > 0 || segmentColumn < 0) await workbook.writeColumns(name, columns);
    const newTag: TableTag = { dimension, version: answer.version, etag: answer.etag };
    await workbook.setTag(name, newTag);
    report.push({ table: name, dimension, status: "updated", fromVersion, toVersion: answer.version, changed, unknown });
  }
  return { tables: report };
}

/** One line per table, for the MessageBar (and the ribbon command's notification). */
export function describeRefresh(report: RefreshReport): string {
  if (report.tables.length === 0) return `No Tierline-managed tables in this workbook (name a table ${MANAGED_TABLE_PREFIX}… with ids in its first column).`;
  return report.tables
    .map((t) => {
      const version = (v: number | null) => (v === null ? "none" : String(v));
      if (t.status === "unchanged") return `${t.table} (${t.dimension}): up to date at version ${version(t.toVersion)}, nothing to do.`;
      const sample = t.changed
        .slice(0, 5)
        .map((c) => `${c.id} ${c.from ?? "—"} → ${c.to ?? "—"}`)
        .join(", ");
      const unknown = t.unknown.length ? `; ${t.unknown.length} id${t.unknown.length === 1 ? "" : "s"} not in the master data (${t.unknown.slice(0, 3).join(", ")}${t.unknown.length > 3 ? ", …" : ""})` : "";
      return `${t.table} (${t.dimension}): version ${version(t.fromVersion)} → ${version(t.toVersion)}, ${t.changed.length} segment${t.changed.length === 1 ? "" : "s"} changed${sample ? ` (${sample}${t.changed.length > 5 ? ", …" : ""})` : ""}${unknown}.`;
    })
    .join("\n");
}
