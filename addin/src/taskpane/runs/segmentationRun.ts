import type { ServiceClient } from "../../api/serviceClient";
import { classifyAbc, classifyMultiCriteriaAbc, classifyXyz, type AbcResult, type XyzResult } from "../../../../shared/src/segmentation";
import type { CellValue, ColumnValues, Workbook } from "../../workbook/workbook";
import type { Step } from "../ui/useOperation";
import { idColumn, numberColumn, readSource, type TableSource } from "./tableInput";

export type SegmentationMethod = "abc" | "xyz" | "abc-xyz" | "mcabc";

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
}

export interface SegmentationOutcome {
  /** where the class columns went */
  table: string;
  ids: string[];
  abc?: string[];
  xyz?: string[];
  segments: string[];
  counts: Array<{ segment: string; count: number }>;
  /** the result tables and charts written */
  outputs: string[];
}

export const PARETO_TABLE = "TierlinePareto";
export const MATRIX_TABLE = "TierlineAbcXyz";
export const RESULT_TABLE = "TierlineSegmentation";

/** Excel's default red → yellow → green scale, reversed so the crowded cells read hot. */
export const HEAT_COLORS = { lowColor: "#63BE7B", midColor: "#FFEB84", highColor: "#F8696B" };

async function abcOf(values: number[], options: SegmentationOptions, client: ServiceClient | undefined, signal: AbortSignal): Promise<AbcResult> {
  const abcOptions = { mode: options.mode, ...(options.abcCutoffs ? { cutoffs: options.abcCutoffs } : {}) };
  if (options.engine === "service") return requireClient(client).compute<AbcResult>("abc", { values, options: abcOptions }, signal);
  return classifyAbc(values, abcOptions);
}

async function mcabcOf(criteria: number[][], options: SegmentationOptions, client: ServiceClient | undefined, signal: AbortSignal): Promise<AbcResult> {
  const mcOptions = { mode: options.mode, ...(options.abcCutoffs ? { cutoffs: options.abcCutoffs } : {}), ...(options.weights ? { weights: options.weights } : {}) };
  if (options.engine === "service") return requireClient(client).compute<AbcResult>("mcabc", { criteria, options: mcOptions }, signal);
  return classifyMultiCriteriaAbc(criteria, mcOptions);
}

async function xyzOf(demand: number[][], options: SegmentationOptions, client: ServiceClient | undefined, signal: AbortSignal): Promise<XyzResult> {
  const xyzOptions = options.xyzCutoffs ? { cutoffs: options.xyzCutoffs } : {};
  if (options.engine === "service") return requireClient(client).compute<XyzResult>("xyz", { demand, options: xyzOptions }, signal);
  return classifyXyz(demand, xyzOptions);
}

function requireClient(client: ServiceClient | undefined): ServiceClient {
  if (!client) throw new Error("Computing on the service needs a sign-in (Settings), or choose “In this browser”.");
  return client;
}

/**
 * Runs a segmentation over a table (or the selection) and writes it back: the
 * class columns (ABC, XYZ, Segment), a Pareto table with a native chart of the
 * criterion, and the ABC-XYZ matrix as a conditionally formatted heat map.
 */
export async function runSegmentation(workbook: Workbook, client: ServiceClient | undefined, options: SegmentationOptions, step: Step): Promise<SegmentationOutcome> {
  const { signal } = step;
  const usesAbc = options.method !== "xyz";
  const usesXyz = options.method === "xyz" || options.method === "abc-xyz";
  const total = 2 + (usesAbc ? 1 : 0) + (usesXyz ? 1 : 0) + (options.method === "abc-xyz" ? 1 : 0);
  let done = 0;
  const next = (label: string) => {
    signal.throwIfAborted();
    step.progress(done++, total, label);
  };

  next("Reading the data");
  const { data, writable } = await readSource(workbook, options.source);
  const ids = idColumn(data, options.idColumn);
  if (ids.length === 0) throw new Error(`${data.name} has no rows`);

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
    xyz = await xyzOf(ids.map((_, i) => columns.map((c) => c[i])), options, client, signal);
  }

  const abcClasses = abc?.items.map((i) => i.class);
  const xyzClasses = xyz?.items.map((i) => (i.noDemand ? "-" : i.class));
  const segments = ids.map((_, i) => `${abcClasses?.[i] ?? ""}${xyzClasses?.[i] ?? ""}`);

  next("Writing the classes");
  const columns: ColumnValues[] = [];
  if (abcClasses) columns.push({ header: "ABC", values: abcClasses });
  if (xyzClasses) columns.push({ header: "XYZ", values: xyzClasses });
  columns.push({ header: "Segment", values: segments });
  let target = data.name;
  if (writable) {
    await workbook.writeColumns(data.name, columns);
  } else {
    target = RESULT_TABLE;
    await workbook.writeTable({ name: RESULT_TABLE, headers: [options.idColumn, ...columns.map((c) => c.header)], rows: ids.map((id, i) => [id, ...columns.map((c) => c.values[i])]) });
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
    await workbook.drawChart({ title: `Pareto of ${criterion}`, table: PARETO_TABLE, categoryColumn: options.idColumn, barColumn: criterion, lineColumn: "CumulativeShare" });
    outputs.push(PARETO_TABLE, `Pareto of ${criterion}`);
  }

  if (abc && xyz && options.method === "abc-xyz") {
    next("Drawing the ABC-XYZ heat map");
    const rowsLabels = abc.labels;
    const columnLabels = [...xyz.labels, ...(xyz.items.some((i) => i.noDemand) ? ["-"] : [])];
    const counts = rowsLabels.map((r) => columnLabels.map((c) => segments.filter((s) => s === `${r}${c}`).length));
    await workbook.writeTable({ name: MATRIX_TABLE, headers: ["ABC", ...columnLabels], rows: rowsLabels.map((r, i) => [r, ...counts[i]] as CellValue[]) });
    await workbook.applyHeatMap({ table: MATRIX_TABLE, columns: columnLabels, ...HEAT_COLORS });
    outputs.push(MATRIX_TABLE);
  }
  step.progress(total, total, "Done");

  const tally = new Map<string, number>();
  for (const s of segments) tally.set(s, (tally.get(s) ?? 0) + 1);
  return {
    table: target,
    ids,
    abc: abcClasses,
    xyz: xyzClasses,
    segments,
    counts: [...tally].map(([segment, count]) => ({ segment, count })).sort((a, b) => a.segment.localeCompare(b.segment)),
    outputs,
  };
}

/**
 * Proposes the result as a change request (the service decides nothing until
 * an approver applies it). Segments carry their parts as detail, so refreshed
 * tables can fill ABC and XYZ columns too.
 */
export async function proposeSegments(client: ServiceClient, dimension: string, outcome: SegmentationOutcome, justification: string) {
  if (justification.trim().length < 3) throw new Error("Justification: say why (at least 3 characters); the approver reads it.");
  const changes = outcome.ids.map((entityId, i) => ({
    entityId,
    segment: outcome.segments[i],
    detail: { ...(outcome.abc ? { abc: outcome.abc[i] } : {}), ...(outcome.xyz ? { xyz: outcome.xyz[i] } : {}) },
  }));
  return client.createChangeRequest({ dimension, changes, justification: justification.trim() });
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
