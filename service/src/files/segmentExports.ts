import ExcelJS from "exceljs";
import { csvCell } from "./csvCell";
import type { Assignment } from "../store/assignments";

export function segmentsAsCsv(assignments: readonly Assignment[]): string {
  return ["entity_id,segment", ...assignments.map((a) => `${csvCell(a.entityId)},${csvCell(a.segment)}`)].join("\n") + "\n";
}

/** A workbook with one table, `TierlineSegments`, that the add-in's refresh recognises. */
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
