import { sheetExtent, type ExampleSheet } from "../workbook/examples";
import { blocks, PAYLOAD_BUDGET_BYTES, rowsPerChunk, syncEach } from "./chunks";

export interface InsertedExamples {
  /** the worksheet names used (a name already taken gets " 2", " 3", …) */
  sheets: string[];
  formulas: number;
  syncs: number;
}

/** A worksheet name not yet in `taken` (case-insensitive, at most 31 characters). */
export function freeSheetName(name: string, taken: Set<string>): string {
  for (let k = 1; ; k++) {
    const candidate = k === 1 ? name : `${name.slice(0, 31 - ` ${k}`.length)} ${k}`;
    if (!taken.has(candidate.toLowerCase())) {
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  }
}

/**
 * "Insert examples": adds the example sheets to the open workbook, each as
 * one block written through `range.formulas` (constants and `=TIER.…`
 * formulas alike), so Excel parses every formula and binds it to the loaded
 * add-in. Sheets never overwrite the planner's: a taken name gets a number.
 * Blocks of rows are sized under the request limit, one sync each.
 */
export async function insertExamples(context: Excel.RequestContext, sheets: ExampleSheet[], budget = PAYLOAD_BUDGET_BYTES): Promise<InsertedExamples> {
  const worksheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  const taken = new Set(worksheets.items.map((s) => s.name.toLowerCase()));
  let syncs = 1;
  const names: string[] = [];
  let formulas = 0;
  // One grid per sheet: constants as they are, formulas with "=", blanks (and spill cells) as "".
  const plans = sheets.map((sheet) => {
    const name = freeSheetName(sheet.name, taken);
    names.push(name);
    const { rows, columns } = sheetExtent(sheet);
    const grid: Array<Array<string | number>> = Array.from({ length: rows }, () => new Array<string | number>(columns).fill(""));
    for (const c of sheet.cells) grid[c.row - 1][c.column - 1] = c.value ?? "";
    for (const f of sheet.formulas) grid[f.row - 1][f.column - 1] = `=${f.formula}`;
    formulas += sheet.formulas.length;
    const styled = sheet.cells.filter((c) => c.style);
    return { name, grid, columns, styled, chunks: blocks(rows, rowsPerChunk(grid, budget)) };
  });
  // Every block of every sheet, in order; the first block of a sheet also adds the sheet.
  const work = plans.flatMap((plan) => plan.chunks.map((chunk, i) => ({ plan, chunk, first: i === 0, last: i === plan.chunks.length - 1 })));
  const added = new Map<string, Excel.Worksheet>();
  await syncEach(context, work.length, (index) => {
    const { plan, chunk, first, last } = work[index];
    const sheet = first ? context.workbook.worksheets.add(plan.name) : added.get(plan.name)!;
    added.set(plan.name, sheet);
    sheet.getRangeByIndexes(chunk.start, 0, chunk.count, plan.columns).formulas = plan.grid.slice(chunk.start, chunk.start + chunk.count);
    if (last) {
      for (const c of plan.styled) {
        const font = sheet.getRangeByIndexes(c.row - 1, c.column - 1, 1, 1).format.font;
        if (c.style === "header") font.bold = true;
        else font.italic = true;
      }
      sheet.getRangeByIndexes(0, 0, 1, plan.columns).getEntireColumn().format.columnWidth = 84;
    }
  });
  syncs += work.length;
  const firstSheet = added.get(names[0]);
  if (firstSheet) {
    firstSheet.activate();
    await context.sync();
    syncs++;
  }
  return { sheets: names, formulas, syncs };
}
