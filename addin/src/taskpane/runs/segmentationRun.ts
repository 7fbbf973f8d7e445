import type { ClusterProfile } from "../../../../shared/src/api";
import type { RunProvenance } from "../../../../shared/src/api/runProvenance";
import { featureLabel, formatFeature, matrixSummary, staleClassColumns } from "../panes/segmentation/segmentationSummary";
import type { EntityFeature } from "../../../../shared/src/ml/entityFeatures";
import type { ServiceClient } from "../../api/serviceClient";
import { classifyAbc, classifyMultiCriteriaAbc, classifyXyz, segmentKey, type AbcResult, type XyzResult } from "../../../../shared/src/segmentation";
import type { CellValue, ColumnValues, TableData, Workbook } from "../../workbook/workbook";
import type { Step } from "../ui/useOperation";
import { idColumn, numberColumn, readSource, requireColumn, type TableSource } from "./tableInput";

export type SegmentationMethod = "abc" | "xyz" | "abc-xyz" | "mcabc" | "kmeans";

/** What `POST /clustering` needs from the pane: k fixed, or a range searched by silhouette. */
export interface KmeansOptions {
  dimension: "customer" | "product";
  /** empty: the service's default features */
  features: EntityFeature[];
  k?: number;
  kRange?: [number, number];
  seed: number;
}

export interface SegmentationOptions {
  source: TableSource;
  idColumn: string;
  method: SegmentationMethod;
  /** the ABC criterion (revenue, margin, units…) */
  valueColumn: string;
  mode: "value" | "count";
  /** undefined: the engine's defaults (0.8, 0.95 by value; 0.2, 0.5 by count for multi-criteria) */
  abcCutoffs?: number[];
  /** undefined: 0.5, 1.0 */
  xyzCutoffs?: number[];
  /** one column per period, for XYZ */
  demandColumns: string[];
  /** multi-criteria ABC */
  criteriaColumns: string[];
  weights?: number[];
  engine: "service" | "browser";
  kmeans?: KmeansOptions;
  /** parts of a hybrid segment key, in order: class columns of this run (ABC, XYZ, Segment, Cluster) or table columns */
  keyDimensions?: string[];
  /** ABC-XYZ: a numeric column of inventory value, summed per matrix cell */
  inventoryColumn?: string;
}

export interface SegmentationOutcome {
  /** where the class columns went */
  table: string;
  ids: string[];
  abc?: string[];
  xyz?: string[];
  /** k-means: each row's cluster name ("" when the service does not know the id) */
  clusters?: string[];
  clustering?: {
    k: number;
    chosenBy: "given" | "silhouette";
    silhouette: number | null;
    unmatched: number;
    /** the features clustered on, as the service names them */
    features: string[];
    /** the service's profile of each cluster (its sizes count the service's population, not this table) */
    profiles: ClusterProfile[];
  };
  keys?: {
    dimensions: string[];
    values: string[];
    parts: Array<Record<string, string>>;
  };
  /** what is proposed per row: the hybrid key, else the class; "" for a row with none */
  segments: string[];
  counts: Array<{ segment: string; count: number }>;
  /** the result tables and charts written */
  outputs: string[];
  /** ABC: the value each row was ranked by (the criterion, or the weighted score of multi-criteria ABC) */
  values?: number[];
  /** what the values are: the criterion column, or "Score" */
  criterion?: string;
  abcLabels?: string[];
  xyzLabels?: string[];
  /** ABC-XYZ: each row's inventory value, when the planner picked the column */
  inventory?: number[];
  inventoryColumn?: string;
  /** class columns of an earlier run this run removed from the table, so none disagrees with Segment */
  removed: string[];
  /** how the result was made, for a proposal the approver can judge */
  run: RunProvenance;
}

export const PARETO_TABLE = "TierlinePareto";
export const MATRIX_TABLE = "TierlineAbcXyz";
export const RESULT_TABLE = "TierlineSegmentation";

/** Excel's default red → yellow → green scale, reversed so the cells holding most of the value read hot. */
export const HEAT_COLORS = {
  lowColor: "#63BE7B",
  midColor: "#FFEB84",
  highColor: "#F8696B",
};

async function abcOf(values: number[], options: SegmentationOptions, client: ServiceClient | undefined, signal: AbortSignal): Promise<AbcResult> {
  const abcOptions = {
    mode: options.mode,
    ...(options.abcCutoffs ? { cutoffs: options.abcCutoffs } : {}),
  };
  if (options.engine === "service") return requireClient(client).compute("abc", { values, options: abcOptions }, { signal });
  return classifyAbc(values, abcOptions);
}

async function mcabcOf(criteria: number[][], options: SegmentationOptions, client: ServiceClient | undefined, signal: AbortSignal): Promise<AbcResult> {
  const mcOptions = {
    mode: options.mode,
    ...(options.abcCutoffs ? { cutoffs: options.abcCutoffs } : {}),
    ...(options.weights ? { weights: options.weights } : {}),
  };
  if (options.engine === "service") return requireClient(client).compute("mcabc", { criteria, options: mcOptions }, { signal });
  return classifyMultiCriteriaAbc(criteria, mcOptions);
}

async function xyzOf(demand: number[][], options: SegmentationOptions, client: ServiceClient | undefined, signal: AbortSignal): Promise<XyzResult> {
  const xyzOptions = options.xyzCutoffs ? { cutoffs: options.xyzCutoffs } : {};
  if (options.engine === "service") return requireClient(client).compute("xyz", { demand, options: xyzOptions }, { signal });
  return classifyXyz(demand, xyzOptions);
}

function requireClient(client: ServiceClient | undefined): ServiceClient {
  if (!client) throw new Error("Computing on the service needs a sign-in (Settings), or choose “In this browser”.");
  return client;
}

/**
 * Runs a segmentation over a table (or the selection) and writes it back: the
 * class columns (ABC, XYZ, Segment; or Cluster and ClusterProfile for
 * k-means), the hybrid SegmentKey when dimensions are chosen, a Pareto table
 * with a native chart of the criterion, and the ABC-XYZ matrix as a
 * conditionally formatted heat map.
 */
export async function runSegmentation(workbook: Workbook, client: ServiceClient | undefined, options: SegmentationOptions, step: Step): Promise<SegmentationOutcome> {
  const { signal } = step;
  const clustering = options.method === "kmeans";
  const usesAbc = options.method !== "xyz" && !clustering;
  const usesXyz = options.method === "xyz" || options.method === "abc-xyz";
  const total = 2 + (usesAbc ? 1 : 0) + (usesXyz ? 1 : 0) + (clustering ? 1 : 0) + (options.method === "abc-xyz" ? 1 : 0);
  let done = 0;
  const next = (label: string) => {
    signal.throwIfAborted();
    step.progress(done++, total, label);
  };

  next("Reading the data");
  const { data, writable } = await readSource(workbook, options.source);
  const ids = idColumn(data, options.idColumn);
  if (ids.length === 0) throw new Error(`${data.name} has no rows`);
  // Key dimensions that are table columns are checked before any computing, so a typo costs no service call.
  const keyDimensions = options.keyDimensions ?? [];
  for (const d of keyDimensions) if (!COMPUTED_HEADERS.some((h) => h.toLowerCase() === d.toLowerCase())) requireColumn(data, d);
  const inventory = options.method === "abc-xyz" && options.inventoryColumn ? numberColumn(data, options.inventoryColumn) : undefined;

  let abc: AbcResult | undefined;
  let values: number[] = [];
  if (usesAbc) {
    next(`Computing ${options.method === "mcabc" ? "multi-criteria ABC" : "ABC"} (${options.engine === "service" ? "on the service" : "in this browser"})`);
    if (options.method === "mcabc") {
      if (options.criteriaColumns.length === 0) throw new Error("Multi-criteria ABC: choose at least one criterion column");
      const columns = options.criteriaColumns.map((c) => numberColumn(data, c));
      const criteria = ids.map((_, i) => columns.map((c) => c[i]));
      abc = await mcabcOf(criteria, options, client, signal);
      values = abc.items.map((item) => item.value);
    } else {
      values = numberColumn(data, options.valueColumn);
      abc = await abcOf(values, options, client, signal);
    }
  }

  let xyz: XyzResult | undefined;
  if (usesXyz) {
    next(`Computing XYZ (${options.engine === "service" ? "on the service" : "in this browser"})`);
    if (options.demandColumns.length < 2) throw new Error("XYZ needs at least two demand columns (one per period)");
    const columns = options.demandColumns.map((c) => numberColumn(data, c, { min: 0 }));
    xyz = await xyzOf(
      ids.map((_, i) => columns.map((c) => c[i])),
      options,
      client,
      signal,
    );
  }

  const columns: ColumnValues[] = [];
  let segments: string[];
  let abcClasses: string[] | undefined;
  let xyzClasses: string[] | undefined;
  let clusters: SegmentationOutcome["clustering"];
  if (clustering) {
    next("Clustering on the service (k-means)");
    const result = await clusterRows(ids, options, client, signal);
    clusters = result.summary;
    segments = result.names;
    columns.push({ header: "Cluster", values: result.names.map((n) => n || null) }, { header: "ClusterProfile", values: result.profiles });
  } else {
    abcClasses = abc?.items.map((i) => i.class);
    xyzClasses = xyz?.items.map((i) => (i.noDemand ? "-" : i.class));
    segments = ids.map((_, i) => `${abcClasses?.[i] ?? ""}${xyzClasses?.[i] ?? ""}`);
    if (abcClasses) columns.push({ header: "ABC", values: abcClasses });
    if (xyzClasses) columns.push({ header: "XYZ", values: xyzClasses });
    columns.push({ header: "Segment", values: segments });
  }

  let keys: SegmentationOutcome["keys"];
  if (keyDimensions.length > 0) {
    keys = hybridKeys(data, keyDimensions, columns, segments);
    columns.push({
      header: KEY_COLUMN,
      values: keys.values.map((k) => k || null),
    });
  }

  next("Writing the classes");
  let target = data.name;
  let removed: string[] = [];
  if (writable) {
    await workbook.writeColumns(data.name, columns);
    // An ABC column of an earlier ABC-XYZ run beside this XYZ run's Segment would contradict it: it goes.
    removed = staleClassColumns(
      data.headers,
      columns.map((c) => c.header),
    );
    if (removed.length > 0) await workbook.deleteColumns(data.name, removed);
  } else {
    target = RESULT_TABLE;
    await workbook.writeTable({
      name: RESULT_TABLE,
      headers: [options.idColumn, ...columns.map((c) => c.header)],
      rows: ids.map((id, i) => [id, ...columns.map((c) => c.values[i])]),
    });
  }
  const outputs: string[] = [];

  if (abc) {
    next("Drawing the Pareto chart");
    const ranked = abc.items.map((item, i) => ({ id: ids[i], item })).sort((a, b) => a.item.rank - b.item.rank);
    const criterion = options.method === "mcabc" ? "Score" : options.valueColumn;
    await workbook.writeTable({
      name: PARETO_TABLE,
      headers: ["Rank", options.idColumn, criterion, "CumulativeShare", "ABC"],
      rows: ranked.map(({ id, item }) => [item.rank, id, item.value, round(item.cumulativeShare, 4), item.class]),
    });
    await workbook.drawChart({
      title: `Pareto of ${criterion}`,
      table: PARETO_TABLE,
      categoryColumn: options.idColumn,
      barColumn: criterion,
      lineColumn: "CumulativeShare",
      // The cut-offs the classes were drawn at, so the chart shows where A ends and B begins.
      referenceLines: abc.cutoffs.map((c, i) => ({ label: `${abc!.labels[i]}/${abc!.labels[i + 1]} cut-off (${Math.round(c * 1000) / 10} %)`, value: c })),
    });
    outputs.push(PARETO_TABLE, `Pareto of ${criterion}`);
  }

  if (abc && xyz && options.method === "abc-xyz") {
    next("Drawing the ABC-XYZ heat map");
    const matrix = matrixSummary(abcClasses ?? [], xyzClasses ?? [], values, abc.labels, xyz.labels, inventory);
    const table = matrixTable(matrix);
    await workbook.writeTable(table.data);
    // The heat is where the value sits, not where the items crowd: a full C-Z cell of small items is no hot spot.
    await workbook.applyHeatMap({
      table: MATRIX_TABLE,
      columns: table.heatColumns,
      ...HEAT_COLORS,
    });
    outputs.push(MATRIX_TABLE);
  }
  step.progress(total, total, "Done");

  // What the planner proposes: the key when there is one, else the class; unassigned rows ("") are left out.
  const proposed = keys ? keys.values : segments;
  const tally = new Map<string, number>();
  for (const s of proposed) if (s !== "") tally.set(s, (tally.get(s) ?? 0) + 1);
  const criterion = abc ? (options.method === "mcabc" ? "Score" : options.valueColumn) : undefined;
  return {
    values: abc ? values : undefined,
    criterion,
    abcLabels: abc?.labels,
    xyzLabels: xyz ? [...xyz.labels, ...(xyz.items.some((i) => i.noDemand) ? ["-"] : [])] : undefined,
    inventory,
    inventoryColumn: inventory ? options.inventoryColumn : undefined,
    removed,
    run: runProvenance(options, data, ids.length, abc, xyz),
    table: target,
    ids,
    abc: abcClasses,
    xyz: xyzClasses,
    clusters: clustering ? segments : undefined,
    clustering: clusters,
    keys,
    segments: proposed,
    counts: [...tally].map(([segment, count]) => ({ segment, count })).sort((a, b) => a.segment.localeCompare(b.segment)),
    outputs,
  };
}

/** The class columns a run writes, usable as parts of a hybrid key. */
export const COMPUTED_HEADERS = ["ABC", "XYZ", "Segment", "Cluster"];
export const KEY_COLUMN = "SegmentKey";

/**
 * The hybrid key of every row: the chosen dimensions, in the planner's
 * order, joined by `|` through shared `segmentKey` (customer tier × product
 * class × region → `Key|AX|North`). A part is a class column this run just
 * computed or a column of the table. Rows without a class (clustering rows
 * the service does not know) get no key.
 */
export function hybridKeys(
  data: TableData,
  dimensions: readonly string[],
  computed: readonly ColumnValues[],
  segments: readonly string[],
): {
  dimensions: string[];
  values: string[];
  parts: Array<Record<string, string>>;
} {
  const sources = dimensions.map((d) => {
    const column = computed.find((c) => c.header.toLowerCase() === d.toLowerCase());
    if (column) return (i: number) => column.values[i];
    const index = requireColumn(data, d);
    return (i: number) => data.rows[i][index];
  });
  const parts: Array<Record<string, string>> = [];
  const values = segments.map((segment, i) => {
    if (segment === "") {
      parts.push({});
      return "";
    }
    const row = Object.fromEntries(dimensions.map((d, j) => [d, sources[j](i)]));
    // segmentKey names the field it refuses: "Customers row 3.Region: is blank…", the row as the grid numbers it.
    const key = segmentKey(row, dimensions, `${data.name} row ${i + 1}`);
    parts.push(Object.fromEntries(dimensions.map((d) => [d, String(row[d]).trim()])));
    return key;
  });
  return { dimensions: [...dimensions], values, parts };
}

/** "3" → k = 3; "2-5" → a range searched by silhouette; blank → the service's default range. */
export function parseClusterCount(text: string): Pick<KmeansOptions, "k" | "kRange"> {
  const t = text.trim();
  if (t === "") return {};
  const range = /^(\d+)\s*(?:-|–|to)\s*(\d+)$/.exec(t);
  if (range) return { kRange: [Number(range[1]), Number(range[2])] };
  if (/^\d+$/.test(t)) return { k: Number(t) };
  throw new Error(`Number of clusters: "${t}" is neither a whole number (e.g. 3) nor a range (e.g. 2-5)`);
}

/** The service dimension a table's id column names: CustomerId → customer, ProductId/SKU → product, … */
export function dimensionOfIdColumn(header: string): "customer" | "product" | "supplier" | "region" | undefined {
  if (/customer|client|account/i.test(header)) return "customer";
  if (/product|sku|item|article|material/i.test(header)) return "product";
  if (/supplier|vendor/i.test(header)) return "supplier";
  if (/region/i.test(header)) return "region";
  return undefined;
}

/**
 * k-means on the service, matched back to the table's rows by id: the service
 * clusters the entities of the dimension from its own order history, so a row
 * whose id it does not know (or whose features it dropped) gets no cluster.
 */
async function clusterRows(ids: string[], options: SegmentationOptions, client: ServiceClient | undefined, signal: AbortSignal) {
  const k = options.kmeans;
  if (!k) throw new Error("k-means: choose the dimension and features");
  if (!client) throw new Error("k-means runs on the service: sign in first (Settings).");
  const result = await client.call(
    "cluster",
    {
      body: {
        dimension: k.dimension,
        features: k.features.length ? k.features : undefined,
        seed: k.seed,
        ...(k.k !== undefined ? { k: k.k } : { kRange: k.kRange }),
      },
    },
    { signal },
  );
  const byId = new Map(result.assignments.map((a) => [a.entityId, a]));
  // Sizes as this table sees them: the service's population may hold entities the table does not.
  const members = new Map<number, number>();
  for (const id of ids) {
    const a = byId.get(id);
    if (a) members.set(a.cluster, (members.get(a.cluster) ?? 0) + 1);
  }
  const profileText = new Map(result.profiles.map((p) => [p.cluster, describeProfile(p, result.features, members.get(p.cluster) ?? 0)]));
  const matched = ids.filter((id) => byId.has(id)).length;
  if (matched === 0) throw new Error(`k-means: none of the ${ids.length} ids is a ${k.dimension} the service clustered (e.g. "${ids[0]}"); pick the id column of ${k.dimension}s or the other dimension.`);
  return {
    names: ids.map((id) => byId.get(id)?.name ?? ""),
    profiles: ids.map((id) => {
      const a = byId.get(id);
      return a ? (profileText.get(a.cluster) ?? null) : null;
    }),
    summary: {
      k: result.k,
      chosenBy: result.chosenBy,
      silhouette: result.silhouette?.mean ?? null,
      unmatched: ids.length - matched,
      features: [...result.features],
      profiles: result.profiles,
    },
  };
}

/** "8 rows of this table; centre Revenue 12,345, Margin % 23.1 %": the centre in original units, in words a planner reads. */
export function describeProfile(profile: ClusterProfile, features: readonly string[], rows: number): string {
  const centre = features.filter((f) => f in profile.centroid).map((f) => `${featureLabel(f)} ${formatFeature(f, profile.centroid[f])}`);
  return `${rows.toLocaleString("en-US")} row${rows === 1 ? "" : "s"} of this table; centre ${centre.join(", ")}`;
}

/** The default columns of a table: the first column as id, revenue-like value, W01… demand columns. */
export function defaultSegmentationColumns(headers: string[], numeric: string[]) {
  const pick = (pattern: RegExp) => numeric.find((h) => pattern.test(h));
  return {
    idColumn: headers[0] ?? "",
    valueColumn: pick(/revenue|sales|value/i) ?? numeric[0] ?? "",
    demandColumns: numeric.filter((h) => /^(w|week|m|month|p|period)\s*\d+$/i.test(h)),
    criteriaColumns: numeric.filter((h) => /revenue|margin|units/i.test(h)),
  };
}

function round(x: number, digits: number): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}

/**
 * The ABC-XYZ matrix as a sheet reads it: items per cell, then each cell's
 * share of the criterion's value (the columns the heat map colours), then the
 * row totals; a Total row last. Inventory value per cell follows when chosen.
 */
export function matrixTable(matrix: ReturnType<typeof matrixSummary>): { data: TableData; heatColumns: string[] } {
  const name = (c: string) => (c === "-" ? "No demand" : c);
  const itemHeaders = matrix.columns.map((c) => `${name(c)} items`);
  const valueHeaders = matrix.columns.map((c) => `${name(c)} % of value`);
  const withInventory = matrix.total.inventory !== undefined;
  const inventoryHeaders = withInventory ? matrix.columns.map((c) => `${name(c)} inventory value`) : [];
  const rowOf = (label: string, cells: (typeof matrix.total)[], total: typeof matrix.total): CellValue[] => [
    label,
    ...cells.map((c) => c.count),
    ...cells.map((c) => round(c.valueShare, 4)),
    ...(withInventory ? cells.map((c) => round(c.inventory ?? 0, 2)) : []),
    total.count,
    round(total.valueShare, 4),
    ...(withInventory ? [round(total.inventory ?? 0, 2)] : []),
  ];
  return {
    data: {
      name: MATRIX_TABLE,
      headers: ["ABC", ...itemHeaders, ...valueHeaders, ...inventoryHeaders, "Items", "% of value", ...(withInventory ? ["Inventory value"] : [])],
      rows: [...matrix.rows.map((r, i) => rowOf(r, matrix.cells[i], matrix.rowTotals[i])), rowOf("Total", matrix.columnTotals, matrix.total)],
    },
    heatColumns: valueHeaders,
  };
}

/** "Sheet1!A1:D20" → "selection on Sheet1"; the demo names the table it shows. */
function selectionName(address: string): string {
  const bang = address.lastIndexOf("!");
  const sheet = (bang >= 0 ? address.slice(0, bang) : address).replace(/^'(.*)'$/, "$1");
  return `selection on ${sheet}`;
}

/** How this run was made, from what it was asked and what the engines used (their defaults when the planner left cut-offs blank). */
function runProvenance(options: SegmentationOptions, data: TableData, rows: number, abc: AbcResult | undefined, xyz: XyzResult | undefined): RunProvenance {
  const demand = xyz ? options.demandColumns : [];
  const weights = options.weights ?? options.criteriaColumns.map(() => 1);
  return {
    method: options.method,
    computedFrom: "workbook",
    ...(abc && options.method !== "mcabc" ? { criterion: options.valueColumn } : {}),
    ...(options.method === "mcabc" ? { criteria: options.criteriaColumns.map((name, i) => ({ name, weight: weights[i] ?? 1 })) } : {}),
    ...(abc ? { mode: options.mode } : {}),
    ...(abc || xyz ? { cutoffs: { ...(abc ? { abc: [...abc.cutoffs] } : {}), ...(xyz ? { xyz: [...xyz.cutoffs] } : {}) } } : {}),
    ...(options.keyDimensions && options.keyDimensions.length > 0 ? { keyParts: [...options.keyDimensions] } : {}),
    ...(demand.length > 0 ? { window: { first: demand[0], last: demand[demand.length - 1], periods: demand.length } } : {}),
    population: { source: options.source.kind === "table" ? data.name : selectionName(data.name), rows },
  };
}
