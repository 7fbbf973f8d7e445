import { abcXyzMatrix, type MatrixCell } from "../../../../../shared/src/segmentation/abcXyzMatrix";

/** One ABC class as the pane lists it: items and value, each with its share of the whole. */
export interface AbcClassRow {
  label: string;
  items: number;
  itemShare: number;
  value: number;
  valueShare: number;
}

/**
 * Items and value per ABC class, in label order, with the totals row. Negative
 * values count as items but not as value, as in the classification itself.
 */
export function abcSummary(classes: readonly string[], values: readonly number[], labels: readonly string[]): { rows: AbcClassRow[]; total: AbcClassRow } {
  const totalValue = values.reduce((s, v) => s + (v > 0 ? v : 0), 0);
  const rows = labels.map((label) => {
    let items = 0;
    let value = 0;
    classes.forEach((c, i) => {
      if (c !== label) return;
      items++;
      if (values[i] > 0) value += values[i];
    });
    return { label, items, itemShare: classes.length ? items / classes.length : 0, value, valueShare: totalValue > 0 ? value / totalValue : 0 };
  });
  return { rows, total: { label: "Total", items: classes.length, itemShare: classes.length ? 1 : 0, value: totalValue, valueShare: totalValue > 0 ? 1 : 0 } };
}

export interface MatrixSummaryCell extends MatrixCell {
  /** Σ inventory value of the cell's items, when the planner picked the column */
  inventory?: number;
}

export interface MatrixSummary {
  rows: string[];
  columns: string[];
  cells: MatrixSummaryCell[][];
  rowTotals: MatrixSummaryCell[];
  columnTotals: MatrixSummaryCell[];
  total: MatrixSummaryCell;
}

/** The row's segment: "AX", or "A-" for an item without demand. */
export function cellSegment(row: string, column: string): string {
  return `${row}${column}`;
}

/**
 * The ABC-XYZ matrix with row and column totals: count, item share, value
 * share and (optionally) inventory value per cell. `"-"` (no demand) is a
 * column only when some item has it.
 */
export function matrixSummary(abc: readonly string[], xyz: readonly string[], values: readonly number[], abcLabels: readonly string[], xyzLabels: readonly string[], inventory?: readonly number[]): MatrixSummary {
  const columns = [...xyzLabels, ...(xyz.includes("-") ? ["-"] : [])];
  const matrix = abcXyzMatrix(
    abc.map((a, i) => ({ abcClass: a, xyzClass: xyz[i], value: values[i] })),
    abcLabels,
    columns,
  );
  const cells: MatrixSummaryCell[][] = matrix.cells.map((row) => row.map((cell) => ({ ...cell })));
  if (inventory) {
    for (const row of cells) for (const cell of row) cell.inventory = 0;
    abc.forEach((a, i) => {
      const cell = cells[abcLabels.indexOf(a)][columns.indexOf(xyz[i])];
      cell.inventory = (cell.inventory ?? 0) + (Number.isFinite(inventory[i]) ? inventory[i] : 0);
    });
  }
  const sum = (list: MatrixSummaryCell[]): MatrixSummaryCell => ({
    count: list.reduce((s, c) => s + c.count, 0),
    itemShare: list.reduce((s, c) => s + c.itemShare, 0),
    value: list.reduce((s, c) => s + c.value, 0),
    valueShare: list.reduce((s, c) => s + c.valueShare, 0),
    ...(inventory ? { inventory: list.reduce((s, c) => s + (c.inventory ?? 0), 0) } : {}),
  });
  const rowTotals = cells.map((row) => sum(row));
  const columnTotals = columns.map((_, j) => sum(cells.map((row) => row[j])));
  return { rows: [...abcLabels], columns, cells, rowTotals, columnTotals, total: sum(rowTotals) };
}

/**
 * What a mean silhouette says about the clusters, in the bands of Kaufman &
 * Rousseeuw (1990), Finding Groups in Data, ch. 2: above 0.70 a strong
 * structure, 0.51–0.70 a reasonable one, 0.26–0.50 weak and possibly
 * artificial, 0.25 or less no substantial structure.
 */
export function silhouetteVerdict(silhouette: number | null): string {
  if (silhouette === null) return "Silhouette not computed (one cluster or too few rows): the grouping cannot be judged.";
  const s = silhouette.toFixed(2);
  if (silhouette > 0.7) return `Silhouette ${s}: strong structure; the clusters are well separated.`;
  if (silhouette > 0.5) return `Silhouette ${s}: reasonable structure; the clusters are fairly distinct.`;
  if (silhouette > 0.25) return `Silhouette ${s}: weak structure; the clusters overlap and could be artificial. Check them before acting on them.`;
  return `Silhouette ${s}: no substantial structure; these clusters are not real groups. Do not act on them.`;
}

/** The class columns Tierline writes into a planner's table; a run removes those it did not write this time. */
export const CLASS_COLUMNS = ["ABC", "XYZ", "Cluster", "ClusterProfile", "SegmentKey"] as const;

/** The headers of `existing` that are Tierline class columns the run did not write (case-insensitive), as the table spells them. */
export function staleClassColumns(existing: readonly string[], written: readonly string[]): string[] {
  const wrote = new Set(written.map((w) => w.trim().toLowerCase()));
  const ours = new Set(CLASS_COLUMNS.map((c) => c.toLowerCase()));
  return existing.filter((h) => ours.has(String(h).trim().toLowerCase()) && !wrote.has(String(h).trim().toLowerCase()));
}

const FEATURE_LABELS: Record<string, string> = {
  revenue: "Revenue",
  margin_pct: "Margin %",
  order_frequency: "Order frequency (share of weeks)",
  lines_per_order: "Lines per order",
  demand_cov: "Demand variability (CoV)",
  returns_rate: "Returns rate",
};

/** "margin_pct" → "Margin %": the words a planner reads for a clustering feature. */
export function featureLabel(feature: string): string {
  return FEATURE_LABELS[feature] ?? feature.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

/** A feature's centre as a planner reads it: money rounded with separators, shares as %, the rest to 2 decimals. */
export function formatFeature(feature: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  if (feature === "margin_pct" || feature === "order_frequency" || feature === "returns_rate") return formatPercent(value);
  if (feature === "revenue") return formatWhole(value);
  return value.toLocaleString("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
}

export function formatWhole(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** 0.1234 → "12.3 %" */
export function formatPercent(share: number): string {
  return `${(share * 100).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** Members of this table's rows per cluster name, in first-met order; rows without a cluster ("") are left out. */
export function clusterMembers(clusters: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of clusters) if (c !== "") counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}
