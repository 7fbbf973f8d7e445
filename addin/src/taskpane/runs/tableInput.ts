import { readNumber, requireNumber, type NumberRule } from "../../../../shared/src/validation";
import { columnIndex, type CellValue, type TableData, type Workbook } from "../../workbook/workbook";

export type TableSource = { kind: "table"; table: string } | { kind: "selection" };

/** The rows to work on: a named table, or the selection (written back as a result table, a selection is not a table). */
export async function readSource(workbook: Workbook, source: TableSource): Promise<{ data: TableData; writable: boolean }> {
  if (source.kind === "table") return { data: await workbook.readTable(source.table), writable: true };
  return { data: await workbook.readSelection(), writable: false };
}

/** The index of a column that must exist, with a message naming the table and its columns. */
export function requireColumn(data: TableData, header: string): number {
  const index = columnIndex(data.headers, header);
  if (index < 0) throw new Error(`${data.name} has no column "${header}" (columns: ${data.headers.join(", ")})`);
  return index;
}

/** Ids of a column as text; a blank id names its row (1-based). */
export function idColumn(data: TableData, header: string): string[] {
  const index = requireColumn(data, header);
  return data.rows.map((row, i) => {
    const v: CellValue = row[index];
    if (v === null || String(v).trim() === "") throw new Error(`${data.name}, column ${header}, row ${i + 1}: the id is blank`);
    return String(v).trim();
  });
}

/**
 * Numbers of a column, read as the worksheet functions and the panes read
 * them ("1,234", "25%" → 0.25); a blank, text or a number outside `rule`
 * names the table, the column and the 1-based row.
 */
export function numberColumn(data: TableData, header: string, rule: NumberRule = {}): number[] {
  const index = requireColumn(data, header);
  return data.rows.map((row, i) => requireNumber(row[index], `${data.name}, column ${header}, row ${i + 1}`, rule));
}

/** Headers whose every cell reads as a number as {@link numberColumn} reads it (blank allowed): the columns offered as criteria. */
export function numericHeaders(data: { headers: string[]; rows: CellValue[][] }): string[] {
  return data.headers.filter((_, j) => data.rows.length > 0 && data.rows.every((row) => readNumber(row[j]).kind !== "error"));
}
