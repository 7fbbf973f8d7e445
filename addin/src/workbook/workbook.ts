/**
 * What the panes and the ribbon command may do to a workbook. Two editions
 * implement it: the Excel edge (addin/src/excel/excelWorkbook.ts, every call an
 * `Excel.run` over the functions in addin/src/excel/) and the in-page demo
 * workbook (demoWorkbook.ts) used outside Excel. Components receive it as a
 * prop and never mention `Excel`.
 */
import type { ExampleSheet } from "./examples";
import type { Currency } from "./resultFormats";

export type CellValue = string | number | boolean | null;

export interface TableData {
  name: string;
  headers: string[];
  /** data rows (no header), each as long as `headers` */
  rows: CellValue[][];
}

export interface TableSummary {
  name: string;
  headers: string[];
  rowCount: number;
}

export interface ColumnValues {
  header: string;
  values: CellValue[];
  /** Excel number format for a column no header rule covers (resultFormats.ts formats the rest) */
  numberFormat?: string;
}

/** A native chart over a result table: categories on the x axis, bars and/or a line on a secondary axis. */
export interface ChartSpec {
  /** also the chart's name, so redrawing replaces it */
  title: string;
  table: string;
  categoryColumn: string;
  barColumn?: string;
  lineColumn?: string;
  /**
   * Horizontal lines at these values of the line's axis (A/B/C cut-offs on a
   * Pareto, 0.8 and 0.95): dashed series over columns added to the table. A
   * line-only chart of a share (the whale curve) gets a 100 % line when this
   * is left out; [] draws none.
   */
  referenceLines?: ReferenceLine[];
  /**
   * "scatter": a point per row at (xColumn, yColumn), one series per value of
   * seriesColumn (the table's rows grouped by it, each group one block of
   * rows), categoryColumn naming the points; bars and lines are ignored.
   */
  kind?: "bar-line" | "scatter";
  xColumn?: string;
  yColumn?: string;
  seriesColumn?: string;
}

export interface ReferenceLine {
  /** the series' name in the legend, and the header of the table column behind it */
  label: string;
  value: number;
}

/** A three-colour scale (low → middle → high) over the numeric cells of some columns of a table. */
export interface HeatMapSpec {
  table: string;
  columns: string[];
  lowColor: string;
  midColor: string;
  highColor: string;
}

/**
 * What Tierline remembers about a table it manages: which dimension it holds
 * and which master-data version (and ETag) it was last refreshed to.
 */
export interface TableTag {
  dimension: string;
  version: number | null;
  etag: string | null;
  /** when that version took effect (ISO), for "segments approved 3 Dec 12:52" */
  approvedAt?: string | null;
  /** when the table was last refreshed (ISO) */
  refreshedAt?: string | null;
  /** the planner's setting: keep PreviousSegment and ChangedOn columns beside the segment */
  history?: boolean;
}

/** The segment cells a refresh changed, filled so the eye finds them; the next refresh clears the fill of that column. */
export interface ChangeMarks {
  table: string;
  /** the header of the column whose cells changed (the table's Segment column) */
  column: string;
  /** 0-based data-row indexes */
  rows: number[];
}

/** The fill of a changed segment cell (Excel's light yellow "Neutral" style). */
export const CHANGED_FILL = "#FFEB9C";

export interface Workbook {
  readonly kind: "excel" | "demo";
  listTables(): Promise<TableSummary[]>;
  readTable(name: string): Promise<TableData>;
  /** The current selection, its first row taken as headers. */
  readSelection(): Promise<TableData>;
  /** Replaces the named columns of a table (same row count), adding those it does not have yet. */
  writeColumns(table: string, columns: ColumnValues[]): Promise<void>;
  /** Deletes the named columns of a table (case-insensitive); a name it lacks is skipped. */
  deleteColumns(table: string, columns: string[]): Promise<void>;
  /** Shows only the table's rows whose `column` is one of `values` (the sheet's own filter); undefined shows all rows again. */
  filterTable(table: string, column: string, values: string[] | undefined): Promise<void>;
  /** Creates a table on its own worksheet, or replaces the contents of the one with that name. */
  writeTable(table: TableData): Promise<void>;
  drawChart(chart: ChartSpec): Promise<void>;
  applyHeatMap(spec: HeatMapSpec): Promise<void>;
  /** Tables named TierlineSegments… or tagged, with their tags. */
  managedTables(): Promise<Array<{ name: string; tag: TableTag | null }>>;
  setTag(table: string, tag: TableTag): Promise<void>;
  /** Clears the fill of `marks.column` in the table and fills the changed rows' cells with CHANGED_FILL. */
  markChanges(marks: ChangeMarks): Promise<void>;
  /** "Go to sheet": shows the worksheet a result table was written on (by table name, else by sheet name). */
  goToSheet(name: string): Promise<void>;
  /** Shows the table's sheet and selects a data row (0-based), so "Go to row" lands on the entity. */
  selectRow(table: string, row: number): Promise<void>;
  /** Adds the example sheets (data and a live formula for every TIER function); returns the sheet names used. */
  insertExamples(sheets: ExampleSheet[]): Promise<{ sheets: string[]; formulas: number }>;
  /** After master data changed: service-backed cells (TIER.SEGMENT, TIER.POLICY) fetch and show the new values. */
  recalculateServiceFunctions(): Promise<void>;
  /** The Tierline service this workbook records it belongs to (shared with everyone who opens it). */
  serviceUrl(): Promise<string | undefined>;
  setServiceUrl(url: string): Promise<void>;
  /** The currency Excel writes money in (ExcelApi 1.17), so a pane shows money as the written tables do; undefined when unknown. */
  currency(): Promise<Currency | undefined>;
}

/** Tables whose name starts with this are refreshed by "Refresh segments" even without a tag. */
export const MANAGED_TABLE_PREFIX = "TierlineSegments";

/**
 * Workbook properties hold one tag per managed table under this prefix
 * (custom document properties survive save, share and co-authoring).
 */
export const TAG_PREFIX = "Tierline.table.";

export function isManagedName(name: string): boolean {
  return name.toLowerCase().startsWith(MANAGED_TABLE_PREFIX.toLowerCase());
}

/** A tag read back from a document property; anything malformed counts as no tag (the table is refreshed from scratch). */
export function parseTag(text: unknown): TableTag | null {
  if (typeof text !== "string") return null;
  try {
    const value = JSON.parse(text) as Partial<TableTag>;
    if (typeof value.dimension !== "string") return null;
    return {
      dimension: value.dimension,
      version: typeof value.version === "number" ? value.version : null,
      etag: typeof value.etag === "string" ? value.etag : null,
      ...(typeof value.approvedAt === "string" ? { approvedAt: value.approvedAt } : {}),
      ...(typeof value.refreshedAt === "string" ? { refreshedAt: value.refreshedAt } : {}),
      ...(value.history === true ? { history: true } : {}),
    };
  } catch {
    return null;
  }
}

/** The column index of a header, case- and space-insensitive, or -1. */
export function columnIndex(headers: readonly string[], name: string): number {
  const wanted = name.trim().toLowerCase();
  return headers.findIndex((h) => String(h).trim().toLowerCase() === wanted);
}
