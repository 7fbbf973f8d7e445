import ExcelJS from "exceljs";
import { csvCell } from "./csvCell";
import type { Assignment } from "../store/assignments";

export function segmentsAsCsv(assignments: readonly Assignment[]): string {
  return ["entity_id,segment", ...assignments.map((a) => `${csvCell(a.entityId)},${csvCell(a.segment)}`)].join("\n") + "\n";
}

/**
 * A workbook with one table, `TierlineSegments`, that the add-in's refresh recognises.
 * Ids and labels go in as they are: exceljs writes a string as a shared string (`t="s"`,
 * never a formula, which would be an `<f>` element), and Excel shows one as text
 * without evaluating it; an apostrophe here would be shown as part of the id.
 */
export async function segmentsAsXlsx(dimension: string, version: number, assignments: readonly Assignment[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tierline";
  const sheet = workbook.addWorksheet(`${dimension} segments`);
  sheet.addTable({
    name: "TierlineSegments",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "entity_id" }, { name: "segment" }],
    rows: assignments.map((a) => [a.entityId, a.segment]),
  });
  sheet.getCell("D1").value = "version";
  sheet.getCell("E1").value = version;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
