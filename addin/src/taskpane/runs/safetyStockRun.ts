import type { ServiceClient } from "../../api/serviceClient";
import { eoq, fillRateSafetyStock, reorderPoint, safetyStock } from "../../../../shared/src/inventory";
import { PolicyTable } from "../../../../shared/src/segmentation";
import { checkNumber } from "../../../../shared/src/validation";
import { columnIndex, type CellValue, type TableData, type Workbook } from "../../workbook/workbook";
import type { Step } from "../ui/useOperation";
import { flooredSafetyStock, itemNote, summariseSafetyStock, type SafetyStockTotals, type SegmentSafetyStock, type TargetKind } from "../panes/safetyStock/safetyStockSummary";
import { idColumn, numberColumn, type TableSource, readSource } from "./tableInput";

/**
 * `csl`: cycle service level from the policy, σ = demand sd; `fill-rate`: the
 * policy's target fill rate (Silver, Pyke & Thomas eqs. 6.28/6.29);
 * `forecast-error`: cycle service level with σ = the forecast-error sd column.
 */
export type SafetyStockMethod = "csl" | "fill-rate" | "forecast-error";

export interface SafetyStockOptions {
  source: TableSource;
  idColumn: string;
  /** a column holding segment keys (AX, BZ…); empty: look the ids up on the service */
  segmentColumn: string;
  dimension: string;
  demandMeanColumn: string;
  /** demand sd per period, or the forecast-error sd (RMSE) for `forecast-error` */
  sigmaColumn: string;
  leadTimeColumn: string;
  /** empty: a fixed lead time */
  leadTimeSdColumn: string;
  unitCostColumn: string;
  method: SafetyStockMethod;
  /** days per period of the demand columns (7 for weekly data): converts the policy's review period */
  periodDays: number;
  /** periods per year, for the EOQ's annual demand */
  periodsPerYear: number;
  /** K, money per order */
  orderCost: number;
  /** h as a share of unit cost per year */
  holdingRate: number;
}

export interface SafetyStockOutcome {
  table: string;
  policyVersion: number;
  kind: TargetKind;
  /** largest safety-stock value first */
  bySegment: SegmentSafetyStock[];
  totals: SafetyStockTotals;
}

export const INVENTORY_VALUE_TABLE = "TierlineInventoryValue";

/**
 * Safety stock, reorder point and order quantity per row with the service
 * level of its segment's policy (GET /policies, most specific row wins), then
 * the inventory value by segment: (safety stock + Q/2) × unit cost, the
 * average stock of an (s, Q) system (Silver, Pyke & Thomas, 4th ed., §7.1).
 * Q is the EOQ √(2KD/h) (Snyder & Shen eq. 3.4) with D = mean demand ×
 * periods a year and h = holding rate × unit cost. A formula below zero is
 * written as 0 with the reason beside it (safetyStock/safetyStockSummary.ts),
 * and the reorder point moves with it.
 */
export async function runSafetyStock(workbook: Workbook, client: ServiceClient | undefined, options: SafetyStockOptions, step: Step): Promise<SafetyStockOutcome> {
  if (!client) throw new Error("The policy per segment comes from the service: sign in first (Settings).");
  const { signal } = step;
  step.progress(0, 4, "Reading the data");
  const { data, writable } = await readSource(workbook, options.source);
  if (!writable) throw new Error("Safety stock writes columns into the table: choose a table rather than the selection.");
  const ids = idColumn(data, options.idColumn);
  const mean = numberColumn(data, options.demandMeanColumn, { min: 0 });
  const sigma = numberColumn(data, options.sigmaColumn, { min: 0 });
  const leadTime = numberColumn(data, options.leadTimeColumn, { min: 0 });
  const leadTimeSd = options.leadTimeSdColumn ? numberColumn(data, options.leadTimeSdColumn, { min: 0 }) : ids.map(() => 0);
  const unitCost = numberColumn(data, options.unitCostColumn, { min: 0 });
  checkNumber(options.periodDays, "Days per period", { greaterThan: 0 });
  checkNumber(options.periodsPerYear, "Periods per year", { greaterThan: 0 });

  step.progress(1, 4, "Reading the policy table and segments");
  signal.throwIfAborted();
  const policies = await client.call("readPolicies", {}, { signal });
  const table = new PolicyTable(policies.rows);
  let segments: string[];
  if (options.segmentColumn) {
    const index = columnIndex(data.headers, options.segmentColumn);
    if (index < 0) throw new Error(`${data.name} has no column "${options.segmentColumn}"`);
    segments = data.rows.map((row, i) => {
      const v = row[index];
      if (v === null || String(v).trim() === "") throw new Error(`${data.name}, column ${options.segmentColumn}, row ${i + 1}: no segment (run the segmentation or refresh first)`);
      return String(v).trim();
    });
  } else {
    const lookup = await client.call("lookupSegments", { body: { dimension: options.dimension, ids } }, { signal });
    segments = lookup.segments.map((s, i) => {
      if (s.segment === null) throw new Error(`${ids[i]} (row ${i + 1}) has no segment in ${options.dimension} version ${lookup.version}`);
      return s.segment;
    });
  }
  table.assertCovers(segments);

  step.progress(2, 4, "Computing safety stock, reorder points and order quantities");
  signal.throwIfAborted();
  const kind: TargetKind = options.method === "fill-rate" ? "fill-rate" : "cycle-service-level";
  const rows = ids.map((id, i) => {
    const policy = table.resolve(segments[i]).policy;
    const reviewPeriod = policy.reviewPeriodDays / options.periodDays;
    const holding = options.holdingRate * unitCost[i];
    const q = holding > 0 && mean[i] > 0 ? eoq({ annualDemand: mean[i] * options.periodsPerYear, orderCost: options.orderCost, holdingCost: holding }).orderQuantity : mean[i] * reviewPeriod;
    const where = `row ${i + 1} (${id})`;
    try {
      if (options.method === "fill-rate") {
        const target = fillRateSafetyStock({ demandMean: mean[i], demandSd: sigma[i], leadTime: leadTime[i], leadTimeSd: leadTimeSd[i], fillRate: policy.targetFillRate, orderQuantity: Math.max(q, 1e-9) });
        return { service: policy.targetFillRate, formula: target.safetyStock, cycleDemand: mean[i] * leadTime[i], q };
      }
      const input = { demandMean: mean[i], demandSd: sigma[i], leadTime: leadTime[i], leadTimeSd: leadTimeSd[i], serviceLevel: policy.cycleServiceLevel, reviewPeriod };
      const formula = safetyStock(input);
      return { service: policy.cycleServiceLevel, formula, cycleDemand: reorderPoint(input) - formula, q };
    } catch (error) {
      throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  step.progress(3, 4, "Writing the columns and the value by segment");
  signal.throwIfAborted();
  const r2 = (x: number) => Math.round(x * 100) / 100;
  await workbook.writeColumns(data.name, [
    { header: "ServiceTarget", values: rows.map((r) => r.service) },
    { header: "SafetyStock", values: rows.map((r) => r2(flooredSafetyStock(r.formula))) },
    { header: "ReorderPoint", values: rows.map((r) => r2(r.cycleDemand + flooredSafetyStock(r.formula))) },
    { header: "OrderQty", values: rows.map((r) => r2(r.q)) },
    { header: "SafetyStockNote", values: rows.map((r) => itemNote(kind, r.service, r.formula)) },
  ]);
  const { segments: bySegment, totals } = summariseSafetyStock(rows.map((r, i) => ({ segment: segments[i], kind, target: r.service, formula: r.formula, unitCost: unitCost[i], orderQuantity: r.q })));
  await workbook.writeTable(inventoryValueTable(kind, bySegment, totals));
  step.progress(4, 4, "Done");
  return { table: data.name, policyVersion: policies.version, kind, bySegment, totals };
}

/** The value by segment as written: the pane's columns, the cycle stock beside them, and a Total row. */
export function inventoryValueTable(kind: TargetKind, bySegment: readonly SegmentSafetyStock[], totals: SafetyStockTotals): TableData {
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const targetType = kind === "fill-rate" ? "fill rate" : "cycle service level";
  return {
    name: INVENTORY_VALUE_TABLE,
    headers: ["Segment", "Items", "TargetType", "ServiceTarget", "SafetyStock", "SafetyStockValue", "CycleStockValue", "TotalValue", "FlooredItems", "SafetyStockNote"],
    rows: [
      ...bySegment.map((s) => [s.segment, s.items, targetType, s.target, r2(s.units), r2(s.value), r2(s.cycleStockValue), r2(s.totalValue), s.flooredItems, s.note] as CellValue[]),
      ["Total", totals.items, null, null, r2(totals.units), r2(totals.value), r2(totals.cycleStockValue), r2(totals.totalValue), totals.flooredItems, null],
    ],
  };
}
