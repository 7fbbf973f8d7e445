import type { VersionChange, VersionChanges } from "../../../shared/src/api";
import type { Conditional, ServiceClient } from "../api/serviceClient";
import { MANAGED_TABLE_PREFIX, columnIndex, type CellValue, type TableTag, type Workbook } from "../workbook/workbook";

const DIMENSIONS = ["product", "customer", "supplier", "region"] as const;

/** The optional columns a table keeps when its "history" setting is on. */
export const PREVIOUS_COLUMN = "PreviousSegment";
export const CHANGED_ON_COLUMN = "ChangedOn";

/** One row of the sheet whose segment the refresh changed, with who approved it, when and why (null when no approval since the table's version explains it). */
export interface ChangedRow {
  id: string;
  /** 0-based data row of the table */
  row: number;
  name: string | null;
  from: string | null;
  to: string | null;
  version: number | null;
  effectiveAt: string | null;
  approvedBy: string | null;
  reason: string | null;
  changeRequestId: string | null;
}

export interface TableRefresh {
  table: string;
  dimension: string;
  status: "unchanged" | "updated";
  fromVersion: number | null;
  toVersion: number | null;
  /** when the version the table now holds took effect (ISO), if known */
  approvedAt: string | null;
  /** rows whose segment changed, in table order */
  changed: ChangedRow[];
  /** ids in the table that the service does not know (left as they were) */
  unknown: string[];
}

export interface RefreshReport {
  tables: TableRefresh[];
  /** when the refresh ran (ISO) */
  at: string;
}

/** TierlineSegmentsCustomer → customer; a bare TierlineSegments holds products. */
export function dimensionOfName(name: string): string {
  const rest = name.slice(MANAGED_TABLE_PREFIX.length).toLowerCase();
  return DIMENSIONS.find((d) => rest.startsWith(d)) ?? "product";
}

const segmentText = (value: CellValue): string | null => (value === null || value === "" ? null : String(value));
const dayOf = (iso: string | null): string | null => (iso ? iso.slice(0, 10) : null);

/**
 * "Refresh segments": brings every Tierline-managed table up to the current
 * master-data version. Each table is asked for with the ETag it was last
 * refreshed to, so an unchanged dimension costs one 304 and no write; a
 * changed one has its Segment column (and any column named after a part of
 * the segment, e.g. abc, xyz) rewritten, its changed cells filled, and its
 * tag moved to the new version. The changes since the table's version
 * (GET /versions/changes) say who approved each move, when and why.
 * The first column holds the entity ids.
 */
export async function refreshSegments(workbook: Workbook, client: ServiceClient, signal?: AbortSignal, now: () => Date = () => new Date()): Promise<RefreshReport> {
  const at = now().toISOString();
  const managed = await workbook.managedTables();
  const full = new Map<string, Promise<Conditional<"readSegments">>>();
  const provenance = new Map<string, Promise<VersionChanges>>();
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
      // Nothing new: the table is not read, the marks of the previous refresh go (the column is matched like a header, case-insensitively).
      await workbook.markChanges({ table: name, column: "Segment", rows: [] });
      await workbook.setTag(name, { ...(tag as TableTag), refreshedAt: at });
      report.push({ table: name, dimension, status: "unchanged", fromVersion, toVersion: fromVersion, approvedAt: tag?.approvedAt ?? null, changed: [], unknown: [] });
      continue;
    }
    const table = await workbook.readTable(name);
    if (table.headers.length === 0) throw new Error(`managed table ${name} has no columns`);
    const segmentColumn = columnIndex(table.headers, "Segment");
    const segmentHeader = segmentColumn >= 0 ? table.headers[segmentColumn] : "Segment";
    const answer = { ...reply.data, etag: reply.etag };
    const key = `${dimension}@${fromVersion ?? 0}`;
    let since = provenance.get(key);
    if (!since) provenance.set(key, (since = client.call("versionChanges", { query: { dimension: dimension as VersionChanges["dimension"], since: Math.min(fromVersion ?? 0, answer.version) } }, { signal })));
    const moves = await since;
    const moveOf = new Map<string, VersionChange>(moves.changes.map((c) => [c.entityId, c]));
    const byId = new Map(answer.assignments.map((a) => [a.entityId, a]));
    const detailKeys = [...new Set(answer.assignments.flatMap((a) => Object.keys(a.detail ?? {})))];
    const detailColumns = detailKeys.map((key) => ({ key, index: columnIndex(table.headers, key) })).filter((d) => d.index >= 0);
    const changed: ChangedRow[] = [];
    const unknown: string[] = [];
    const segments = table.rows.map((row, index) => {
      const id = segmentText(row[0]);
      const before = segmentColumn >= 0 ? segmentText(row[segmentColumn]) : null;
      const hit = id === null ? undefined : byId.get(id);
      if (id !== null && !hit) unknown.push(id);
      const after = hit ? hit.segment : before;
      if (id !== null && after !== before) {
        // The approval explains the change only when it moved the entity to what the sheet now gets.
        const move = moveOf.get(id);
        const known = move && move.to === after ? move : undefined;
        changed.push({
          id,
          row: index,
          name: move?.name ?? null,
          from: before,
          to: after,
          version: known?.version ?? null,
          effectiveAt: known?.effectiveAt ?? null,
          approvedBy: known?.approvedBy ?? null,
          reason: known?.reason ?? null,
          changeRequestId: known?.changeRequestId ?? null,
        });
      }
      return after;
    });
    const columns = [{ header: segmentHeader, values: segments as CellValue[] }];
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
    if (tag?.history) {
      // Rows that did not change keep what their columns said about their last change.
      const previousAt = columnIndex(table.headers, PREVIOUS_COLUMN);
      const changedOnAt = columnIndex(table.headers, CHANGED_ON_COLUMN);
      const byRow = new Map(changed.map((c) => [c.row, c]));
      columns.push(
        { header: PREVIOUS_COLUMN, values: table.rows.map((row, i) => (byRow.has(i) ? byRow.get(i)!.from : previousAt >= 0 ? row[previousAt] : null)) },
        { header: CHANGED_ON_COLUMN, values: table.rows.map((row, i) => (byRow.has(i) ? (dayOf(byRow.get(i)!.effectiveAt) ?? dayOf(at)) : changedOnAt >= 0 ? row[changedOnAt] : null)) },
      );
    }
    signal?.throwIfAborted();
    if (changed.length > 0 || segmentColumn < 0 || tag?.history) await workbook.writeColumns(name, columns);
    await workbook.markChanges({ table: name, column: segmentHeader, rows: changed.map((c) => c.row) });
    await workbook.setTag(name, { ...tag, dimension, version: answer.version, etag: answer.etag, approvedAt: moves.currentAt, refreshedAt: at });
    report.push({ table: name, dimension, status: "updated", fromVersion, toVersion: answer.version, approvedAt: moves.currentAt, changed, unknown });
  }
  return { tables: report, at };
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
const DATE_TIME_YEAR = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });

/** "3 Dec 12:52" (the year only when it is not this year), in the reader's locale. */
export function formatWhen(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (date.getFullYear() === now.getFullYear() ? DATE_TIME : DATE_TIME_YEAR).format(date);
}

const plural = (n: number, one: string, many = `${one}s`) => `${new Intl.NumberFormat().format(n)} ${n === 1 ? one : many}`;

/** One plain line per table, for the status and the ribbon command's notification: no version numbers. */
export function describeRefresh(report: RefreshReport): string {
  if (report.tables.length === 0) return `No Tierline-managed tables in this workbook (link a table under Segment tables, or name one ${MANAGED_TABLE_PREFIX}… with ids in its first column).`;
  return report.tables
    .map((t) => {
      const approved = t.approvedAt ? `segments approved ${formatWhen(t.approvedAt)}` : "the current segments";
      const unknown = t.unknown.length ? `; ${plural(t.unknown.length, "id")} not in the master data (${t.unknown.slice(0, 3).join(", ")}${t.unknown.length > 3 ? ", …" : ""})` : "";
      if (t.status === "unchanged") return `${t.table}: up to date with ${approved}.`;
      if (t.changed.length === 0) return `${t.table}: checked against ${approved}, no changes for its rows${unknown}.`;
      return `${t.table}: updated to ${approved}, ${plural(t.changed.length, "change")}${unknown}.`;
    })
    .join("\n");
}
