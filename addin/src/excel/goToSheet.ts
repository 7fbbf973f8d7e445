import { sheetNameFor } from "./tables";

/**
 * "Go to sheet": brings the worksheet a result was written on to the front.
 * A name is looked up as a table first (the sheet it lives on, wherever a
 * planner moved it), then as a worksheet named as writeTable names them.
 */
export async function goToSheet(context: Excel.RequestContext, name: string): Promise<void> {
  const table = context.workbook.tables.getItemOrNullObject(name);
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetNameFor(name));
  await context.sync();
  // A navigation property of a table that exists: it needs no load.
  const target = !table.isNullObject ? table.worksheet : !sheet.isNullObject ? sheet : undefined;
  if (!target) throw new Error(`the workbook has no table or sheet named "${name}": run again to write it`);
  target.activate();
  await context.sync();
}
