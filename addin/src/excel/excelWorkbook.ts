import type { ChangeMarks, ChartSpec, ColumnValues, HeatMapSpec, TableData, TableTag, Workbook } from "../workbook/workbook";
import { markChangedCells, selectTableRow } from "./changeMarks";
import { drawChart } from "./charts";
import { goToSheet } from "./goToSheet";
import { applyHeatMap } from "./heatMap";
import { listTables, readSelection, readTable, writeColumns, writeTable } from "./tables";
import { managedTables, setTag } from "./tags";
import { deleteColumns, filterTable } from "./tableColumns";
import type { ExampleSheet } from "../workbook/examples";
import { clearServiceFunctionCaches } from "../settings/serviceSettings";
import { insertExamples } from "./examples";
import { recalculateAll } from "./recalculate";
import { readCurrency } from "./currency";
import { readWorkbookServiceUrl, writeWorkbookServiceUrl } from "./workbookSettings";

/** How a call gets its request context: `Excel.run` inside Excel; a test or benchmark hands in a fake. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The workbook the panes see inside Excel: each call one `Excel.run` over a function of this folder. */
export class ExcelWorkbook implements Workbook {
  readonly kind = "excel" as const;
  constructor(private readonly run: ExcelRunner = (batch) => Excel.run(batch)) {}
  listTables() {
    return this.run((context) => listTables(context));
  }
  readTable(name: string) {
    return this.run((context) => readTable(context, name));
  }
  readSelection() {
    return this.run((context) => readSelection(context));
  }
  writeColumns(table: string, columns: ColumnValues[]) {
    return this.run((context) => writeColumns(context, table, columns));
  }
  deleteColumns(table: string, columns: string[]) {
    return this.run((context) => deleteColumns(context, table, columns));
  }
  filterTable(table: string, column: string, values: string[] | undefined) {
    return this.run((context) => filterTable(context, table, column, values));
  }
  writeTable(table: TableData) {
    return this.run((context) => writeTable(context, table));
  }
  drawChart(chart: ChartSpec) {
    return this.run((context) => drawChart(context, chart));
  }
  applyHeatMap(spec: HeatMapSpec) {
    return this.run((context) => applyHeatMap(context, spec));
  }
  managedTables() {
    return this.run((context) => managedTables(context));
  }
  setTag(table: string, tag: TableTag) {
    return this.run((context) => setTag(context, table, tag));
  }
  markChanges(marks: ChangeMarks) {
    return this.run((context) => markChangedCells(context, marks));
  }
  goToSheet(name: string) {
    return this.run((context) => goToSheet(context, name));
  }
  selectRow(table: string, row: number) {
    return this.run((context) => selectTableRow(context, table, row));
  }
  insertExamples(sheets: ExampleSheet[]) {
    return this.run((context) => insertExamples(context, sheets));
  }
  recalculateServiceFunctions() {
    return this.run((context) => recalculateAll(context, clearServiceFunctionCaches));
  }
  serviceUrl() {
    return this.run((context) => readWorkbookServiceUrl(context));
  }
  setServiceUrl(url: string) {
    return this.run((context) => writeWorkbookServiceUrl(context, url));
  }
  currency() {
    return this.run((context) => readCurrency(context));
  }
}
