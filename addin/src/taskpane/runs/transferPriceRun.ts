import { transferPrices, type TransferPrice } from "../../../../shared/src/cost";
import type { ServiceClient } from "../../api/serviceClient";
import type { CellValue, Workbook } from "../../workbook/workbook";
import type { Step } from "../ui/useOperation";
import { idColumn, numberColumn, requireColumn } from "./tableInput";
import { requireNumber } from "../../../../shared/src/validation";

export const TRANSFER_TABLE = "TierlineTransferPrices";
/** The period totals of a line priced with units, in the order written. */
export const TRANSFER_TOTAL_HEADERS = ["Units", "CarryingCost", "TransferMargin"];

export interface TransferPriceOptions {
  table: string;
  itemColumn: string;
  segmentColumn: string;
  unitCostColumn: string;
  logisticsColumn: string;
  daysColumn: string;
  /** "" when the table has no outside prices */
  marketPriceColumn: string;
  /** units each segment takes over the P&L's period; "" leaves the prices out of the segment P&L */
  unitsColumn: string;
  carryingRate: number;
  markup: number;
  engine: "service" | "browser";
}

export interface SegmentTransferSummary {
  segment: string;
  lines: number;
  /** mean of price / unit cost − 1 over the segment's lines with a unit cost */
  meanUplift: number | null;
  capped: number;
}

export interface TransferPriceOutcome {
  lines: number;
  capped: number;
  /** the sheet carries period totals the segment P&L can take */
  withUnits: boolean;
  segments: SegmentTransferSummary[];
}

/** One outside price per item: two rows of an item naming different prices is a typo the planner must settle. */
function marketPrices(items: string[], cells: ReadonlyArray<CellValue>, where: string): Record<string, number> {
  const prices: Record<string, number> = {};
  const firstRow: Record<string, number> = {};
  cells.forEach((cell, i) => {
    if (cell === null || String(cell).trim() === "") return;
    const price = requireNumber(cell, `${where}, row ${i + 1}`, { min: 0 });
    const item = items[i];
    if (item in prices && prices[item] !== price) throw new Error(`${where}, row ${i + 1}: ${item}'s market price ${price} differs from row ${firstRow[item] + 1}'s ${prices[item]}`);
    prices[item] = price;
    firstRow[item] ??= i;
  });
  return prices;
}

function summarise(prices: TransferPrice[]): SegmentTransferSummary[] {
  const by = new Map<string, { lines: number; uplift: number; withCost: number; capped: number }>();
  for (const p of prices) {
    const s = by.get(p.segment) ?? by.set(p.segment, { lines: 0, uplift: 0, withCost: 0, capped: 0 }).get(p.segment)!;
    s.lines++;
    if (p.unitCost > 0) {
      s.uplift += p.price / p.unitCost - 1;
      s.withCost++;
    }
    if (p.cappedAtMarket) s.capped++;
  }
  return [...by].map(([segment, s]) => ({ segment, lines: s.lines, meanUplift: s.withCost ? s.uplift / s.withCost : null, capped: s.capped }));
}

/**
 * Cost-plus transfer prices per item × segment from a table the planner
 * keeps ({@link transferPrices}: unit cost + the segment's logistics +
 * carrying the segment's inventory, plus the markup, capped at the outside
 * price), written to a sheet a line per row, with a summary per segment.
 */
export async function runTransferPrices(workbook: Workbook, client: ServiceClient | undefined, options: TransferPriceOptions, step: Step): Promise<TransferPriceOutcome> {
  const { signal } = step;
  step.progress(0, 3, "Reading the transfer lines");
  const data = await workbook.readTable(options.table);
  const items = idColumn(data, options.itemColumn);
  const segments = idColumn(data, options.segmentColumn);
  const unitCost = numberColumn(data, options.unitCostColumn, { min: 0 });
  const logistics = numberColumn(data, options.logisticsColumn, { min: 0 });
  const days = numberColumn(data, options.daysColumn, { min: 0 });
  const market = options.marketPriceColumn
    ? marketPrices(
        items,
        data.rows.map((r) => r[requireColumn(data, options.marketPriceColumn)]),
        `${data.name}, column ${options.marketPriceColumn}`,
      )
    : {};
  const units = options.unitsColumn ? numberColumn(data, options.unitsColumn, { min: 0 }) : undefined;
  const lines = items.map((item, i) => ({ item, segment: segments[i], unitCost: unitCost[i], logisticsCostPerUnit: logistics[i], daysOfInventory: days[i], ...(units ? { quantity: units[i] } : {}) }));
  const policy = { carryingRate: options.carryingRate, markup: options.markup, marketPrices: market };

  step.progress(1, 3, `Pricing ${lines.length} lines (${options.engine === "service" ? "on the service" : "in this browser"})`);
  signal.throwIfAborted();
  let prices: TransferPrice[];
  if (options.engine === "service") {
    if (!client) throw new Error("Computing on the service needs a sign-in (Settings), or choose “In this browser”.");
    prices = (await client.compute("transfer-price", { lines, policy }, { signal })).prices;
  } else {
    prices = transferPrices(lines, policy);
  }

  step.progress(2, 3, "Writing the transfer prices");
  signal.throwIfAborted();
  const r2 = (x: number) => Math.round(x * 100) / 100;
  // With units, each line's period totals go beside it: the segment P&L reads them from this sheet.
  const totals = (p: TransferPrice): CellValue[] => (p.quantity === null ? [] : [p.quantity, r2(p.quantity * p.carryingCostPerUnit), r2(p.quantity * (p.price - p.costBase))]);
  await workbook.writeTable({
    name: TRANSFER_TABLE,
    headers: ["Item", "Segment", "UnitCost", "LogisticsPerUnit", "CarryingPerUnit", "CostBase", "MarkupPerUnit", "TransferPrice", "CappedAtMarket", ...(units ? TRANSFER_TOTAL_HEADERS : [])],
    rows: prices.map((p) => [p.item, p.segment, r2(p.unitCost), r2(p.logisticsCostPerUnit), r2(p.carryingCostPerUnit), r2(p.costBase), r2(p.markupPerUnit), r2(p.price), p.cappedAtMarket ? "yes" : "no", ...totals(p)]),
  });
  step.progress(3, 3, "Done");
  return { lines: prices.length, capped: prices.filter((p) => p.cappedAtMarket).length, segments: summarise(prices), withUnits: units !== undefined };
}
