import { CHANGED_FILL, columnIndex, type ChangeMarks } from "../workbook/workbook";
import { blocks, syncEach } from "./chunks";

/*
 * The sheet side of "what changed": the refreshed segment cells get a fill,
 * and "Go to row" selects an entity's row. Each function takes the request
 * context of an `Excel.run`.
 */

/** Consecutive rows as runs (start, count): one range per run instead of one per cell. */
export function rowRuns(rows: readonly number[]): Array<{ start: number; count: number }> {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: Array<{ start: number; count: number }> = [];
  for (const row of sorted) {
    const last = runs.at(-1);
    if (last && last.start + last.count === row) last.count++;
    else runs.push({ start: row, count: 1 });
  }
  return runs;
}

/** Runs per sync: each queued fill is a few hundred bytes of request, so a block stays far under Excel on the web's 5 MB. */
const RUNS_PER_SYNC = 2000;

/**
 * Clears the column's fill (the Segment column is Tierline's: the previous
 * refresh's marks go), then fills the changed cells. A table without that
 * column is left alone.
 */
export async function markChangedCells(context: Excel.RequestContext, marks: ChangeMarks): Promise<void> {
  const table = context.workbook.tables.getItem(marks.table);
  const header = table.getHeaderRowRange().load("values");
  await context.sync();
  const index = columnIndex(header.values[0].map(String), marks.column);
  if (index < 0) return;
  const column = table.columns.getItemAt(index).getDataBodyRange();
  column.format.fill.clear();
  const runs = rowRuns(marks.rows);
  const chunks = blocks(runs.length, RUNS_PER_SYNC);
  if (chunks.length === 0) return context.sync();
  await syncEach(context, chunks.length, (k) => {
    for (const run of runs.slice(chunks[k].start, chunks[k].start + chunks[k].count)) {
      column.getCell(run.start, 0).getResizedRange(run.count - 1, 0).format.fill.color = CHANGED_FILL;
    }
  });
}

/** Activates the table's worksheet and selects one data row of the table (0-based). */
export async function selectTableRow(context: Excel.RequestContext, tableName: string, row: number): Promise<void> {
  const table = context.workbook.tables.getItem(tableName);
  const body = table.getDataBodyRange().load("rowCount");
  await context.sync();
  if (row < 0 || row >= body.rowCount) throw new Error(`table ${tableName} has no row ${row + 1} (it has ${body.rowCount})`);
  table.worksheet.activate();
  body.getRow(row).select();
  await context.sync();
}
