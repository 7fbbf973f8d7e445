import { sumTransferCharges, type SegmentTransferCharge } from "../../../../shared/src/cost";
import type { Workbook } from "../../workbook/workbook";
import { idColumn, numberColumn } from "./tableInput";
import { TRANSFER_TABLE, TRANSFER_TOTAL_HEADERS } from "./transferPriceRun";

/**
 * The transfer prices' period totals per segment, read back from the sheet
 * the Transfer prices section wrote, so the P&L uses what the planner sees
 * there (and any line the planner deleted stays out).
 */
export async function readTransferCharges(workbook: Workbook): Promise<SegmentTransferCharge[]> {
  const tables = await workbook.listTables();
  const sheet = tables.find((t) => t.name === TRANSFER_TABLE);
  if (!sheet) throw new Error(`No transfer prices yet: price the transfers first (Transfer prices, below), with the Units column, then compute the P&L.`);
  if (!TRANSFER_TOTAL_HEADERS.every((h) => sheet.headers.includes(h)))
    throw new Error(`${TRANSFER_TABLE} has no units: pick the Units column under Transfer prices and price again, so each segment's carrying cost can be summed.`);
  const data = await workbook.readTable(TRANSFER_TABLE);
  const segments = idColumn(data, "Segment");
  const [units, carrying, margin] = [numberColumn(data, "Units", { min: 0 }), numberColumn(data, "CarryingCost", { min: 0 }), numberColumn(data, "TransferMargin")];
  return sumTransferCharges(segments.map((segment, i) => ({ segment, units: units[i], inventoryCarrying: carrying[i], transferMargin: margin[i] })));
}
