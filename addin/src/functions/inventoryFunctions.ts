/* eslint-disable @typescript-eslint/no-explicit-any -- `any` is how custom-functions-metadata reads "any cell value"; every value is checked below. */
/**
 * The inventory TIER.* worksheet functions: thin adapters over
 * shared/src/inventory. Numeric arguments are declared as ranges (`any[][]`)
 * so that each takes a single value or a column and broadcasts (broadcast.ts);
 * they are checked cell by cell here, so messages name the Excel argument and
 * row, then the domain computes. Errors are returned as a 1×1 spill, never thrown.
 */
import { DomainError } from "../../../shared/src/errors";
import { baseStock, cycleServiceLevel, eoq, fillRate, fillRateSafetyStock, normalLoss, rqPolicy, safetyStockArrays, solveGuaranteedService, type GsmStage } from "../../../shared/src/inventory";
import { numberProblem, readNumber } from "../../../shared/src/validation";
import { broadcast, numberAt } from "./broadcast";
import { CellError, describeCell, finiteCells, isOmitted, isOmittedOrZero, optionalChoice, toCellError } from "./cells";
import { NAMES, NON_NEGATIVE, POSITIVE, PROBABILITY, spillRows } from "./inventoryCells";
import { offload } from "./workerPool";

/**
 * Safety stock for a cycle service level: z·√((L+R)·σd² + d²·σL²), z = Φ⁻¹(service_level).
 * @customfunction SAFETYSTOCK
 * @helpurl https://localhost:3000/functions.html#tier-safetystock
 * @param demand_mean Mean demand per period (d); a value or a column.
 * @param demand_sd Standard deviation of demand per period (σd), or the forecast RMSE.
 * @param lead_time Lead time in periods (L).
 * @param service_level Cycle service level, between 0 and 1 (e.g. 0.95).
 * @param [lead_time_sd] Standard deviation of the lead time in periods (default 0).
 * @param [review_period] Review period in periods (default 0 = continuous review).
 * @returns One safety stock per row.
 */
export function safetyStockCells(demand_mean: any[][], demand_sd: any[][], lead_time: any[][], service_level: any[][], lead_time_sd?: any[][], review_period?: any[][]): any[][] {
  return spillCycleColumns({ demand_mean, demand_sd, lead_time, service_level, lead_time_sd, review_period }, "safetyStock");
}

/**
 * Reorder point (review_period 0) or order-up-to level: d·(L+R) + safety stock.
 * @customfunction ROP
 * @helpurl https://localhost:3000/functions.html#tier-rop
 * @param demand_mean Mean demand per period (d); a value or a column.
 * @param demand_sd Standard deviation of demand per period (σd).
 * @param lead_time Lead time in periods (L).
 * @param service_level Cycle service level, between 0 and 1.
 * @param [lead_time_sd] Standard deviation of the lead time in periods (default 0).
 * @param [review_period] Review period in periods (default 0 = continuous review).
 * @returns One reorder point (or order-up-to level) per row.
 */
export function reorderPointCells(demand_mean: any[][], demand_sd: any[][], lead_time: any[][], service_level: any[][], lead_time_sd?: any[][], review_period?: any[][]): any[][] {
  return spillCycleColumns({ demand_mean, demand_sd, lead_time, service_level, lead_time_sd, review_period }, "reorderPoint");
}

const OPTIONAL_NON_NEGATIVE = { ...NON_NEGATIVE, optional: 0 };

/**
 * SAFETYSTOCK and ROP over whole columns: every cell is checked row by row
 * (so the first bad row is named as before), then the typed-array kernel
 * computes, with the same formula and Φ⁻¹ once per distinct service level.
 * A 100,000-row column takes milliseconds instead of seconds.
 */
function spillCycleColumns(args: Record<string, unknown>, output: "safetyStock" | "reorderPoint"): unknown[][] {
  try {
    const b = broadcast(args);
    const n = b.length;
    const columns = {
      demandMean: new Float64Array(n),
      demandSd: new Float64Array(n),
      leadTime: new Float64Array(n),
      serviceLevel: new Float64Array(n),
      leadTimeSd: new Float64Array(n),
      reviewPeriod: new Float64Array(n),
    };
    for (let i = 0; i < n; i++) {
      columns.demandMean[i] = numberAt(b, "demand_mean", i, NON_NEGATIVE);
      columns.demandSd[i] = numberAt(b, "demand_sd", i, NON_NEGATIVE);
      columns.leadTime[i] = numberAt(b, "lead_time", i, NON_NEGATIVE);
      columns.serviceLevel[i] = numberAt(b, "service_level", i, PROBABILITY);
      columns.leadTimeSd[i] = numberAt(b, "lead_time_sd", i, OPTIONAL_NON_NEGATIVE);
      columns.reviewPeriod[i] = numberAt(b, "review_period", i, OPTIONAL_NON_NEGATIVE);
    }
    const values = safetyStockArrays(columns)[output];
    const rows: unknown[][] = new Array(n);
    for (let i = 0; i < n; i++) rows[i] = [values[i]];
    return finiteCells(rows);
  } catch (error) {
    return [[toCellError(error, NAMES)]];
  }
}

/**
 * Safety stock k·σL for a fill rate (Type 2) with the normal loss function (Silver–Pyke–Thomas eq. 6.28 above 0.9, eq. 6.29 at or below).
 * @customfunction SAFETYSTOCKFR
 * @helpurl https://localhost:3000/functions.html#tier-safetystockfr
 * @param demand_mean Mean demand per period (d); a value or a column.
 * @param demand_sd Standard deviation of demand per period (σd).
 * @param lead_time Lead time in periods (L).
 * @param fill_rate Target fill rate, between 0 and 1 (e.g. 0.98).
 * @param order_qty Order quantity (Q), > 0.
 * @param [lead_time_sd] Standard deviation of the lead time in periods (default 0).
 * @returns One safety stock per row.
 */
export function safetyStockFillRateCells(demand_mean: any[][], demand_sd: any[][], lead_time: any[][], fill_rate: any[][], order_qty: any[][], lead_time_sd?: any[][]): any[][] {
  return spillRows({ demand_mean, demand_sd, lead_time, fill_rate, order_qty, lead_time_sd }, (b, i) => [
    fillRateSafetyStock({
      demandMean: numberAt(b, "demand_mean", i, NON_NEGATIVE),
      demandSd: numberAt(b, "demand_sd", i, NON_NEGATIVE),
      leadTime: numberAt(b, "lead_time", i, NON_NEGATIVE),
      fillRate: numberAt(b, "fill_rate", i, PROBABILITY),
      orderQuantity: numberAt(b, "order_qty", i, POSITIVE),
      leadTimeSd: numberAt(b, "lead_time_sd", i, { ...NON_NEGATIVE, optional: 0 }),
    }).safetyStock,
  ]);
}

/**
 * Expected fill rate of a safety stock: 1 − σL·G(ss/σL)/Q.
 * @customfunction FILLRATE
 * @helpurl https://localhost:3000/functions.html#tier-fillrate
 * @param safety_stock Safety stock (may be negative); a value or a column.
 * @param lead_time_demand_sd Standard deviation of lead-time demand (σL).
 * @param order_qty Order quantity (Q), > 0.
 * @returns One fill rate per row.
 */
export function fillRateCells(safety_stock: any[][], lead_time_demand_sd: any[][], order_qty: any[][]): any[][] {
  return spillRows({ safety_stock, lead_time_demand_sd, order_qty }, (b, i) => [
    fillRate({
      safetyStock: numberAt(b, "safety_stock", i),
      leadTimeDemandSd: numberAt(b, "lead_time_demand_sd", i, NON_NEGATIVE),
      orderQuantity: numberAt(b, "order_qty", i, POSITIVE),
    }),
  ]);
}

/**
 * Cycle service level of a safety stock: Φ(ss/σL).
 * @customfunction CSL
 * @helpurl https://localhost:3000/functions.html#tier-csl
 * @param safety_stock Safety stock (may be negative); a value or a column.
 * @param lead_time_demand_sd Standard deviation of lead-time demand (σL).
 * @returns One probability per row.
 */
export function cycleServiceLevelCells(safety_stock: any[][], lead_time_demand_sd: any[][]): any[][] {
  return spillRows({ safety_stock, lead_time_demand_sd }, (b, i) => [cycleServiceLevel({ safetyStock: numberAt(b, "safety_stock", i), leadTimeDemandSd: numberAt(b, "lead_time_demand_sd", i, NON_NEGATIVE) })]);
}

/**
 * Standard normal loss function G(z) = φ(z) − z(1 − Φ(z)).
 * @customfunction NORMLOSS
 * @helpurl https://localhost:3000/functions.html#tier-normloss
 * @param z A value or a column.
 * @returns One G(z) per row.
 */
export function normalLossCells(z: any[][]): any[][] {
  return spillRows({ z }, (b, i) => [normalLoss(numberAt(b, "z", i))]);
}

/**
 * Economic order quantity √(2DK/h); with backorder_cost p, √(2DK(h+p)/(hp)).
 * @customfunction EOQ
 * @helpurl https://localhost:3000/functions.html#tier-eoq
 * @param annual_demand Demand per year (D); a value or a column.
 * @param order_cost Fixed cost per order (K).
 * @param holding_cost Holding cost per unit per year (h), > 0.
 * @param [backorder_cost] Backorder cost per unit per year (p), > 0: planned backorders (0 or blank: none).
 * @returns One order quantity per row.
 */
export function eoqCells(annual_demand: any[][], order_cost: any[][], holding_cost: any[][], backorder_cost?: any[][]): any[][] {
  return spillRows({ annual_demand, order_cost, holding_cost, backorder_cost }, (b, i) => {
    // 0 is not a valid backorder cost: 0 or a blank (which older builds pass as 0) means no planned backorders, row by row.
    const backorderCost = isOmittedOrZero(b.cell("backorder_cost", i)) ? undefined : numberAt(b, "backorder_cost", i, POSITIVE);
    return [
      eoq({
        annualDemand: numberAt(b, "annual_demand", i, NON_NEGATIVE),
        orderCost: numberAt(b, "order_cost", i, NON_NEGATIVE),
        holdingCost: numberAt(b, "holding_cost", i, POSITIVE),
        backorderCost,
      }).orderQuantity,
    ];
  });
}

/**
 * Base-stock level for periodic review: demand over lead_time + 1 periods at the critical ratio p/(p+h).
 * @customfunction BASESTOCK
 * @helpurl https://localhost:3000/functions.html#tier-basestock
 * @param demand_mean Mean demand per period; a value or a column.
 * @param demand_sd Standard deviation of demand per period.
 * @param holding_cost Holding cost per unit per period (h), > 0.
 * @param stockout_cost Stockout cost per unit per period (p), > 0.
 * @param [lead_time] Lead time in periods (default 0).
 * @returns One base-stock level per row.
 */
export function baseStockCells(demand_mean: any[][], demand_sd: any[][], holding_cost: any[][], stockout_cost: any[][], lead_time?: any[][]): any[][] {
  return spillRows({ demand_mean, demand_sd, holding_cost, stockout_cost, lead_time }, (b, i) => [
    baseStock({
      demandMean: numberAt(b, "demand_mean", i, NON_NEGATIVE),
      demandSd: numberAt(b, "demand_sd", i, NON_NEGATIVE),
      holdingCost: numberAt(b, "holding_cost", i, POSITIVE),
      stockoutCost: numberAt(b, "stockout_cost", i, POSITIVE),
      leadTime: numberAt(b, "lead_time", i, { ...NON_NEGATIVE, optional: 0 }),
    }).level,
  ]);
}

const RQ_METHODS = ["eoq_ss", "eil", "loss", "exact"] as const;

/**
 * How TIER.RQPOLICY chooses r and Q.
 * @customenum {string}
 */
export enum RqMethod {
  /** EOQ for Q, z from the critical ratio p/(p+h) for r (default). */
  eoq_ss = "eoq_ss",
  /** Expected-inventory-level approximation. */
  eil = "eil",
  /** Loss-function approximation. */
  loss = "loss",
  /** Optimum of the exact expected cost. */
  exact = "exact",
}

const DISTRIBUTIONS = ["normal", "poisson"] as const;

/**
 * The demand distribution of TIER.RQPOLICY and TIER.NEWSVENDOR.
 * @customenum {string}
 */
export enum DemandDistribution {
  /** Normal demand with the given standard deviation (default). */
  normal = "normal",
  /** Poisson demand at the given mean; whole-unit results. */
  poisson = "poisson",
}

/** The `distribution` argument: blank or 0 (a blank on older builds) is "normal". */
export function distributionOf(value: unknown): "normal" | "poisson" {
  return optionalChoice(value, "distribution", DISTRIBUTIONS) ?? "normal";
}

/**
 * An (r, Q) policy (formerly TIER.RQ): one row of reorder point r, order quantity Q and the exact expected cost per unit time.
 * @customfunction RQPOLICY
 * @helpurl https://localhost:3000/functions.html#tier-rqpolicy
 * @param demand_rate Mean demand per unit time (λ); a value or a column.
 * @param demand_sd Standard deviation of demand per unit time (τ); ignored (may be blank) for "poisson".
 * @param lead_time Lead time in the same time unit (L).
 * @param order_cost Fixed cost per order (K), > 0.
 * @param holding_cost Holding cost per unit per unit time (h), > 0.
 * @param stockout_cost Backorder cost per unit per unit time (p), > 0.
 * @param [method] "eoq_ss" (default), "eil", "loss" or "exact".
 * @param [distribution] "normal" (default) or "poisson" (whole-unit r and Q; "exact" by Federgruen & Zheng 1992).
 * @returns One row per input row: r, Q, cost.
 */
export function rqPolicyCells(
  demand_rate: any[][],
  demand_sd: any[][],
  lead_time: any[][],
  order_cost: any[][],
  holding_cost: any[][],
  stockout_cost: any[][],
  method?: RqMethod,
  distribution?: DemandDistribution,
): any[][] {
  return spillRows({ demand_rate, demand_sd, lead_time, order_cost, holding_cost, stockout_cost }, (b, i) => {
    const chosen = distributionOf(distribution);
    const r = rqPolicy({
      // A Poisson rate of 0 has no policy: say so here, with the argument's name and row.
      demandRate: numberAt(b, "demand_rate", i, chosen === "poisson" ? POSITIVE : NON_NEGATIVE),
      demandSd: chosen === "poisson" ? 0 : numberAt(b, "demand_sd", i, NON_NEGATIVE),
      leadTime: numberAt(b, "lead_time", i, NON_NEGATIVE),
      orderCost: numberAt(b, "order_cost", i, POSITIVE),
      holdingCost: numberAt(b, "holding_cost", i, POSITIVE),
      stockoutCost: numberAt(b, "stockout_cost", i, POSITIVE),
      method: optionalChoice(method, "method", RQ_METHODS),
      distribution: chosen,
    });
    return [r.reorderPoint, r.orderQuantity, r.cost];
  });
}

const STAGE_COLUMNS = ["id", "processing time", "holding cost", "demand sd", "maximum outbound service time", "inbound service time"];
const STAGE_FIELDS: Record<string, number> = { id: 0, processingTime: 1, holdingCost: 2, demandSd: 3, maxOutboundServiceTime: 4, inboundServiceTime: 5 };

/**
 * Guaranteed-service multi-echelon safety stock (Graves–Willems) on a tree: one row per stage.
 * @customfunction MEIO
 * @helpurl https://localhost:3000/functions.html#tier-meio
 * @param stages Columns: id, processing time, holding cost, demand sd (demand stages only), max outbound service time (demand stages), inbound service time (source stages). Blank and 0 read alike.
 * @param arcs Columns: from stage id, to stage id.
 * @param service_level Service level between 0 and 1 (e.g. 0.95).
 * @returns {any[][]} One row per stage in input order: id, committed service time, net lead time, safety stock, holding cost.
 */
export function meioCells(stages: any[][], arcs: any[][], service_level: any) {
  return offload("MEIO", computeMeio, [stages, arcs, service_level]);
}

/** TIER.MEIO's cells, computed in the functions worker or on this thread (workerPool.ts). */
export function computeMeio(stages: any[][], arcs: any[][], service_level: any): any[][] {
  try {
    const stageRows = nonBlankRows(stages, "stages", true);
    const arcRows = nonBlankRows(arcs, "arcs", false);
    if (isOmitted(service_level)) throw new CellError("missing", "service_level: required");
    const level = numberAt(broadcast({ service_level }), "service_level", 0, PROBABILITY);
    const parsed: GsmStage[] = stageRows.map(({ row, cells }) => {
      if (cells.length < 3) throw new CellError("invalid", `stages: expected at least 3 columns (id, processing time, holding cost), got ${cells.length}`);
      const at = (c: number, rule: StageRule) => stageNumber(cells[c], row, c, rule);
      // Id 0 reads as a blank id: older builds pass a blank as 0.
      const id = cells[0];
      if (isOmittedOrZero(id)) throw new CellError("missing", `stages row ${row + 1}, column 1 (id): required`);
      if (!isStageId(id)) throw new CellError("invalid", `stages row ${row + 1}, column 1 (id): expected a stage id (text or a number), got ${describeCell(id)}`);
      return {
        id,
        processingTime: at(1, { integer: true, blankIsZero: true })!,
        holdingCost: at(2, { blankIsZero: true })!,
        // Blank and 0 read alike in the last three columns: older builds pass a blank as 0, and
        // a stage that must leave them blank (no demand of its own, no suppliers) then still works.
        demandSd: at(3, { optional: true, zeroIsBlank: true }),
        maxOutboundServiceTime: at(4, { integer: true, optional: true, zeroIsBlank: true }),
        inboundServiceTime: at(5, { integer: true, optional: true, zeroIsBlank: true }),
      };
    });
    const parsedArcs = arcRows.map(({ row, cells }) => {
      if (cells.length < 2) throw new CellError("invalid", `arcs: expected 2 columns (from, to), got ${cells.length}`);
      const [from, to] = cells;
      for (const [c, v] of [
        [0, from],
        [1, to],
      ] as const) {
        const where = `arcs row ${row + 1}, column ${c + 1} (${c === 0 ? "from" : "to"})`;
        if (isOmittedOrZero(v)) throw new CellError("missing", `${where}: required`);
        if (!isStageId(v)) throw new CellError("invalid", `${where}: expected a stage id (text or a number), got ${describeCell(v)}`);
      }
      return { from: from as string | number, to: to as string | number };
    });
    try {
      const result = solveGuaranteedService({ stages: parsed, arcs: parsedArcs, serviceLevel: level });
      return finiteCells(result.stages.map((s) => [s.id, s.serviceTime, s.netLeadTime, s.safetyStock, s.holdingCost]));
    } catch (error) {
      throw error instanceof DomainError
        ? relabel(
            error,
            stageRows.map((r) => r.row),
            arcRows.map((r) => r.row),
          )
        : error;
    }
  } catch (error) {
    return [[toCellError(error, NAMES)]];
  }
}

/** Stage ids are text or finite numbers (a NaN or boolean id cannot be matched by an arc). */
function isStageId(value: unknown): value is string | number {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

/**
 * Rows with at least one cell neither blank nor 0 (a blank row arrives as
 * zeros on older builds), with their 1-based sheet position kept for messages.
 */
function nonBlankRows(range: unknown, argument: string, required: boolean): Array<{ row: number; cells: unknown[] }> {
  const rows = Array.isArray(range) ? range.map((r) => (Array.isArray(r) ? r : [r])) : isOmitted(range) ? [] : [[range]];
  const kept = rows.map((cells, row) => ({ row, cells })).filter(({ cells }) => !cells.every(isOmittedOrZero));
  if (required && kept.length === 0) throw new CellError("missing", `${argument}: required`);
  return kept;
}

interface StageRule {
  integer?: boolean;
  optional?: boolean;
  /** 0 reads as a blank (the column's "leave it blank" is then 0 too) */
  zeroIsBlank?: boolean;
  /** a blank reads as 0, as older builds pass it */
  blankIsZero?: boolean;
}

function stageNumber(raw: unknown, row: number, column: number, rule: StageRule): number | undefined {
  const where = `stages row ${row + 1}, column ${column + 1} (${STAGE_COLUMNS[column]})`;
  const reading = readNumber(raw);
  if (rule.blankIsZero && reading.kind === "blank") return 0;
  if (reading.kind === "blank" || (rule.zeroIsBlank && reading.kind === "number" && reading.value === 0)) {
    if (rule.optional) return undefined;
    throw new CellError("missing", `${where}: required`);
  }
  if (reading.kind === "error") throw new CellError("invalid", `${where}: ${reading.detail}`);
  const problem = numberProblem(reading.value, { min: 0, integer: rule.integer });
  if (problem) throw new CellError(problem.kind, `${where}: ${problem.detail}`);
  return reading.value;
}

/** `stages[2].demandSd` → `stages row 5, column 4 (demand sd)`, with the sheet row of the 3rd non-blank stage. */
function relabel(error: DomainError, stageRows: number[], arcRows: number[]): CellError {
  const kind = error.kind;
  const stage = /^stages\[(\d+)\](?:\.(\w+))?$/.exec(error.field);
  if (stage) {
    const column = stage[2] === undefined ? undefined : STAGE_FIELDS[stage[2]];
    const where = `stages row ${stageRows[Number(stage[1])] + 1}${column === undefined ? "" : `, column ${column + 1} (${STAGE_COLUMNS[column]})`}`;
    return new CellError(kind, `${where}: ${error.detail}`);
  }
  const arc = /^arcs\[(\d+)\](?:\.(from|to))?$/.exec(error.field);
  if (arc) return new CellError(kind, `arcs row ${arcRows[Number(arc[1])] + 1}${arc[2] ? ` (${arc[2]})` : ""}: ${error.detail}`);
  return new CellError(kind, `${NAMES[error.field] ?? error.field}: ${error.detail}`);
}
