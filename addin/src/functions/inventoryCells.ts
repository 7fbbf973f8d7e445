/**
 * What every inventory adapter shares: Excel's names for the domain's fields
 * and the row-by-row spill with its one cell error.
 */
import { broadcast, type Broadcast } from "./broadcast";
import { DomainError } from "../../../shared/src/errors";
import { CellError, finiteCells, toCellError } from "./cells";

/** Domain field names → Excel argument names, for the rare error the cell checks cannot pre-empt. */
export const NAMES: Readonly<Record<string, string>> = {
  demandMean: "demand_mean",
  demandSd: "demand_sd",
  leadTime: "lead_time",
  serviceLevel: "service_level",
  leadTimeSd: "lead_time_sd",
  reviewPeriod: "review_period",
  fillRate: "fill_rate",
  orderQuantity: "order_qty",
  safetyStock: "safety_stock",
  leadTimeDemandSd: "lead_time_demand_sd",
  annualDemand: "annual_demand",
  orderCost: "order_cost",
  holdingCost: "holding_cost",
  backorderCost: "backorder_cost",
  stockoutCost: "stockout_cost",
  demandRate: "demand_rate",
  productionRate: "production_rate",
  holdingRate: "holding_rate",
  breakpoints: "breakpoints",
  unitCosts: "unit_costs",
  discountType: "discount_type",
  distribution: "distribution",
};

/**
 * Run `row` for every broadcast row and spill the rows; any error becomes one
 * cell error. A domain error about an argument given as a range names its row
 * too (`order_cost row 3: …`), as the cell checks do.
 */
export function spillRows(args: Record<string, unknown>, row: (b: Broadcast, i: number) => unknown[]): unknown[][] {
  try {
    const b = broadcast(args);
    return finiteCells(
      Array.from({ length: b.length }, (_, i) => {
        try {
          return row(b, i);
        } catch (error) {
          const argument = error instanceof DomainError ? NAMES[error.field] : undefined;
          if (error instanceof DomainError && argument !== undefined && argument in args && b.isRange(argument)) throw new CellError(error.kind, `${argument} row ${i + 1}: ${error.detail}`);
          throw error;
        }
      }),
    );
  } catch (error) {
    return [[toCellError(error, NAMES)]];
  }
}

export const PROBABILITY = { greaterThan: 0, lessThan: 1 };
export const NON_NEGATIVE = { min: 0 };
export const POSITIVE = { greaterThan: 0 };
