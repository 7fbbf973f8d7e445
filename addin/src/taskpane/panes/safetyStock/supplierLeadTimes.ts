import type { ServiceClient } from "../../../api/serviceClient";
import type { CellValue, ColumnValues } from "../../../workbook/workbook";

export const SUPPLIER_LEAD_TIME = "SupplierLeadTime";
export const SUPPLIER_LEAD_TIME_SD = "SupplierLeadTimeSd";
/** The sourcing route's largest page. */
const PAGE = 1000;

/**
 * Each product's lead time and its spread as its supplier's history shows
 * them (GET /suppliers/sourcing, in days), converted to periods of
 * `periodDays`, as two columns for the safety-stock run. A product the
 * service does not know, or whose supplier has no history, gets blank cells.
 */
export async function supplierLeadTimeColumns(client: ServiceClient, ids: readonly CellValue[], periodDays: number): Promise<{ columns: ColumnValues[]; matched: number }> {
  const byProduct = new Map<string, { mean: number; sd: number }>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.call("readSourcing", { query: { limit: PAGE, offset } });
    for (const item of page.items) {
      if (item.leadTimeMeanDays !== null && item.leadTimeSdDays !== null) byProduct.set(item.productId, { mean: item.leadTimeMeanDays, sd: item.leadTimeSdDays });
    }
    if (offset + PAGE >= page.total) break;
  }
  const found = ids.map((id) => (id === null ? undefined : byProduct.get(String(id).trim())));
  return {
    columns: [
      { header: SUPPLIER_LEAD_TIME, values: found.map((f) => (f ? f.mean / periodDays : null)) },
      { header: SUPPLIER_LEAD_TIME_SD, values: found.map((f) => (f ? f.sd / periodDays : null)) },
    ],
    matched: found.filter(Boolean).length,
  };
}
